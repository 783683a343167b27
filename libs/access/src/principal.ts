import type { Purpose, Role } from './roles';

/** Who a verified token says the caller is. */
export interface Principal {
  user: string;
  roles: Role[];
  /** The token's `jti`, when it has one. */
  tokenId: string | null;
  expiresAt: Date;
}

/** A principal acting under a declared purpose, for one case. */
export interface AccessContext extends Principal {
  purpose: Purpose;
  caseNumber: string;
}
