import type { IncomingHttpHeaders } from 'node:http';
import { bearerToken, type Principal, type TokenVerifier } from '@mosaic/access';

/**
 * Establishes who a gateway request runs for: the one seam authentication
 * goes through.
 */
export interface Authenticator {
  /** Resolves the caller, or rejects with an AccessError UNAUTHENTICATED saying why. */
  authenticate(headers: IncomingHttpHeaders): Promise<Principal>;
}

export const AUTHENTICATOR = Symbol('AUTHENTICATOR');

/**
 * `Authorization: Bearer <JWT>`, checked by @mosaic/access: signature,
 * algorithm, issuer, audience, expiry and roles.
 */
export class JwtAuthenticator implements Authenticator {
  constructor(private readonly verifier: TokenVerifier) {}

  async authenticate(headers: IncomingHttpHeaders): Promise<Principal> {
    return this.verifier.verify(bearerToken(headers.authorization));
  }
}
