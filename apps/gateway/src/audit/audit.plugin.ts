import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { CASE_HEADER, PURPOSE_HEADER } from '@mosaic/access';
import { digest, type AuditLog, type AuditRecordInput } from '@mosaic/audit-data';
import { logger } from '@mosaic/service-kit';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../request/gateway-context';
import { auditOutcome, describeErrors, errorCodeOf } from './audit-outcome';

/** What the audit entry is made of, from the gateway's request context. */
export type AuditedContext = Pick<GatewayContext, 'requestId' | 'principal' | 'purpose' | 'trail'>;

export interface AuditPluginOptions {
  auditLog: Pick<AuditLog, 'append'>;
  clock: () => Date;
}

/** What the client gets instead of the result when the audit log cannot record the request. */
export const AUDIT_UNAVAILABLE_ERROR: GraphQLFormattedError = {
  message:
    'The audit log could not record this request, so its result is withheld; try again shortly',
  extensions: { code: 'AUDIT_UNAVAILABLE' },
};

type WillSendResponse<TContext extends AuditedContext> =
  GraphQLRequestContextWillSendResponse<TContext>;

/**
 * Why the request did not simply succeed: its errors, and the reasons its
 * token or purpose failed when no error says so already (a request refused
 * for its token keeps what was wrong with its purpose too).
 */
function detailOf(errors: readonly GraphQLFormattedError[], context: AuditedContext): string {
  const described = describeErrors(errors) ?? '';
  const checks = [
    ['token', context.principal],
    ['purpose', context.purpose],
  ] as const;
  const unmentioned = checks.flatMap(([what, check]) =>
    check && !check.ok && !described.includes(check.error.reason)
      ? [`${what}: ${check.error.reason}`]
      : [],
  );
  return [described, ...unmentioned].filter((part) => part !== '').join('; ');
}

/** The entry for one request, from what the client is about to receive. */
export function auditRecordOf<TContext extends AuditedContext>(
  requestContext: WillSendResponse<TContext>,
  at: Date,
): AuditRecordInput {
  const { request, contextValue: context, response } = requestContext;
  const body = response.body;
  const result = body.kind === 'single' ? body.singleResult : body.initialResult;
  const errors = result.errors ?? [];
  const principal = context.principal?.ok ? context.principal.value : null;
  const purpose = context.purpose?.ok ? context.purpose.value : null;
  // A refused purpose is still recorded as claimed: who tried which purpose for which case.
  const claimed = (header: string) => request.http?.headers.get(header) ?? null;
  const outcome = auditOutcome(result.data, errors);
  return {
    at,
    requestId: context.requestId ?? null,
    user: principal?.user ?? null,
    roles: principal ? [...principal.roles] : [],
    purpose: purpose ? purpose.purpose : claimed(PURPOSE_HEADER),
    caseNumber: purpose ? purpose.caseNumber : claimed(CASE_HEADER),
    operationName: requestContext.operationName ?? request.operationName ?? null,
    operationType: requestContext.operation?.operation ?? null,
    documentHash: typeof request.query === 'string' ? digest(request.query) : null,
    variablesDigest: request.variables === undefined ? null : digest(request.variables),
    personIds: [...(context.trail?.personIds ?? [])],
    decisionIds: [...(context.trail?.decisionIds ?? [])],
    outcome,
    errorCodes: errors.map(errorCodeOf),
    detail: outcome === 'OK' ? null : detailOf(errors, context),
  };
}

/**
 * Writes exactly one audit entry per GraphQL request, whatever its outcome,
 * once the response is final (DESIGN.md "Accountability controls" 2). When
 * the entry cannot be written the response is withheld: the client gets one
 * AUDIT_UNAVAILABLE error and no data (fail closed). A mutation's effect has
 * happened by then and stays; only its answer is withheld.
 */
export function auditPlugin<TContext extends AuditedContext>(
  options: AuditPluginOptions,
): ApolloServerPlugin<TContext> {
  const log = logger.child({ component: 'audit' });
  return {
    async requestDidStart() {
      return {
        async willSendResponse(requestContext) {
          const record = auditRecordOf(requestContext, options.clock());
          try {
            await options.auditLog.append(record);
          } catch (error) {
            // The record goes to the log stream at least, so what was withheld can be traced.
            log.error(
              { reason: error instanceof Error ? error.message : String(error), record },
              'audit entry not written; response withheld',
            );
            requestContext.response.body = {
              kind: 'single',
              singleResult: { errors: [AUDIT_UNAVAILABLE_ERROR] },
            };
            requestContext.response.http.status = 503;
          }
        },
      };
    },
  };
}
