import {
  IdentificationError,
  normaliseRecord,
  prepareRecord,
  rankIdentification,
  scoreToLlr,
  versionModel,
  type BiometricCalibration,
  type ResolutionModel,
  type ResolutionRecord,
} from '..';

const face: BiometricCalibration = {
  modality: 'FACE',
  a: -10,
  b: 40,
  minLlr: -9,
  maxLlr: 12,
  impostorMean: 0.05,
  impostorSd: 0.05,
  impostorGroup: 'ALL',
  genuineMean: 0.6,
  genuineSd: 0.15,
  genuineCount: 1000,
  impostorCount: 1000,
};

const model: ResolutionModel = versionModel({
  biographic: {
    lambda: 0.1,
    fields: [],
    termFrequencies: {},
    em: { pairs: 0, iterations: 0, converged: true, uPairs: 0 },
  },
  face,
  finger: null,
  qualityFloor: { face: 0.2, finger: 0.2 },
});

/** A unit vector at cosine `similarity` to the base direction e0. */
function atSimilarity(similarity: number, axis: number): Float32Array {
  const v = new Float32Array(512);
  v[0] = similarity;
  v[axis] = Math.sqrt(1 - similarity ** 2);
  return v;
}

const prepared = (key: string, template: Float32Array | null, quality = 0.9) => {
  const record: ResolutionRecord = {
    key,
    source: 'travel',
    recordId: key,
    observedAt: '2025-01-01T00:00:00Z',
    givenNames: null,
    surname: null,
    dateOfBirth: null,
    sex: null,
    nationality: null,
    documents: [],
    phones: [],
    addresses: [],
    vehicles: [],
    face: template ? { template, quality } : null,
    fingers: [],
  };
  return prepareRecord(normaliseRecord(record), model);
};

describe('identification ranking', () => {
  const probe = prepared('travel:probe', atSimilarity(1, 1));
  const candidates = [
    { personId: 'p-near', record: prepared('travel:a', atSimilarity(0.55, 2)) },
    { personId: 'p-near', record: prepared('travel:b', atSimilarity(0.3, 3)) },
    { personId: 'p-far', record: prepared('travel:c', atSimilarity(0.12, 4)) },
    { personId: 'p-self', record: prepared('travel:probe', atSimilarity(1, 1)) },
  ];
  const options = {
    modality: 'FACE' as const,
    gallerySize: 10_000,
    operatingPointLlr: () => 5,
    limit: 10,
  };

  it('ranks persons by their best comparison, never the probe against itself', () => {
    const ranked = rankIdentification(model, probe, candidates, options);
    expect(ranked.map((c) => [c.rank, c.personId, c.recordKey])).toEqual([
      [1, 'p-near', 'travel:a'],
      [2, 'p-far', 'travel:c'],
    ]);
    expect(ranked[0]?.llr).toBeCloseTo(scoreToLlr(face, 0.55), 9);
    expect(ranked.map((c) => c.atOperatingPoint)).toEqual([true, false]);
  });

  it('gives open-set probabilities: a strong score against a large gallery, then less for a weaker one', () => {
    const ranked = rankIdentification(model, probe, candidates, options);
    const lr = Math.exp(scoreToLlr(face, 0.55));
    const lrFar = Math.exp(scoreToLlr(face, 0.12));
    expect(ranked[0]?.probability).toBeCloseTo(lr / (options.gallerySize + lr + lrFar), 9);
    expect(ranked[1]?.probability).toBeCloseTo(lrFar / (options.gallerySize + lr + lrFar), 9);
    // The same evidence in a gallery 100 times larger is less conclusive.
    const larger = rankIdentification(model, probe, candidates, { ...options, gallerySize: 1e6 });
    expect(larger[0]?.probability).toBeLessThan(ranked[0]?.probability as number);
  });

  it('refuses a probe without a usable capture of the modality', () => {
    const poor = prepared('travel:poor', atSimilarity(1, 1), 0.05);
    expect(() => rankIdentification(model, poor, candidates, options)).toThrow(IdentificationError);
    expect(() =>
      rankIdentification(model, probe, candidates, { ...options, modality: 'FINGER' }),
    ).toThrow(/no FINGER calibration/);
  });
});
