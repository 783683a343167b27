import { randomUUID } from 'node:crypto';
import type { AuthConfig, GatewayCredentialConfig } from '@mosaic/config';
import { gatewayCredentialSecret, mintGatewayCredential } from './gateway-credential';
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

/**
 * The headers of a call straight to one subgraph as the gateway makes it (tests,
 * benchmarks of a subgraph alone): the gateway credential of the same config,
 * carrying the caller, purpose, case and a request id.
 */
export async function developmentGatewayHeaders(
  credential: GatewayCredentialConfig,
  options: {
    subgraph: string;
    user: string;
    roles: readonly Role[];
    purpose: Purpose;
    caseNumber: string;
    requestId?: string;
    now?: Date;
    ttlSeconds?: number;
  },
): Promise<Record<string, string>> {
  const now = options.now ?? new Date();
  const token = await mintGatewayCredential(gatewayCredentialSecret(credential), {
    subgraph: options.subgraph,
    access: {
      user: options.user,
      roles: [...options.roles],
      purpose: options.purpose,
      caseNumber: options.caseNumber,
      expiresAt: new Date(now.getTime() + 3_600_000),
    },
    requestId: options.requestId ?? randomUUID(),
    now,
    ...(options.ttlSeconds !== undefined ? { ttlSeconds: options.ttlSeconds } : {}),
  });
  return { authorization: `Bearer ${token}` };
}
