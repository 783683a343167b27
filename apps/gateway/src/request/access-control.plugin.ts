import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './gateway-context';
import { accessRefusal, rateLimited } from './refusals';
import { SlidingWindowLimiter } from './sliding-window-limiter';

export interface AccessControlOptions {
  /** Operations one user may send in any minute. */
  rateLimitPerMinute: number;
  /** Operations without a valid token one address may send in any minute. */
  anonymousRateLimitPerMinute: number;
  /** The per-address limiter, when another stage (the authentication gate) shares it. */
  anonymousLimiter?: SlidingWindowLimiter;
  now?: () => number;
}

const MINUTE = 60_000;

/** The caller's address as this process sees it (behind a proxy: the proxy's). */
function addressOf(context: Pick<GatewayContext, 'req'>): string {
  return context.req?.socket?.remoteAddress ?? 'unknown';
}

/**
 * Refuses, once the operation is known and before any subgraph is called, a
 * request without a valid token (UNAUTHENTICATED), without a well-formed
 * purpose and case (PURPOSE_REQUIRED), with a purpose the caller's roles may
 * not use (FORBIDDEN), or beyond the caller's rate (RATE_LIMITED). Every
 * authenticated request counts against its user's rate, refused or not, so
 * probing with bad purposes is limited too; requests without a valid token
 * count against their address, so guessing tokens is limited as well. Both
 * limits hold over any minute (a sliding window), not per calendar minute.
 */
export function accessControlPlugin(
  options: AccessControlOptions,
): ApolloServerPlugin<GatewayContext> {
  const now = options.now ?? Date.now;
  const users = new SlidingWindowLimiter({
    limit: options.rateLimitPerMinute,
    windowMs: MINUTE,
    now,
  });
  const addresses =
    options.anonymousLimiter ??
    new SlidingWindowLimiter({ limit: options.anonymousRateLimitPerMinute, windowMs: MINUTE, now });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue }) {
          const { principal, purpose } = contextValue;
          if (!principal.ok) {
            const slot = addresses.take(addressOf(contextValue));
            if (!slot.allowed) {
              throw rateLimited(options.anonymousRateLimitPerMinute, slot.retryAfterMs);
            }
            throw accessRefusal(principal.error);
          }
          const slot = users.take(principal.value.user);
          if (!slot.allowed) throw rateLimited(options.rateLimitPerMinute, slot.retryAfterMs);
          if (!purpose.ok) throw accessRefusal(purpose.error);
        },
      };
    },
  };
}
