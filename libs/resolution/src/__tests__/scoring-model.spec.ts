import { Rng } from '@mosaic/synth';
import {
  buildTermFrequencyTable,
  ClusterState,
  computeThresholds,
  decide,
  estimateFellegiSunter,
  fieldWeight,
  fitCalibration,
  scoreToLlr,
  versionModel,
  type ComparisonField,
  type ComparisonVector,
  type FellegiSunterModel,
  type PairEvidence,
  type ResolutionModel,
} from '..';

const gaussian = (rng: Rng, mean: number, sd: number, n: number) =>
  Float64Array.from({ length: n }, () => {
    const u = Math.max(1e-12, rng.next());
    const v = rng.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  });

describe('biometric calibration', () => {
  it('recovers the log-likelihood ratio of two equal-variance normal score laws', () => {
    const rng = new Rng(7);
    const calibration = fitCalibration(
      'FACE',
      gaussian(rng, 0.6, 0.1, 20_000),
      gaussian(rng, 0.1, 0.1, 20_000),
    );
    // True LLR = (μg−μi)/σ² · (s − (μg+μi)/2) = 50 · (s − 0.35).
    expect(calibration.b).toBeCloseTo(50, -0.5);
    expect(scoreToLlr(calibration, 0.35)).toBeCloseTo(0, 0);
    expect(scoreToLlr(calibration, 0.45)).toBeGreaterThan(3);
    expect(scoreToLlr(calibration, 0.45)).toBeLessThan(7);
  });

  it('clamps what a single comparison may claim', () => {
    const rng = new Rng(8);
    const calibration = fitCalibration(
      'FACE',
      gaussian(rng, 0.6, 0.1, 1000),
      gaussian(rng, 0.1, 0.1, 1000),
    );
    expect(scoreToLlr(calibration, 5)).toBe(calibration.maxLlr);
    expect(scoreToLlr(calibration, -5)).toBe(calibration.minLlr);
  });

  it('refuses scores that do not separate the classes', () => {
    const rng = new Rng(9);
    expect(() =>
      fitCalibration('FACE', gaussian(rng, 0.1, 0.1, 500), gaussian(rng, 0.6, 0.1, 500)),
    ).toThrow(/do not separate/);
  });
});

const FIELDS: ComparisonField[] = [
  { field: 'surname', levels: ['EXACT', 'CLOSE', 'DIFFERENT'], termFrequency: true },
  { field: 'dob', levels: ['EXACT', 'YEAR', 'DIFFERENT'], termFrequency: false },
];

function draw(rng: Rng, probabilities: number[]): number {
  let x = rng.next();
  for (let i = 0; i < probabilities.length; i++) {
    x -= probabilities[i] as number;
    if (x < 0) return i;
  }
  return probabilities.length - 1;
}

const vector = (
  levels: number[],
  tf: (string | null)[] = levels.map(() => null),
): ComparisonVector => ({
  levels: Int8Array.from(levels),
  tfValues: tf,
});

describe('Fellegi–Sunter EM', () => {
  it('recovers m and the match share from unlabelled pairs', () => {
    const rng = new Rng(11);
    const m = [
      [0.85, 0.1, 0.05],
      [0.8, 0.15, 0.05],
    ];
    const u = [
      [0.01, 0.09, 0.9],
      [0.002, 0.05, 0.948],
    ];
    const candidates: ComparisonVector[] = [];
    for (let i = 0; i < 40_000; i++) {
      const match = rng.next() < 0.3;
      candidates.push(vector((match ? m : u).map((p) => draw(rng, p))));
    }
    const random = Array.from({ length: 40_000 }, () => vector(u.map((p) => draw(rng, p))));
    const model = estimateFellegiSunter({
      fields: FIELDS,
      candidatePairs: candidates,
      biometricLlr: new Float64Array(candidates.length),
      randomPairs: random,
      termFrequencies: {},
    });
    expect(model.lambda).toBeGreaterThan(0.27);
    expect(model.lambda).toBeLessThan(0.33);
    model.fields.forEach((field, f) =>
      field.m.forEach((p, level) =>
        expect(Math.abs(p - ((m[f] as number[])[level] as number))).toBeLessThan(0.03),
      ),
    );
  });

  it('weighs agreement on a rare surname above agreement on a common one', () => {
    const table = buildTermFrequencyTable('surname', [
      ...Array.from({ length: 500 }, () => ['GARCIA']),
      ['OKONKWO-ADEYEMI'],
      ...Array.from({ length: 499 }, (_, i) => [`NAME${i}`]),
    ]);
    const model: FellegiSunterModel = {
      lambda: 0.1,
      fields: [
        {
          field: 'surname',
          levels: ['EXACT', 'DIFFERENT'],
          m: [0.9, 0.1],
          u: [0.05, 0.95],
          termFrequency: true,
        },
      ],
      termFrequencies: { surname: table },
      em: { pairs: 0, iterations: 0, converged: true, uPairs: 0 },
    };
    expect(fieldWeight(model, 0, 0, 'OKONKWO-ADEYEMI')).toBeGreaterThan(
      fieldWeight(model, 0, 0, 'GARCIA') + 5,
    );
    expect(fieldWeight(model, 0, 0, 'GARCIA')).toBeLessThan(Math.log(0.9 / 0.05));
  });
});

function faceOnlyModel(): ResolutionModel {
  return versionModel({
    biographic: {
      lambda: 0.1,
      fields: [],
      termFrequencies: {},
      em: { pairs: 0, iterations: 0, converged: true, uPairs: 0 },
    },
    face: {
      modality: 'FACE',
      a: -17.5,
      b: 50,
      minLlr: -12,
      maxLlr: 25,
      impostorMean: 0.1,
      impostorSd: 0.1,
      impostorGroup: 'ALL',
      genuineMean: 0.6,
      genuineSd: 0.1,
      genuineCount: 1000,
      impostorCount: 1000,
    },
    finger: null,
    qualityFloor: { face: 0.2, finger: 0.2 },
  });
}

describe('thresholds from a target false-match rate', () => {
  it('puts the face-only auto-link threshold where the impostor tail equals target / gallery size', () => {
    const model = faceOnlyModel();
    const set = computeThresholds(model, {
      autoLinkFmr: 1e-4,
      reviewFmr: 1e-2,
      biometricFmr: 1e-4,
      gallerySize: 1000,
    });
    // Per-comparison FMR 1e-7 → z = 5.1993; score = 0.1 + 0.1·z; LLR = −17.5 + 50·score.
    const expected = -17.5 + 50 * (0.1 + 0.1 * 5.199337);
    expect(set.profiles.face?.autoLink).toBeCloseTo(expected, 1);
    expect(set.profiles.biographic?.autoLink).toBeNull();
  });

  it('rises with the gallery size, and a new gallery size is a new version', () => {
    const model = faceOnlyModel();
    const small = computeThresholds(model, {
      autoLinkFmr: 1e-4,
      reviewFmr: 1e-2,
      biometricFmr: 1e-4,
      gallerySize: 1_000,
    });
    const large = computeThresholds(model, {
      autoLinkFmr: 1e-4,
      reviewFmr: 1e-2,
      biometricFmr: 1e-4,
      gallerySize: 1_000_000,
    });
    expect(large.profiles.face?.autoLink as number).toBeGreaterThan(
      small.profiles.face?.autoLink as number,
    );
    expect(large.version).not.toBe(small.version);
    expect(computeThresholds(model, small.policy).version).toBe(small.version);
  });
});

describe('decisions', () => {
  const model = faceOnlyModel();
  const thresholds = computeThresholds(model, {
    autoLinkFmr: 1e-4,
    reviewFmr: 1e-2,
    biometricFmr: 1e-4,
    gallerySize: 1000,
  });
  const evidence = (biographicLlr: number, faceLlr: number | null): PairEvidence => ({
    a: 'travel:A',
    b: 'travel:B',
    biographicLlr,
    fields: [{ field: 'surname', level: 'EXACT', weight: biographicLlr }],
    biometrics: faceLlr === null ? [] : [{ modality: 'FACE', score: 0.5, llr: faceLlr }],
    flags: [],
  });

  it('never auto-links on biographic evidence alone, however strong', () => {
    expect(decide(evidence(80, null), model, thresholds).outcome).toBe('REVIEW');
  });

  it('needs the biometric evidence itself to support an auto-link', () => {
    expect(decide(evidence(60, -2), model, thresholds).outcome).toBe('REVIEW');
    expect(decide(evidence(10, 12), model, thresholds).outcome).toBe('AUTO_LINK');
  });

  it('sends a face match whose names and dates disagree to a person (alias or lookalike)', () => {
    expect(decide(evidence(-3, 12), model, thresholds).outcome).toBe('REVIEW');
  });

  it('sends possible twins to review, however close their faces', () => {
    const twins = { ...evidence(15, 12), flags: ['POSSIBLE_TWIN'] };
    expect(decide(twins, model, thresholds).outcome).toBe('REVIEW');
  });

  it('explains the decision with every contribution and the versions used', () => {
    const decision = decide(evidence(10, 12), model, thresholds);
    expect(decision.contributions.map((c) => c.kind)).toEqual(['PRIOR', 'BIOGRAPHIC', 'BIOMETRIC']);
    expect(decision.llr).toBeCloseTo(22);
    expect(decision.modelVersion).toBe(model.version);
    expect(decision.thresholdVersion).toBe(thresholds.version);
  });
});

describe('clusters', () => {
  const ids = () => {
    let n = 0;
    return () => `P${n++}`;
  };

  it('keeps the older person id on a merge and records where the other went', () => {
    const state = new ClusterState(ids());
    state.addRecord('r1');
    state.addRecord('r2');
    state.takeChanges();
    expect(state.link({ a: 'r2', b: 'r1', reason: 'test' })).toEqual({
      status: 'LINKED',
      personId: 'P0',
    });
    expect(state.person('P1')).toMatchObject({ status: 'MERGED', mergedInto: 'P0' });
    expect(state.takeChanges().map((c) => c.kind)).toEqual(['MERGED', 'RECORDS_ADDED']);
  });

  it('never joins a cannot-link pair, even through other records', () => {
    const state = new ClusterState(ids());
    for (const r of ['a', 'b', 'c']) state.addRecord(r);
    state.addCannotLink('a', 'c');
    state.link({ a: 'a', b: 'b', reason: 'test' });
    expect(state.link({ a: 'b', b: 'c', reason: 'test' })).toEqual({
      status: 'BLOCKED',
      reason: 'CANNOT_LINK',
      between: ['c', 'a'],
    });
    expect(state.personOf('c')).not.toBe(state.personOf('a'));
  });

  it('splits a person when the link holding it together is separated, with lineage', () => {
    const state = new ClusterState(ids());
    for (const r of ['a', 'b', 'c']) state.addRecord(r);
    state.link({ a: 'a', b: 'b', reason: 'test' });
    state.link({ a: 'b', b: 'c', reason: 'test' });
    state.takeChanges();
    const [kept, created] = state.separate('b', 'c');
    expect(kept).toBe('P0');
    expect(state.personOf('c')).toBe(created);
    expect(state.person(created as string)?.splitFrom).toBe('P0');
    // c may not rejoin through a either: b, its rejected partner, lives there.
    expect(state.link({ a: 'a', b: 'c', reason: 'test' }).status).toBe('BLOCKED');
  });
});
