import { computeThresholds, DEFAULT_THRESHOLD_POLICY } from '@mosaic/resolution';
import { resolveSynthOptions } from '@mosaic/synth';
import {
  emptyTruth,
  sharedDocumentPairs,
  syntheticBootstrapModel,
  syntheticDocumentAnchorCalibration,
  syntheticRecords,
} from '..';
import type { ResolutionRecord } from '@mosaic/resolution';

describe('measuring the document anchor on a labelled synthetic set', () => {
  const model = syntheticBootstrapModel({ seed: 51, persons: 400, impostorPairs: 20_000 });
  const thresholds = computeThresholds(model, { ...DEFAULT_THRESHOLD_POLICY, gallerySize: 1_000 });

  it('pairs records that share a document number and issuing country, labelled by the truth', () => {
    const truth = emptyTruth();
    const records: ResolutionRecord[] = [];
    for (const block of syntheticRecords(resolveSynthOptions({ persons: 300, seed: 52 }), truth)) {
      records.push(...block.records);
    }
    const pairs = [...sharedDocumentPairs(records, (k) => truth.personOf.get(k), model)];
    expect(pairs.length).toBeGreaterThan(100);
    for (const { a, b, samePerson } of pairs.slice(0, 200)) {
      const shared = a.features.documents.some((x) =>
        b.features.documents.some((y) => x.number === y.number && x.country === y.country),
      );
      expect(shared).toBe(true);
      expect(samePerson).toBe(
        truth.personOf.get(a.features.record.key) === truth.personOf.get(b.features.record.key),
      );
    }
  });

  it('refuses auto-link on a set too small to show 0.9995, and allows it on an ample one', () => {
    const small = syntheticDocumentAnchorCalibration(model, thresholds, { persons: 300, seed: 53 });
    expect(small.autoLinked).toBeGreaterThan(0);
    expect(small.autoLinked).toBeLessThan(small.sharedDocumentPairs + 1);
    expect(small.falseLinks).toBe(0);
    expect(small.allowed).toBe(false);
    expect(small.reason).toMatch(/stays in review/);
    // The same rule with a bar the set can show.
    const lenient = syntheticDocumentAnchorCalibration(model, thresholds, {
      persons: 300,
      seed: 53,
      minPrecision: 0.99,
    });
    expect(lenient.allowed).toBe(true);
  }, 60_000);
});
