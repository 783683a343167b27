import {
  compareFeatures,
  normaliseRecord,
  pairEvidence,
  possibleTwins,
  prepareRecord,
  versionModel,
  type ResolutionModel,
  type ResolutionRecord,
} from '..';

const record = (
  key: string,
  givenNames: string,
  surname: string,
  dateOfBirth: string,
): ResolutionRecord => ({
  key,
  source: 'travel',
  recordId: key,
  observedAt: '2025-01-01T00:00:00Z',
  givenNames,
  surname,
  dateOfBirth,
  sex: 'F',
  nationality: 'POL',
  documents: [],
  phones: [],
  addresses: [],
  vehicles: [],
  face: null,
  fingers: [],
});

const model: ResolutionModel = versionModel({
  biographic: {
    lambda: 0.1,
    fields: [],
    termFrequencies: { surname: { field: 'surname', total: 1000, counts: { NGUYEN: 40 } } },
    em: { pairs: 0, iterations: 0, converged: true, uPairs: 0 },
  },
  face: null,
  finger: null,
  qualityFloor: { face: 0.2, finger: 0.2 },
});

function twins(x: ResolutionRecord, y: ResolutionRecord): boolean {
  const a = normaliseRecord(x);
  const b = normaliseRecord(y);
  return possibleTwins(compareFeatures(a, b), model, a, b);
}

describe('the twin signature', () => {
  it('flags same surname, same birth date, different given name', () => {
    expect(
      twins(
        record('a', 'Anna', 'Kowalska', '1990-01-02'),
        record('b', 'Maria', 'Kowalska', '1990-01-02'),
      ),
    ).toBe(true);
  });

  it('flags them when the surname was recorded with a typo', () => {
    expect(
      twins(
        record('a', 'Anna', 'Kowalska', '1990-01-02'),
        record('b', 'Maria', 'Kowalksa', '1990-01-02'),
      ),
    ).toBe(true);
  });

  it('does not flag a short form of the same given name', () => {
    expect(
      twins(
        record('a', 'David', 'Jones', '1988-12-25'),
        record('b', 'Dave', 'Jones', '1988-12-25'),
      ),
    ).toBe(false);
  });

  it('flags them when one birth date is missing: nothing rules twins out', () => {
    expect(
      twins(record('a', 'Anna', 'Kowalska', '1990-01-02'), record('b', 'Maria', 'Kowalska', '')),
    ).toBe(true);
  });

  it('does not flag different birth dates (siblings, not twins)', () => {
    expect(
      twins(
        record('a', 'Anna', 'Kowalska', '1990-01-02'),
        record('b', 'Maria', 'Kowalska', '1992-06-02'),
      ),
    ).toBe(false);
  });

  it('flags a shared family name recorded in the given-name slot, when the gallery knows it as a surname', () => {
    expect(
      twins(
        record('a', 'Nguyen', 'Van An', '1950-12-13'),
        record('b', 'Nguyen', 'Thi Binh', '1950-12-13'),
      ),
    ).toBe(true);
    // A shared given name with different surnames is a transliteration case, not a twin.
    expect(
      twins(
        record('a', 'Oumou', 'Trawally', '1990-03-19'),
        record('b', 'Oumou', 'Kouyate', '1990-03-19'),
      ),
    ).toBe(false);
  });
});

describe('a capture under the quality floor', () => {
  const unit = (seed: number) => {
    const v = new Float32Array(512).map((_, i) => Math.sin(seed * 7.1 + i));
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  };
  const withFace = (key: string, quality: number): ResolutionRecord => ({
    ...record(key, 'Anna', 'Kowalska', '1990-01-02'),
    face: { template: unit(1), quality },
  });

  it('is left out of the comparison, and the record is resolved on the rest and flagged', () => {
    const calibrated: ResolutionModel = versionModel({
      ...model,
      face: {
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
      },
    });
    const good = prepareRecord(normaliseRecord(withFace('travel:a', 0.9)), calibrated);
    const poor = prepareRecord(normaliseRecord(withFace('travel:b', 0.1)), calibrated);
    expect(poor.face).toBeNull();
    expect(poor.flags).toEqual(['FACE_BELOW_QUALITY_FLOOR']);
    const evidence = pairEvidence(calibrated, good, poor);
    expect(evidence.biometrics).toEqual([]);
    expect(evidence.flags).toContain('FACE_BELOW_QUALITY_FLOOR:travel:b');
    const both = pairEvidence(
      calibrated,
      good,
      prepareRecord(normaliseRecord(withFace('travel:c', 0.9)), calibrated),
    );
    expect(both.biometrics.map((b) => b.modality)).toEqual(['FACE']);
  });
});
