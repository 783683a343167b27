/**
 * How long each source's records are kept, and what "expired" means.
 *
 * A period is a whole number of days of 24 hours (UTC, no calendar arithmetic:
 * leap days and time zones never move a cutoff). A record expires once its
 * reference time lies more than the period before `now`; a record exactly at
 * the cutoff is kept. The reference time is when the source observed the
 * person, not when Mosaic ingested the record: the clock runs from collection,
 * so an old archive imported today is as expired as it would have been.
 *
 * - travel: an encounter's `encountered_at`;
 * - seizure: a case's last activity, the later of its opening and its latest
 *   seizure/apprehension event; every subject of the case goes with it;
 * - fingerprint: an enrollment's `enrolled_at`.
 */

export const RETENTION_SOURCES = ['travel', 'seizure', 'fingerprint'] as const;
export type RetentionSource = (typeof RETENTION_SOURCES)[number];

export const MS_PER_DAY = 86_400_000;

/** The longest period accepted: 100 years of 365 days. */
export const MAX_RETENTION_DAYS = 36_500;

/**
 * Defaults, each taken from the European system that keeps comparable data
 * (the operator sets the real ones, MOSAIC_RETENTION_*_DAYS):
 * - travel 3 years: the Entry/Exit System keeps border crossing records 3 years;
 * - seizure 10 years: case files outlive investigation, trial and appeal, and
 *   trafficking offences commonly have limitation periods of 10 years or more;
 * - fingerprint 10 years: Eurodac keeps asylum applicants' prints 10 years,
 *   the longest period among the enrollment reasons the source records.
 */
export const DEFAULT_RETENTION_DAYS: Readonly<Record<RetentionSource, number>> = {
  travel: 3 * 365,
  seizure: 10 * 365,
  fingerprint: 10 * 365,
};

export const RETENTION_VARIABLES: Readonly<Record<RetentionSource, string>> = {
  travel: 'MOSAIC_RETENTION_TRAVEL_DAYS',
  seizure: 'MOSAIC_RETENTION_SEIZURE_DAYS',
  fingerprint: 'MOSAIC_RETENTION_FINGERPRINT_DAYS',
};

/** Retention period per source, in days. */
export type RetentionPolicy = Readonly<Record<RetentionSource, number>>;

export class RetentionConfigError extends Error {
  readonly code = 'INVALID_RETENTION_CONFIG';
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = 'RetentionConfigError';
  }
}

/** Checks a retention period given in code (tests, callers that bypass the environment). */
export function checkRetentionDays(days: number, name = 'retentionDays'): number {
  if (!Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS) {
    throw new RetentionConfigError(
      name,
      `must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}, got ${String(days)}`,
    );
  }
  return days;
}

/**
 * The policy from MOSAIC_RETENTION_TRAVEL_DAYS, _SEIZURE_DAYS and
 * _FINGERPRINT_DAYS, each defaulting to DEFAULT_RETENTION_DAYS when unset or
 * blank; throws RetentionConfigError naming the first bad variable.
 */
export function retentionPolicyFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): RetentionPolicy {
  const policy = {} as Record<RetentionSource, number>;
  for (const source of RETENTION_SOURCES) {
    const variable = RETENTION_VARIABLES[source];
    const raw = env[variable]?.trim();
    if (raw === undefined || raw === '') {
      policy[source] = DEFAULT_RETENTION_DAYS[source];
      continue;
    }
    if (!/^\d+$/.test(raw)) {
      throw new RetentionConfigError(variable, `must be a whole number of days, got "${raw}"`);
    }
    policy[source] = checkRetentionDays(Number(raw), variable);
  }
  return policy;
}

/** Records whose reference time is before this instant are expired at `now`. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  if (Number.isNaN(now.getTime())) throw new RangeError('now is not a valid date');
  return new Date(now.getTime() - checkRetentionDays(retentionDays) * MS_PER_DAY);
}

export function isExpired(referenceTime: Date, now: Date, retentionDays: number): boolean {
  return referenceTime.getTime() < retentionCutoff(now, retentionDays).getTime();
}
