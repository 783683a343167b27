import {
  generateBlocks,
  operatingPoint,
  pooledImpostors,
  resolveSynthOptions,
  scoreSamples,
  type CaptureSample,
  type SynthBlock,
  type SynthOptions,
  type TruthPerson,
  type TruthRecord,
} from '..';
import { REGION_NAME_DATA } from '../names/name-data';
import type { NameEntry } from '../names/name-types';

/**
 * The generator's defaults must make a plain cosine matcher behave like a
 * real one (issue: face FNMR 1–5 % at FMR 1e-4 over mixed quality, fingers far
 * stronger, group FMRs 2–5× apart at one threshold) and apply each recorded-
 * name distortion at its configured rate. Measured on a 20k-person sample.
 */
function run(options: SynthOptions): { samples: CaptureSample[]; blocks: SynthBlock[] } {
  const samples: CaptureSample[] = [];
  const blocks: SynthBlock[] = [];
  for (const block of generateBlocks(options)) {
    samples.push(...block.samples);
    blocks.push({ ...block, samples: [] });
  }
  return { samples, blocks };
}

function mean(xs: Float64Array): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function sd(xs: Float64Array): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) * (b - m), 0) / xs.length);
}

function dPrime(genuine: Float64Array, impostor: Float64Array): number {
  return (mean(genuine) - mean(impostor)) / Math.sqrt((sd(genuine) ** 2 + sd(impostor) ** 2) / 2);
}

/** Observed share within four binomial standard errors of the configured rate. */
function expectRate(hits: number, n: number, rate: number): void {
  const tolerance = 4 * Math.sqrt((rate * (1 - rate)) / n) + 1e-3;
  expect(n).toBeGreaterThan(500);
  expect(Math.abs(hits / n - rate)).toBeLessThanOrEqual(tolerance);
}

function entryFor(person: TruthPerson): NameEntry | undefined {
  const data = REGION_NAME_DATA[person.group];
  const pool = person.sex === 'M' ? data.given.male : data.given.female;
  return pool.find((e) => e.canonical === person.givenName);
}

describe('synthetic templates on a 20k-person sample', () => {
  const options = resolveSynthOptions({ persons: 20_000, seed: 2026 });
  const { samples, blocks } = run(options);
  const face = scoreSamples(samples, 'face', { impostorPairsPerGroup: 600_000, seed: 1 });
  const finger = scoreSamples(samples, 'finger', { impostorPairsPerGroup: 200_000, seed: 1 });
  const facePoint = operatingPoint(face, 1e-4);
  const fingerPoint = operatingPoint(finger, 1e-4);

  it('separates genuine from impostor scores, fingers more than faces', () => {
    const faceD = dPrime(face.genuine, pooledImpostors(face));
    const fingerD = dPrime(finger.genuine, pooledImpostors(finger));
    expect(facePoint.genuinePairs).toBeGreaterThan(20_000);
    expect(fingerPoint.genuinePairs).toBeGreaterThan(1_000);
    expect(faceD).toBeGreaterThan(3);
    expect(fingerD).toBeGreaterThan(faceD);
  });

  it('misses 1–5 % of genuine face pairs at FMR 1e-4', () => {
    expect(facePoint.impostorPairs).toBeGreaterThanOrEqual(4_000_000);
    expect(facePoint.fnmr).toBeGreaterThanOrEqual(0.01);
    expect(facePoint.fnmr).toBeLessThanOrEqual(0.05);
  });

  it('misses far fewer fused-finger pairs than face pairs at the same FMR', () => {
    expect(fingerPoint.fnmr).toBeLessThanOrEqual(0.005);
    expect(fingerPoint.fnmr).toBeLessThan(facePoint.fnmr / 5);
  });

  it('gives groups false-match rates 2–5× apart at one threshold', () => {
    expect(facePoint.groupFmrRatio).toBeGreaterThanOrEqual(2);
    expect(facePoint.groupFmrRatio).toBeLessThanOrEqual(5);
    // Every group has enough impostor pairs and at least some false matches to compare.
    for (const group of Object.values(facePoint.fmrByGroup)) {
      expect(group.pairs).toBeGreaterThanOrEqual(590_000);
      expect(group.fmr).toBeGreaterThan(0);
    }
  });

  describe('recorded names and dates', () => {
    const persons = new Map(blocks.flatMap((b) => b.persons).map((p) => [p.personId, p]));
    const truth = blocks.flatMap((b) => b.truthRecords);
    const has = (r: TruthRecord, d: TruthRecord['distortions'][number]) =>
      r.distortions.includes(d);

    it('puts typos in names at the configured rate', () => {
      expectRate(
        truth.filter((r) => has(r, 'NAME_TYPO')).length,
        truth.length,
        options.names.typoRate,
      );
    });

    it('uses transliteration variants of given names at the configured rate', () => {
      const eligible = truth.filter((r) => {
        const entry = entryFor(persons.get(r.personId) as TruthPerson);
        return !has(r, 'ALIAS') && entry && entry.variants.length > 0 && !entry.nicknames?.length;
      });
      const varied = eligible.filter((r) => has(r, 'GIVEN_NAME_VARIANT')).length;
      expectRate(varied, eligible.length, options.names.variantRate);
    });

    it('records partial dates of birth and day/month swaps at the configured rates', () => {
      const dated = truth.filter((r) => r.source !== 'seizure');
      const partial = dated.filter((r) => has(r, 'DOB_PARTIAL')).length;
      expectRate(
        partial,
        dated.length,
        (1 - options.dates.missingRate) * options.dates.partialRate,
      );
      const swappable = dated.filter((r) => {
        if (has(r, 'DOB_MISSING') || has(r, 'DOB_PARTIAL')) return false;
        const dob = has(r, 'ALIAS') ? null : (persons.get(r.personId) as TruthPerson).dateOfBirth;
        if (!dob) return false;
        const [, month, day] = dob.split('-');
        return Number(day) <= 12 && day !== month;
      });
      const swapped = swappable.filter((r) => has(r, 'DOB_DAY_MONTH_SWAPPED')).length;
      expectRate(swapped, swappable.length, options.dates.dayMonthSwapRate);
    });
  });
});

describe('recorded-name distortions follow their configuration', () => {
  const options = resolveSynthOptions(
    { persons: 4_000, seed: 77 },
    { 'names.typoRate': '0.2', 'names.variantRate': '0.5', 'names.uppercaseRate': '0' },
  );
  const { blocks } = run(options);
  const persons = new Map(blocks.flatMap((b) => b.persons).map((p) => [p.personId, p]));
  const recorded = new Map(
    blocks.flatMap((b) => [
      ...b.travel.map((r) => [r.recordId, r.traveler] as const),
      ...b.fingerprint.map((r) => [r.recordId, r.subject] as const),
    ]),
  );
  const truth = blocks.flatMap((b) => b.truthRecords).filter((t) => recorded.has(t.recordId));

  it('applies the overridden typo rate', () => {
    expectRate(truth.filter((t) => t.distortions.includes('NAME_TYPO')).length, truth.length, 0.2);
  });

  it('writes a real variant spelling where it says it did', () => {
    const clean = truth.filter(
      (t) =>
        t.distortions.length > 0 &&
        t.distortions.every((d) => d === 'GIVEN_NAME_VARIANT' || d === 'SURNAME_VARIANT'),
    );
    const withGivenVariant = clean.filter((t) => t.distortions.includes('GIVEN_NAME_VARIANT'));
    expect(withGivenVariant.length).toBeGreaterThan(200);
    for (const t of withGivenVariant) {
      const person = persons.get(t.personId) as TruthPerson;
      const entry = entryFor(person) as NameEntry;
      const given = recorded.get(t.recordId)?.givenNames as string;
      expect(entry.variants.some((v) => given.startsWith(v))).toBe(true);
      expect(given.startsWith(`${entry.canonical} `) || given === entry.canonical).toBe(false);
    }
  });

  it('leaves a name with a typo different from its true spelling', () => {
    const typoOnly = truth.filter(
      (t) => t.distortions.length === 1 && t.distortions[0] === 'NAME_TYPO',
    );
    expect(typoOnly.length).toBeGreaterThan(100);
    for (const t of typoOnly) {
      const person = persons.get(t.personId) as TruthPerson;
      const r = recorded.get(t.recordId);
      const recordedName = `${r?.givenNames} ${r?.surname}`;
      const trueName = `${[person.givenName, person.middleName].filter(Boolean).join(' ')} ${person.surnames.join(' ')}`;
      expect(recordedName).not.toBe(trueName);
    }
  });
});
