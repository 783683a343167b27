import { AccessError } from './access-error';
import type { Principal } from './principal';
import {
  CASE_HEADER,
  CASE_NUMBER_PATTERN,
  isPurpose,
  PURPOSE_HEADER,
  PURPOSE_ROLES,
  PURPOSES,
  type Purpose,
} from './roles';

type HeaderValue = string | readonly string[] | null | undefined;

function single(value: HeaderValue): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

/**
 * The purpose and case an operation declares, checked against the caller's
 * roles: missing or malformed → PURPOSE_REQUIRED naming the header; a purpose
 * none of the caller's roles may use → FORBIDDEN.
 */
export function parsePurpose(
  purposeHeader: HeaderValue,
  caseHeader: HeaderValue,
  principal: Pick<Principal, 'roles'>,
): { purpose: Purpose; caseNumber: string } {
  const purpose = single(purposeHeader);
  if (purpose === undefined) {
    throw new AccessError(
      'PURPOSE_REQUIRED',
      `the ${PURPOSE_HEADER} header is missing; declare one of ${PURPOSES.join(', ')}`,
    );
  }
  if (!isPurpose(purpose)) {
    throw new AccessError(
      'PURPOSE_REQUIRED',
      `the ${PURPOSE_HEADER} header ${JSON.stringify(purpose.slice(0, 40))} is not a purpose; use one of ${PURPOSES.join(', ')}`,
    );
  }
  const caseNumber = single(caseHeader);
  if (caseNumber === undefined) {
    throw new AccessError(
      'PURPOSE_REQUIRED',
      `the ${CASE_HEADER} header is missing; every operation names its case (e.g. CASE-2026-000123)`,
    );
  }
  if (!CASE_NUMBER_PATTERN.test(caseNumber)) {
    throw new AccessError(
      'PURPOSE_REQUIRED',
      `the ${CASE_HEADER} header ${JSON.stringify(caseNumber.slice(0, 40))} is not a case number (e.g. CASE-2026-000123)`,
    );
  }
  const allowed = PURPOSE_ROLES[purpose];
  if (!principal.roles.some((role) => allowed.includes(role))) {
    throw new AccessError(
      'FORBIDDEN',
      `purpose ${purpose} is not open to ${principal.roles.join(', ')} (only ${allowed.join(', ')})`,
    );
  }
  return { purpose, caseNumber };
}

/** The headers a client sends for a token, a purpose and a case. */
export function accessHeaders(options: {
  token: string;
  purpose: Purpose;
  caseNumber: string;
}): Record<string, string> {
  return {
    authorization: `Bearer ${options.token}`,
    [PURPOSE_HEADER]: options.purpose,
    [CASE_HEADER]: options.caseNumber,
  };
}
