import type { AuditOutcome } from '@mosaic/audit-data';
import type { GraphQLFormattedError } from 'graphql';

/**
 * Codes that mean the gateway (or a subgraph's field check) refused the
 * request, rather than failed to serve it. A validation failure is a refusal
 * too: the document was never executed.
 */
export const DENIAL_CODES: ReadonlySet<string> = new Set([
  'UNAUTHENTICATED',
  'PURPOSE_REQUIRED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'GRAPHQL_VALIDATION_FAILED',
]);

/** What Apollo Server calls an error that carries no code of its own. */
const UNCODED = 'INTERNAL_SERVER_ERROR';

export function errorCodeOf(error: GraphQLFormattedError): string {
  const code = error.extensions?.['code'];
  return typeof code === 'string' && code !== '' ? code : UNCODED;
}

/** Whether any top-level field came back with a value. */
function carriesData(data: Record<string, unknown> | null | undefined): boolean {
  return data != null && Object.values(data).some((value) => value != null);
}

/**
 * How a response ends, as the audit log records it: OK without errors;
 * PARTIAL when some data came back with the errors; DENIED when nothing came
 * back and every error is a refusal; FAILED otherwise.
 */
export function auditOutcome(
  data: Record<string, unknown> | null | undefined,
  errors: readonly GraphQLFormattedError[],
): AuditOutcome {
  if (errors.length === 0) return 'OK';
  if (carriesData(data)) return 'PARTIAL';
  return errors.every((error) => DENIAL_CODES.has(errorCodeOf(error))) ? 'DENIED' : 'FAILED';
}

/** The first few errors, one line each, for the entry's `detail`. */
export function describeErrors(errors: readonly GraphQLFormattedError[]): string | null {
  if (errors.length === 0) return null;
  const shown = errors.slice(0, 3).map((error) => {
    const path = error.path && error.path.length > 0 ? ` at ${error.path.join('.')}` : '';
    return `${errorCodeOf(error)}${path}: ${error.message}`;
  });
  const more = errors.length > shown.length ? ` (+${errors.length - shown.length} more)` : '';
  return shown.join('; ') + more;
}
