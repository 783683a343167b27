import { pairwiseMetrics } from '..';
import { Rng } from '@mosaic/synth';
import { partition, randomLabels } from './fixtures';

// Bagga & Baldwin (1998), figure 2: three people, twelve records.
const truth = partition(
  [
    ['1', '2', '3', '4', '5'],
    ['6', '7'],
    ['8', '9', 'A', 'B', 'C'],
  ],
  'p',
);

describe('pairwiseMetrics', () => {
  it('scores a perfect clustering 1.0 whatever the cluster ids', () => {
    const predicted = partition([
      ['8', '9', 'A', 'B', 'C'],
      ['1', '2', '3', '4', '5'],
      ['6', '7'],
    ]);
    expect(pairwiseMetrics(truth, predicted)).toMatchObject({
      precision: 1,
      recall: 1,
      f1: 1,
      truePairs: 21,
      predictedPairs: 21,
      correctPairs: 21,
    });
  });

  it('gives recall 0 to all singletons, and counts records missing from the result as singletons', () => {
    const singletons = new Map([...truth.keys()].map((r) => [r, `s${r}`]));
    const metrics = pairwiseMetrics(truth, singletons);
    expect(metrics).toMatchObject({ recall: 0, f1: 0, predictedPairs: 0, correctPairs: 0 });
    expect(pairwiseMetrics(truth, new Map())).toMatchObject({
      recall: 0,
      coverage: { records: 12, missingFromPredicted: 12, notInTruth: 0 },
    });
  });

  it('charges one wrong merge of a 2-person and a 5-person cluster exactly: 21 of 31 pairs correct', () => {
    const predicted = partition([
      ['1', '2', '3', '4', '5'],
      ['6', '7', '8', '9', 'A', 'B', 'C'],
    ]);
    const metrics = pairwiseMetrics(truth, predicted);
    expect(metrics).toMatchObject({
      truePairs: 21,
      predictedPairs: 31,
      correctPairs: 21,
      recall: 1,
    });
    expect(metrics.precision).toBeCloseTo(21 / 31, 12);
    expect(metrics.f1).toBeCloseTo((2 * (21 / 31)) / (21 / 31 + 1), 12);
  });

  it('leaves out result records the truth does not know, and says how many', () => {
    const predicted = partition([
      ['1', '2', '3', '4', '5', 'X', 'Y'],
      ['6', '7'],
      ['8', '9', 'A', 'B', 'C'],
    ]);
    expect(pairwiseMetrics(truth, predicted)).toMatchObject({
      precision: 1,
      recall: 1,
      coverage: { records: 12, missingFromPredicted: 0, notInTruth: 2 },
    });
  });

  it('agrees with counting every pair on random small inputs', () => {
    const rng = new Rng(20261126);
    for (let round = 0; round < 200; round++) {
      const records = 1 + rng.int(40);
      const t = randomLabels(rng, records, 1 + rng.int(12), 'p');
      const p = randomLabels(rng, records, 1 + rng.int(12), 'c');
      // Some records left out of the result: they must behave as singletons.
      for (const key of [...p.keys()]) if (rng.chance(0.1)) p.delete(key);

      const keys = [...t.keys()];
      let truePairs = 0;
      let predictedPairs = 0;
      let correctPairs = 0;
      for (let i = 0; i < keys.length; i++) {
        for (let j = i + 1; j < keys.length; j++) {
          const a = keys[i] as string;
          const b = keys[j] as string;
          const same = t.get(a) === t.get(b);
          const together = p.has(a) && p.has(b) && p.get(a) === p.get(b);
          if (same) truePairs += 1;
          if (together) predictedPairs += 1;
          if (same && together) correctPairs += 1;
        }
      }
      expect(pairwiseMetrics(t, p)).toMatchObject({ truePairs, predictedPairs, correctPairs });
    }
  });
});
