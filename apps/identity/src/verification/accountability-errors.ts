import { GraphQLError } from 'graphql';

/**
 * The typed refusals of two-person verification and disputes. Each carries
 * `extensions.code` (and, for evidence, `extensions.issues` naming the field),
 * so a client can tell the person what to do differently.
 */
export type AccountabilityCode =
  'SELF_CONFIRMATION' | 'DUPLICATE_CONFIRMATION' | 'EVIDENCE_REQUIRED' | 'CONFLICT';

export function accountabilityError(
  code: AccountabilityCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export function evidenceRequiredError(field: string, reason: string): GraphQLError {
  return accountabilityError('EVIDENCE_REQUIRED', `${field}: ${reason}`, {
    issues: [{ field, reason }],
  });
}

/** PostgreSQL's error code on a driver error (unique_violation 23505, check_violation 23514). */
export function sqlState(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { driverError?: unknown }).driverError;
  }
  return null;
}
