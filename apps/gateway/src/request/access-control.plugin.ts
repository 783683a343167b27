import type { ApolloServerPlugin } from '@apollo/server';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { GatewayContext } from './gateway-context';
import { accessRefusal, rateLimited } from './refusals';

export interface AccessControlOptions {
  /** Operations one user may send per minute. */
  rateLimitPerMinute: number;
}

/**
 * Refuses, once the operation is known and before any subgraph is called, a
 * request without a valid token (UNAUTHENTICATED), without a well-formed
 * purpose and case (PURPOSE_REQUIRED), with a purpose the caller's roles may
 * not use (FORBIDDEN), or beyond the caller's rate (RATE_LIMITED). Every
 * authenticated request counts against its user's rate, refused or not, so
 * probing with bad purposes is limited too.
 */
export function accessControlPlugin(
  options: AccessControlOptions,
): ApolloServerPlugin<GatewayContext> {
  const limiter = new RateLimiterMemory({ points: options.rateLimitPerMinute, duration: 60 });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue: { principal, purpose } }) {
          if (!principal.ok) throw accessRefusal(principal.error);
          try {
            await limiter.consume(principal.value.user);
          } catch (rejection) {
            if (!(rejection instanceof RateLimiterRes)) throw rejection;
            throw rateLimited(options.rateLimitPerMinute, rejection.msBeforeNext);
          }
          if (!purpose.ok) throw accessRefusal(purpose.error);
        },
      };
    },
  };
}
