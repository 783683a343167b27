import type { SynthOptions } from './options';
import type { Distortion } from './record-types';
import type { Rng } from './rng';

export const MS_PER_DAY = 24 * 3600 * 1000;
export const MS_PER_YEAR = 365.25 * MS_PER_DAY;

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Second-resolution timestamps, as source systems record them. */
export function isoDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function parseIsoDate(value: string): number {
  return Date.parse(`${value}T00:00:00Z`);
}

/**
 * A date of birth as one record holds it: missing, partial (year or
 * year-month), or with day and month swapped (only where that still makes a
 * valid date, as a clerk's US/EU confusion would).
 */
export function recordDateOfBirth(
  rng: Rng,
  dob: string,
  rates: SynthOptions['dates'],
): { value: string | null; distortions: Distortion[] } {
  if (rng.chance(rates.missingRate)) return { value: null, distortions: ['DOB_MISSING'] };
  if (rng.chance(rates.partialRate)) {
    return {
      value: rng.chance(0.5) ? dob.slice(0, 4) : dob.slice(0, 7),
      distortions: ['DOB_PARTIAL'],
    };
  }
  const [year, month, day] = dob.split('-') as [string, string, string];
  if (Number(day) <= 12 && day !== month && rng.chance(rates.dayMonthSwapRate)) {
    return { value: `${year}-${day}-${month}`, distortions: ['DOB_DAY_MONTH_SWAPPED'] };
  }
  return { value: dob, distortions: [] };
}
