import { CASE_HEADER, PURPOSE_HEADER } from '@mosaic/access';
import { digest, type AuditLog, type AuditRecordInput } from '@mosaic/audit-data';
import { logger, type ServiceMetrics } from '@mosaic/service-kit';
import { GraphQLError } from 'graphql';
import type { Response } from 'express';
import { AUDIT_UNAVAILABLE_ERROR } from '../audit';
import type { GatewayContext } from './gateway-context';
import { headerOf, markAuditedByPlugin } from './refusal-audit';
import { accessRefusal, rateLimited } from './refusals';
import type { SlidingWindowLimiter } from './sliding-window-limiter';

export interface AuthenticationGateOptions {
  auditLog: Pick<AuditLog, 'append'>;
  clock: () => Date;
  /** Requests without a valid token, per caller address. */
  anonymousLimiter: SlidingWindowLimiter;
  anonymousRateLimitPerMinute: number;
  /** Counts the refusal where the operation plugins would (they never see it). */
  metrics?: ServiceMetrics;
}

/** What a client sees when the refusal itself could not be recorded: the audit plugin's fail-closed answer. */
const AUDIT_UNAVAILABLE = new GraphQLError(AUDIT_UNAVAILABLE_ERROR.message, {
  extensions: { ...AUDIT_UNAVAILABLE_ERROR.extensions, http: { status: 503 } },
});

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * Refuses a request without a valid token before its document is parsed or
 * validated, so an unauthenticated caller learns nothing about the schema
 * (not even which fields exist), and counts it against the caller's address.
 * The refusal is audited before the answer leaves, as every request is; the
 * entry names the document and variables by digest only.
 */
export function authenticationGate(options: AuthenticationGateOptions) {
  const log = logger.child({ component: 'authentication-gate' });
  return async (context: GatewayContext, res: Response): Promise<void> => {
    if (context.principal.ok) return;
    const address = context.req.socket?.remoteAddress ?? 'unknown';
    const slot = options.anonymousLimiter.take(address);
    const refusal = slot.allowed
      ? accessRefusal(context.principal.error)
      : rateLimited(options.anonymousRateLimitPerMinute, slot.retryAfterMs);
    const body = (context.req.body ?? {}) as Record<string, unknown>;
    const record: AuditRecordInput = {
      at: options.clock(),
      requestId: context.requestId,
      user: null,
      roles: [],
      purpose: headerOf(context.req, PURPOSE_HEADER),
      caseNumber: headerOf(context.req, CASE_HEADER),
      operationName: text(body['operationName']),
      operationType: null,
      documentHash: typeof body['query'] === 'string' ? digest(body['query']) : null,
      variablesDigest: body['variables'] === undefined ? null : digest(body['variables']),
      personIds: [],
      decisionIds: [],
      outcome: 'DENIED',
      errorCodes: [String(refusal.extensions['code'])],
      detail: `token: ${context.principal.error.reason} (refused before the document was read)`,
    };
    // The answer below is this request's whole answer: no plugin will audit it again.
    markAuditedByPlugin(res);
    try {
      await options.auditLog.append(record);
    } catch (error) {
      log.error(
        { reason: error instanceof Error ? error.message : String(error), record },
        'audit entry not written; refusal withheld',
      );
      throw AUDIT_UNAVAILABLE;
    }
    // Refused before GraphQL runs, so the operation plugins never see it: logged and counted here.
    const code = String(refusal.extensions['code']);
    const operation = options.metrics?.operationLabel(record.operationName) ?? 'anonymous';
    options.metrics?.graphqlRequests.inc({ operation_name: operation, operation_type: 'unknown' });
    options.metrics?.graphqlErrors.inc({ operation_name: operation, code });
    log.info({ code, operationName: operation }, 'graphql client error');
    throw refusal;
  };
}
