import {
  computeThresholds,
  decide,
  versionModel,
  type PairEvidence,
  type ResolutionModel,
} from '@mosaic/resolution';
import { cohenKappa } from '../cohen-kappa';
import { fieldValues, heldBecause, twoReviewOutcome } from '../review-rules';

const model: ResolutionModel = versionModel({
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
const thresholds = computeThresholds(model, {
  autoLinkFmr: 1e-4,
  reviewFmr: 1e-2,
  biometricFmr: 1e-4,
  gallerySize: 1000,
});
const evidence = (biographicLlr: number, faceLlr: number | null, flags: string[] = []) =>
  ({
    a: 'travel:A',
    b: 'travel:B',
    biographicLlr,
    fields: [{ field: 'surname', level: 'EXACT', weight: biographicLlr }],
    biometrics: faceLlr === null ? [] : [{ modality: 'FACE', score: 0.5, llr: faceLlr }],
    flags,
  }) satisfies PairEvidence;

describe('why a stored decision was held', () => {
  it.each([
    ['biographic only', evidence(80, null)],
    ['biometric against', evidence(60, -2)],
    ['names disagree', evidence(-3, 12)],
    ['weak face', evidence(2, 3)],
    ['twin', evidence(10, 12, ['POSSIBLE_TWIN'])],
    ['auto-link', evidence(10, 12)],
  ])('gives the reasons decide() gave (%s)', (_, pair) => {
    const decision = decide(pair, model, thresholds);
    expect(heldBecause(decision)).toEqual(decision.heldBecause);
  });
});

describe('two reviewers', () => {
  it('apply what they agree on, and escalate anything else', () => {
    expect(twoReviewOutcome('LINK', 'LINK')).toBe('LINK');
    expect(twoReviewOutcome('NOT_LINK', 'NOT_LINK')).toBe('NOT_LINK');
    expect(twoReviewOutcome('LINK', 'NOT_LINK')).toBe('ESCALATE');
    expect(twoReviewOutcome('NOT_LINK', 'LINK')).toBe('ESCALATE');
    expect(twoReviewOutcome('UNSURE', 'UNSURE')).toBe('ESCALATE');
    expect(twoReviewOutcome('LINK', 'UNSURE')).toBe('ESCALATE');
  });
});

describe('compared field values', () => {
  it('reads each comparison field from the record', () => {
    const record = {
      givenNames: 'Ana',
      surname: 'Silva',
      dateOfBirth: '1990-04-12',
      sex: 'F',
      nationality: 'PRT',
      documents: [{ type: 'PASSPORT', number: 'P123', issuingCountry: 'PRT' }],
      phones: ['+351912345678'],
      addresses: [],
      vehicles: [],
    };
    expect(fieldValues('given', record)).toEqual(['Ana']);
    expect(fieldValues('dob', record)).toEqual(['1990-04-12']);
    expect(fieldValues('document', record)).toEqual(['PASSPORT P123 PRT']);
    expect(fieldValues('address', record)).toEqual([]);
    expect(fieldValues('unknown', record)).toEqual([]);
  });
});

describe("Cohen's kappa", () => {
  it('is 1 for perfect agreement and 0 for agreement at chance', () => {
    expect(
      cohenKappa([
        ['LINK', 'LINK'],
        ['NOT_LINK', 'NOT_LINK'],
      ]),
    ).toBe(1);
    // Each rater says LINK half the time, independently: agreement 0.5 = chance.
    expect(
      cohenKappa([
        ['LINK', 'LINK'],
        ['LINK', 'NOT_LINK'],
        ['NOT_LINK', 'LINK'],
        ['NOT_LINK', 'NOT_LINK'],
      ]),
    ).toBe(0);
  });

  it('matches a worked example (Cohen 1960 style 2×2 table)', () => {
    // 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: pₒ = 0.7, pₑ = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.4.
    const pairs = [
      ...Array.from({ length: 20 }, () => ['Y', 'Y'] as const),
      ...Array.from({ length: 5 }, () => ['Y', 'N'] as const),
      ...Array.from({ length: 10 }, () => ['N', 'Y'] as const),
      ...Array.from({ length: 15 }, () => ['N', 'N'] as const),
    ];
    expect(cohenKappa(pairs)).toBeCloseTo(0.4, 10);
  });

  it('is null with nothing to measure', () => {
    expect(cohenKappa([])).toBeNull();
    expect(
      cohenKappa([
        ['LINK', 'LINK'],
        ['LINK', 'LINK'],
      ]),
    ).toBeNull();
  });
});
