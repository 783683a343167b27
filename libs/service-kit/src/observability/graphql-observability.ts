import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { ServiceMetrics } from './metrics';

/**
 * Codes that mean the service failed, not the caller: logged at error with
 * the stack. Every other typed code (NOT_FOUND, BAD_USER_INPUT, FORBIDDEN,
 * UNAUTHENTICATED, PURPOSE_REQUIRED, CONFLICT, limits…) is the caller's doing:
 * logged at info, without a stack and without its message, which may quote
 * what the caller sent.
 */
export const SERVER_ERROR_CODES: ReadonlySet<string> = new Set([
  'INTERNAL_SERVER_ERROR',
  'SUBGRAPH_UNAVAILABLE',
  'AUDIT_UNAVAILABLE',
  'DOWNSTREAM_SERVICE_ERROR',
]);

export function errorCodeOf(error: GraphQLError): string {
  const code = error.extensions?.['code'];
  return typeof code === 'string' && code.length > 0 ? code : 'INTERNAL_SERVER_ERROR';
}

export function isClientError(code: string): boolean {
  return !SERVER_ERROR_CODES.has(code);
}

/**
 * Per operation: counts it, times it, counts its errors by code, and logs each
 * error once — a client error at info with its code and path, a server error
 * at error with the original error's stack. Variables and documents are
 * never logged.
 */
export function graphqlObservabilityPlugin(
  metrics: ServiceMetrics,
  log: Logger,
): ApolloServerPlugin<object> {
  return {
    async requestDidStart(start) {
      const began = process.hrtime.bigint();
      let operationType = 'unknown';
      let operationName = metrics.operationLabel(start.request.operationName);
      return {
        async didResolveOperation(context) {
          operationType = context.operation?.operation ?? 'unknown';
          operationName = metrics.operationLabel(context.operationName);
        },
        async didEncounterErrors(context) {
          for (const error of context.errors) {
            const code = errorCodeOf(error);
            metrics.graphqlErrors.inc({ operation_name: operationName, code });
            const fields = {
              operationName,
              code,
              ...(error.path ? { path: error.path.join('.') } : {}),
            };
            if (isClientError(code)) {
              log.info(fields, 'graphql client error');
            } else {
              log.error(
                { ...fields, err: error.originalError ?? error },
                'graphql operation failed',
              );
            }
          }
        },
        async willSendResponse() {
          const labels = { operation_name: operationName, operation_type: operationType };
          metrics.graphqlRequests.inc(labels);
          metrics.graphqlDuration.observe(labels, Number(process.hrtime.bigint() - began) / 1e9);
        },
      };
    },
  };
}
