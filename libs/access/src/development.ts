import type { AuthConfig } from '@mosaic/config';
import type { Purpose, Role } from './roles';
import { accessHeaders } from './purpose';
import { developmentSecret, mintToken } from './token';

/**
 * A token a development setup accepts (`mosaic token`, `npm start`, tests):
 * signed with the secret the services read from the same config.
 */
export function developmentToken(
  auth: AuthConfig,
  options: { user: string; roles: readonly Role[]; ttlSeconds?: number; now?: Date },
): Promise<string> {
  return mintToken({
    ...options,
    secret: developmentSecret(auth),
    issuer: auth.issuer,
    audience: auth.audience,
  });
}

/** The headers of a development request: a fresh token for `user` plus the purpose and case. */
export async function developmentAccessHeaders(
  auth: AuthConfig,
  options: { user: string; roles: readonly Role[]; purpose: Purpose; caseNumber: string },
): Promise<Record<string, string>> {
  const token = await developmentToken(auth, { user: options.user, roles: options.roles });
  return accessHeaders({ token, purpose: options.purpose, caseNumber: options.caseNumber });
}
