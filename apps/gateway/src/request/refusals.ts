import { HeaderMap } from '@apollo/server';
import type { AccessError } from '@mosaic/access';
import { GraphQLError } from 'graphql';

const ACCESS_STATUS = { UNAUTHENTICATED: 401, PURPOSE_REQUIRED: 400, FORBIDDEN: 403 } as const;

/**
 * The typed error of a request refused before any subgraph is called: it
 * carries the reason (what to fix) and the HTTP status a client library can
 * act on.
 */
export function accessRefusal(error: AccessError): GraphQLError {
  // RFC 6750: a 401 names the scheme that would be accepted.
  const headers =
    error.code === 'UNAUTHENTICATED'
      ? new HeaderMap([['www-authenticate', 'Bearer realm="mosaic"']])
      : new HeaderMap();
  return new GraphQLError(error.reason, {
    extensions: {
      code: error.code,
      ...(error.field !== undefined ? { field: error.field } : {}),
      http: { status: ACCESS_STATUS[error.code], headers },
    },
  });
}

/** Too many operations from one user: says when the next one is accepted (also as Retry-After). */
export function rateLimited(limitPerMinute: number, retryAfterMs: number): GraphQLError {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new GraphQLError(
    `more than ${limitPerMinute} operations in a minute; try again in ${retryAfterSeconds} s`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        retryAfterSeconds,
        http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
      },
    },
  );
}
