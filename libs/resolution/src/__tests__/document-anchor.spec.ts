import {
  compareFeatures,
  decide,
  DOCUMENT_ANCHOR_FLAG,
  DOCUMENT_ANCHOR_PROFILE,
  documentAnchorCalibration,
  isDocumentAnchor,
  measureDocumentAnchor,
  normaliseRecord,
  prepareRecord,
  versionModel,
  wilsonLowerBound,
  withDocumentAnchor,
  type LabelledPair,
  type PairEvidence,
  type ResolutionModel,
  type ResolutionRecord,
  type ThresholdSet,
} from '..';

const record = (
  key: string,
  givenNames: string,
  surname: string,
  dateOfBirth: string,
  passport: string | null,
  issuingCountry = 'POL',
): ResolutionRecord => ({
  key,
  source: 'travel',
  recordId: key,
  observedAt: '2025-01-01T00:00:00Z',
  givenNames,
  surname,
  dateOfBirth,
  sex: 'M',
  nationality: 'POL',
  documents: passport === null ? [] : [{ type: 'PASSPORT', number: passport, issuingCountry }],
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
    termFrequencies: {},
    em: { pairs: 0, iterations: 0, converged: true, uPairs: 0 },
  },
  face: null,
  finger: null,
  qualityFloor: { face: 0.2, finger: 0.2 },
});

const thresholds: ThresholdSet = {
  version: 'th-test',
  modelVersion: model.version,
  policy: { autoLinkFmr: 1e-4, reviewFmr: 1e-2, biometricFmr: 1e-4, gallerySize: 1000 },
  perComparisonFmr: { autoLink: 1e-7, review: 1e-5 },
  profiles: {
    biographic: { autoLink: null, review: 5, biometric: null },
    face: { autoLink: 15, review: 5, biometric: 8 },
  },
};

function anchored(x: ResolutionRecord, y: ResolutionRecord): boolean {
  const a = normaliseRecord(x);
  const b = normaliseRecord(y);
  return isDocumentAnchor(compareFeatures(a, b), a, b);
}

describe('the document anchor', () => {
  const traveller = record('a', 'Jan', 'Nowak', '1980-04-05', 'EA1234567');

  it('holds for the same passport, issuing country, names and birth date', () => {
    expect(anchored(traveller, record('b', 'Jan', 'Nowak', '1980-04-05', 'EA1234567'))).toBe(true);
    // A transliteration of the surname still agrees (Jaro–Winkler ≥ 0.94).
    expect(anchored(traveller, record('b', 'Jan', 'Nowack', '1980-04-05', 'EA1234567'))).toBe(true);
  });

  it('does not hold for a passport one character away (a typo or the next in a series)', () => {
    expect(anchored(traveller, record('b', 'Jan', 'Nowak', '1980-04-05', 'EA1234568'))).toBe(false);
  });

  it('does not hold for the same number issued by another country, or by an unrecorded one', () => {
    expect(anchored(traveller, record('b', 'Jan', 'Nowak', '1980-04-05', 'EA1234567', 'CZE'))).toBe(
      false,
    );
    expect(anchored(traveller, record('b', 'Jan', 'Nowak', '1980-04-05', 'EA1234567', ''))).toBe(
      false,
    );
  });

  it('does not hold for a father and son (same name, another birth date) or twins (another given name)', () => {
    expect(anchored(traveller, record('b', 'Jan', 'Nowak', '2006-09-11', 'EA1234567'))).toBe(false);
    expect(anchored(traveller, record('b', 'Piotr', 'Nowak', '1980-04-05', 'EA1234567'))).toBe(
      false,
    );
  });

  it('does not hold when the birth date is only partly known or day and month are swapped', () => {
    expect(anchored(traveller, record('b', 'Jan', 'Nowak', '1980', 'EA1234567'))).toBe(false);
    expect(anchored(traveller, record('b', 'Jan', 'Nowak', '1980-05-04', 'EA1234567'))).toBe(false);
  });
});

describe('whether the anchored profile may auto-link is measured', () => {
  it('allows it only when the Wilson lower bound reaches the minimum precision', () => {
    // 0 false of 10,000: lower bound 1 − 3.84/10,003.8 ≈ 0.99962.
    const good = documentAnchorCalibration({ measuredOn: 't', autoLinked: 10_000, falseLinks: 0 });
    expect(good.precisionLowerBound).toBeGreaterThan(0.9995);
    expect(good.allowed).toBe(true);
    // Precision 0.9995 observed is not enough: its lower bound is below.
    const edge = documentAnchorCalibration({ measuredOn: 't', autoLinked: 10_000, falseLinks: 5 });
    expect(edge.precision).toBeCloseTo(0.9995, 6);
    expect(edge.allowed).toBe(false);
    expect(edge.reason).toMatch(/stays in review/);
    // Too few pairs to show it, even with no error.
    expect(
      documentAnchorCalibration({ measuredOn: 't', autoLinked: 1_000, falseLinks: 0 }).allowed,
    ).toBe(false);
    expect(
      documentAnchorCalibration({ measuredOn: 't', autoLinked: 0, falseLinks: 0 }).allowed,
    ).toBe(false);
  });

  it('computes the Wilson lower bound', () => {
    expect(wilsonLowerBound(0, 0)).toBe(0);
    // 95 of 100: the textbook interval is [0.8882, 0.9785].
    expect(wilsonLowerBound(95, 100)).toBeCloseTo(0.8882, 4);
  });

  it('counts the auto-links the rule would make on labelled pairs, false ones included', () => {
    const prep = (r: ResolutionRecord) => prepareRecord(normaliseRecord(r), model);
    const a = prep(record('a', 'Jan', 'Nowak', '1980-04-05', 'EA1234567'));
    const b = prep(record('b', 'Jan', 'Nowak', '1980-04-05', 'EA1234567'));
    const c = prep(record('c', 'Jan', 'Nowak', '1980-04-05', 'EA1234568'));
    const pairs: LabelledPair[] = [
      { a, b, samePerson: true },
      { a, b: c, samePerson: true },
      { a: b, b: a, samePerson: false },
    ];
    const low = {
      ...thresholds,
      profiles: {
        ...thresholds.profiles,
        biographic: { autoLink: null, review: -1, biometric: null },
      },
    };
    const measured = measureDocumentAnchor(model, low, pairs, { measuredOn: 'test' });
    expect(measured.anchoredPairs).toBe(2);
    expect(measured.autoLinked).toBe(2);
    expect(measured.falseLinks).toBe(1);
    expect(measured.allowed).toBe(false);
  });
});

describe('deciding a document-anchored pair', () => {
  const evidence = (
    flags: string[],
    biometrics: PairEvidence['biometrics'] = [],
  ): PairEvidence => ({
    a: 'a',
    b: 'b',
    biographicLlr: 20,
    fields: [],
    biometrics,
    flags,
  });
  const allowed = withDocumentAnchor(
    thresholds,
    documentAnchorCalibration({ measuredOn: 't', autoLinked: 20_000, falseLinks: 0 }),
  );
  const refused = withDocumentAnchor(
    thresholds,
    documentAnchorCalibration({ measuredOn: 't', autoLinked: 20_000, falseLinks: 40 }),
  );

  it('auto-links when the measurement allowed it, and says under which profile and version', () => {
    const d = decide(evidence([DOCUMENT_ANCHOR_FLAG]), model, allowed);
    expect(d.outcome).toBe('AUTO_LINK');
    expect(d.profile).toBe(DOCUMENT_ANCHOR_PROFILE);
    expect(d.thresholdVersion).toBe(allowed.version);
    expect(allowed.version).not.toBe(refused.version);
  });

  it('stays in review when the measurement did not allow it', () => {
    const d = decide(evidence([DOCUMENT_ANCHOR_FLAG]), model, refused);
    expect(d.outcome).toBe('REVIEW');
    expect(d.profile).toBe(DOCUMENT_ANCHOR_PROFILE);
    expect(d.heldBecause).toEqual(['BIOGRAPHIC_ONLY']);
  });

  it('is biographic evidence like any other where no measurement was made', () => {
    const d = decide(evidence([DOCUMENT_ANCHOR_FLAG]), model, thresholds);
    expect(d.outcome).toBe('REVIEW');
    expect(d.profile).toBe('biographic');
  });

  it('never auto-links biographic evidence without the anchor, nor a twin signature with it', () => {
    expect(decide(evidence([]), model, allowed).outcome).toBe('REVIEW');
    const twin = decide(evidence([DOCUMENT_ANCHOR_FLAG, 'POSSIBLE_TWIN']), model, allowed);
    expect(twin.outcome).toBe('REVIEW');
    expect(twin.heldBecause).toContain('POSSIBLE_TWIN');
  });

  it('leaves a pair with biometric evidence to its biometric profile', () => {
    const weakFace = [{ modality: 'FACE' as const, score: 0.3, llr: 1 }];
    const d = decide(evidence([DOCUMENT_ANCHOR_FLAG], weakFace), model, allowed);
    expect(d.profile).toBe('face');
    expect(d.outcome).toBe('REVIEW');
    expect(d.heldBecause).toContain('BIOMETRIC_BELOW_OPERATING_POINT');
  });
});
