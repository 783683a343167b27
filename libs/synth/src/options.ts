import { z } from 'zod';
import { REGION_GROUPS, type RegionGroup } from './names/name-types';

const rate = z.number().min(0).max(1);
const positive = z.number().positive();
const range = z
  .object({ min: z.number().int().min(1), max: z.number().int().min(1) })
  .strict()
  .refine((r) => r.min <= r.max, { message: 'min must not exceed max' });

const faceGroupParams = z
  .object({
    /** Share of a face's latent vector common to its group: more → more within-group false matches. */
    similarity: z.number().min(0).max(0.9),
    /** Multiplies capture noise for the group (camera and lighting effects). */
    noiseScale: z.number().min(0.1).max(5),
  })
  .strict();

const groupRecord = <T extends z.ZodType>(schema: T) =>
  z
    .object(Object.fromEntries(REGION_GROUPS.map((g) => [g, schema])) as Record<RegionGroup, T>)
    .strict();

export const synthOptionsSchema = z
  .object({
    persons: z.number().int().min(1).max(10_000_000),
    seed: z.number().int().min(0).max(0xffffffff),
    /** People generated together; relationships never cross a block. Part of the output's identity. */
    blockSize: z.number().int().min(50).max(100_000),
    /** The generator's "today": records fall in the years before it. Fixed, never the wall clock. */
    referenceDate: z.iso.date(),
    yearsOfRecords: z.number().int().min(1).max(30),
    groupMix: groupRecord(z.number().min(0)).refine(
      (mix) => Object.values(mix).some((w) => (w as number) > 0),
      'at least one group needs a positive weight',
    ),
    population: z
      .object({
        dualNationalityRate: rate,
        householdRate: rate,
        householdSize: range,
        associateGroupRate: rate,
        associateGroupSize: range,
        networkRate: rate,
        networkSize: range,
        networkBridgeRate: rate,
        aliasRate: rate,
        twinRate: rate,
        lookalikeRate: rate,
      })
      .strict(),
    travel: z
      .object({
        participation: rate,
        meanTrips: z.number().min(0).max(50),
        householdTripRate: rate,
        faceCaptureRate: rate,
        contactRate: rate,
        hotelAddressRate: rate,
        callCentrePhoneRate: rate,
      })
      .strict(),
    seizure: z
      .object({
        casesPerNetwork: z.number().min(0).max(50),
        loneCaseRate: rate,
        bookingPhotoRate: rate,
        printsRate: rate,
      })
      .strict(),
    fingerprint: z
      .object({
        participation: rate,
        meanEnrollments: z.number().min(0).max(20),
        faceCaptureRate: rate,
        missingFingerRate: rate,
        noUsableBiometricRate: rate,
      })
      .strict(),
    names: z
      .object({
        variantRate: rate,
        typoRate: rate,
        nicknameRate: rate,
        diacriticStripRate: rate,
        middleNameDropRate: rate,
        familyFirstSwapRate: rate,
        orderSwapRate: rate,
        secondSurnameDropRate: rate,
        uppercaseRate: rate,
      })
      .strict(),
    dates: z.object({ partialRate: rate, dayMonthSwapRate: rate, missingRate: rate }).strict(),
    documents: z.object({ mistypeRate: rate, recycledRate: rate }).strict(),
    face: z
      .object({
        groups: groupRecord(faceGroupParams),
        /** Capture noise at quality 1 and at quality 0 (noise = min + (max − min)·(1 − q)^curve). */
        noiseAtBestQuality: positive,
        noiseAtWorstQuality: positive,
        noiseCurve: positive,
        /** Capture quality ~ Beta(a, b). */
        qualityBeta: z.object({ a: positive, b: positive }).strict(),
        driftPerYear: z.number().min(0).max(1),
        /** How far a twin's / a lookalike's latent face lies from the original's (0 = identical). */
        twinDistance: z.number().min(0).max(2),
        lookalikeDistance: z.number().min(0).max(2),
      })
      .strict(),
    finger: z
      .object({
        noiseAtBestQuality: positive,
        noiseAtWorstQuality: positive,
        noiseCurve: positive,
        qualityBeta: z.object({ a: positive, b: positive }).strict(),
      })
      .strict(),
  })
  .strict();

export type SynthOptions = z.infer<typeof synthOptionsSchema>;

/**
 * Defaults, calibrated so that a plain cosine comparison of the templates
 * behaves like a real matcher (see the calibration test and docs/synth.md).
 */
export const DEFAULT_SYNTH_OPTIONS: SynthOptions = {
  persons: 10_000,
  seed: 1,
  blockSize: 2_000,
  referenceDate: '2026-01-01',
  yearsOfRecords: 7,
  groupMix: {
    ARABIC: 0.14,
    EAST_ASIAN: 0.14,
    HISPANIC: 0.16,
    SLAVIC: 0.12,
    SOUTH_ASIAN: 0.14,
    WEST_AFRICAN: 0.12,
    WEST_EUROPEAN: 0.18,
  },
  population: {
    dualNationalityRate: 0.06,
    householdRate: 0.4,
    householdSize: { min: 2, max: 6 },
    associateGroupRate: 0.08,
    associateGroupSize: { min: 2, max: 5 },
    networkRate: 0.03,
    networkSize: { min: 4, max: 14 },
    networkBridgeRate: 0.25,
    aliasRate: 0.3,
    twinRate: 0.004,
    lookalikeRate: 0.002,
  },
  travel: {
    participation: 0.7,
    meanTrips: 1.6,
    householdTripRate: 0.6,
    faceCaptureRate: 0.94,
    contactRate: 0.6,
    hotelAddressRate: 0.04,
    callCentrePhoneRate: 0.03,
  },
  seizure: {
    casesPerNetwork: 2.5,
    loneCaseRate: 0.004,
    bookingPhotoRate: 0.85,
    printsRate: 0.35,
  },
  fingerprint: {
    participation: 0.22,
    meanEnrollments: 1.3,
    faceCaptureRate: 0.85,
    missingFingerRate: 0.03,
    noUsableBiometricRate: 0.01,
  },
  names: {
    variantRate: 0.15,
    typoRate: 0.03,
    nicknameRate: 0.05,
    diacriticStripRate: 0.5,
    middleNameDropRate: 0.4,
    familyFirstSwapRate: 0.25,
    orderSwapRate: 0.01,
    secondSurnameDropRate: 0.35,
    uppercaseRate: 0.4,
  },
  dates: { partialRate: 0.04, dayMonthSwapRate: 0.02, missingRate: 0.01 },
  documents: { mistypeRate: 0.01, recycledRate: 0.001 },
  face: {
    groups: {
      ARABIC: { similarity: 0.106, noiseScale: 1 },
      EAST_ASIAN: { similarity: 0.117, noiseScale: 1 },
      HISPANIC: { similarity: 0.104, noiseScale: 1 },
      SLAVIC: { similarity: 0.098, noiseScale: 1 },
      SOUTH_ASIAN: { similarity: 0.108, noiseScale: 1.05 },
      WEST_AFRICAN: { similarity: 0.116, noiseScale: 1.1 },
      WEST_EUROPEAN: { similarity: 0.1, noiseScale: 1 },
    },
    noiseAtBestQuality: 0.35,
    noiseAtWorstQuality: 3.9,
    noiseCurve: 1.5,
    qualityBeta: { a: 4, b: 1.5 },
    driftPerYear: 0.035,
    twinDistance: 0.25,
    lookalikeDistance: 0.6,
  },
  finger: {
    noiseAtBestQuality: 0.3,
    noiseAtWorstQuality: 2.2,
    noiseCurve: 1.5,
    qualityBeta: { a: 4, b: 1.5 },
  },
};

/** One option that failed validation, named as the user spells it. */
export interface SynthOptionIssue {
  option: string;
  reason: string;
}

export class SynthOptionsError extends Error {
  constructor(readonly issues: readonly SynthOptionIssue[]) {
    super(`Invalid synth options: ${issues.map((i) => `${i.option}: ${i.reason}`).join('; ')}`);
    this.name = 'SynthOptionsError';
  }
}

/**
 * Applies `path=value` overrides (e.g. `names.typoRate=0.05`) to the defaults
 * and validates the result. An unknown path, a non-numeric value or a value out
 * of range is reported by its path.
 */
export function resolveSynthOptions(
  base: Partial<Pick<SynthOptions, 'persons' | 'seed' | 'blockSize'>>,
  overrides: Readonly<Record<string, string>> = {},
): SynthOptions {
  const candidate = structuredClone({
    ...DEFAULT_SYNTH_OPTIONS,
    ...stripUndefined(base),
  }) as Record<string, unknown>;
  const issues: SynthOptionIssue[] = [];
  for (const [path, raw] of Object.entries(overrides)) {
    const problem = setPath(candidate, path, raw);
    if (problem) issues.push({ option: path, reason: problem });
  }
  if (issues.length > 0) throw new SynthOptionsError(issues);
  const parsed = synthOptionsSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new SynthOptionsError(
      parsed.error.issues.map((issue) => ({
        option: issue.path.join('.') || '(options)',
        reason: issue.message,
      })),
    );
  }
  return parsed.data;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function setPath(target: Record<string, unknown>, path: string, raw: string): string | null {
  const keys = path.split('.');
  let node: unknown = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node !== 'object' || node === null || !(key in node)) return 'unknown option';
    node = (node as Record<string, unknown>)[key];
  }
  const last = keys[keys.length - 1] as string;
  if (typeof node !== 'object' || node === null || !(last in node)) return 'unknown option';
  const current = (node as Record<string, unknown>)[last];
  if (typeof current === 'number') {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value)) return `expected a number, got "${raw}"`;
    (node as Record<string, unknown>)[last] = value;
    return null;
  }
  if (typeof current === 'string') {
    (node as Record<string, unknown>)[last] = raw;
    return null;
  }
  return (
    'is a group of options; set one of its fields (e.g. ' +
    `${path}.${Object.keys(current as object)[0]})`
  );
}
