import { emptyTruth, syntheticRecords, trainWithSyntheticCalibration } from '@mosaic/evaluation';
import {
  biometricEvidence,
  computeThresholds,
  decide,
  DEFAULT_THRESHOLD_POLICY,
  llrUpperBound,
  lowestLinkingLlr,
  normaliseRecord,
  pairEvidence,
  prepareRecord,
  type PreparedRecord,
  type ResolutionRecord,
} from '@mosaic/resolution';
import { resolveSynthOptions, Rng } from '@mosaic/synth';

describe('the LLR upper bound that skips comparing names', () => {
  const truth = emptyTruth();
  const records: ResolutionRecord[] = [];
  for (const block of syntheticRecords(resolveSynthOptions({ persons: 300, seed: 77 }), truth)) {
    records.push(...block.records);
  }
  const model = trainWithSyntheticCalibration(records, {
    seed: 77,
    calibration: { persons: 1_000, seed: 78, impostorPairs: 50_000 },
  });
  // A large gallery: high thresholds, so the bound has pairs to drop.
  const thresholds = computeThresholds(model, {
    ...DEFAULT_THRESHOLD_POLICY,
    gallerySize: 1_000_000,
  });
  const prepared: PreparedRecord[] = records.map((r) => prepareRecord(normaliseRecord(r), model));

  /** Same-person pairs, pairs sharing a blocking key and random pairs: what the resolver meets. */
  function* pairs(): Generator<[PreparedRecord, PreparedRecord]> {
    const byPerson = new Map<string, PreparedRecord[]>();
    const byKey = new Map<string, PreparedRecord[]>();
    for (const p of prepared) {
      const person = truth.personOf.get(p.features.record.key) as string;
      byPerson.set(person, [...(byPerson.get(person) ?? []), p]);
      for (const k of p.features.blockingKeys) byKey.set(k, [...(byKey.get(k) ?? []), p]);
    }
    for (const group of [...byPerson.values(), ...byKey.values()]) {
      for (let i = 0; i < group.length; i++)
        for (let j = i + 1; j < group.length; j++)
          yield [group[i] as PreparedRecord, group[j] as PreparedRecord];
    }
    const rng = new Rng(5);
    for (let n = 0; n < 20_000; n++) {
      yield [
        prepared[rng.int(prepared.length)] as PreparedRecord,
        prepared[rng.int(prepared.length)] as PreparedRecord,
      ];
    }
  }

  it('is never below the full LLR, and never drops a pair that would reach REVIEW or AUTO_LINK', () => {
    let checked = 0;
    let dropped = 0;
    let linking = 0;
    for (const [a, b] of pairs()) {
      if (a === b) continue;
      const biometrics = biometricEvidence(model, a, b);
      const decision = decide(pairEvidence(model, a, b, biometrics), model, thresholds);
      const bound = llrUpperBound(model.biographic, a.features, b.features, biometrics);
      expect(bound).toBeGreaterThanOrEqual(decision.llr - 1e-9);
      const floor = lowestLinkingLlr(thresholds, biometrics);
      if (decision.outcome !== 'NO_LINK') linking += 1;
      if (floor !== null && bound < floor) {
        dropped += 1;
        expect(decision.outcome).toBe('NO_LINK');
      }
      checked += 1;
    }
    // The property is checked on pairs of every kind, and the bound does cut work.
    expect(checked).toBeGreaterThan(20_000);
    expect(linking).toBeGreaterThan(100);
    expect(dropped).toBeGreaterThan(checked / 10);
  }, 120_000);
});
