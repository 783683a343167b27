/** The roles a Mosaic token may carry. */
export const ROLES = [
  'ANALYST',
  'OFFICER',
  'REVIEWER',
  'SUPERVISOR',
  'OVERSIGHT',
  'ADMIN',
] as const;
export type Role = (typeof ROLES)[number];

/** Why an operation runs; every operation declares one (DESIGN.md "Accountability controls"). */
export const PURPOSES = [
  'CASE_INVESTIGATION',
  'IDENTITY_VERIFICATION',
  'OVERSIGHT_AUDIT',
  'DATA_QUALITY',
] as const;
export type Purpose = (typeof PURPOSES)[number];

/** The request header carrying the purpose code. */
export const PURPOSE_HEADER = 'x-mosaic-purpose';
/** The request header carrying the case number the operation is for. */
export const CASE_HEADER = 'x-mosaic-case';
/** A case number, e.g. CASE-2026-000123: an agency prefix, a year, a sequence. */
export const CASE_NUMBER_PATTERN = /^[A-Z]{2,8}-\d{4}-\d{1,8}$/;

/**
 * Which roles may act under which purpose. OVERSIGHT audits and does nothing
 * else, so a token holding only OVERSIGHT can never read personal data under a
 * borrowed purpose.
 */
export const PURPOSE_ROLES: Readonly<Record<Purpose, readonly Role[]>> = {
  CASE_INVESTIGATION: ['ANALYST', 'OFFICER', 'REVIEWER', 'SUPERVISOR'],
  IDENTITY_VERIFICATION: ['OFFICER', 'REVIEWER', 'SUPERVISOR'],
  OVERSIGHT_AUDIT: ['OVERSIGHT'],
  DATA_QUALITY: ['REVIEWER', 'SUPERVISOR', 'ADMIN'],
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isPurpose(value: unknown): value is Purpose {
  return typeof value === 'string' && (PURPOSES as readonly string[]).includes(value);
}
