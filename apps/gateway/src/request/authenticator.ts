import type { IncomingHttpHeaders } from 'node:http';
import type { RequestIdentity } from '@mosaic/service-kit';
import { GraphQLError } from 'graphql';

/**
 * Establishes who a gateway request runs for. The one seam authentication goes
 * through: the development implementation trusts headers; the JWT one
 * (accountability issue) replaces it here, and nothing downstream changes.
 */
export interface Authenticator {
  /** Resolves the identity, or rejects with an `UNAUTHENTICATED` GraphQLError. */
  authenticate(request: { headers: IncomingHttpHeaders }): Promise<RequestIdentity>;
}

export const AUTHENTICATOR = Symbol('AUTHENTICATOR');

/** The typed error of a request whose credentials cannot be accepted; it gets no data. */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}
