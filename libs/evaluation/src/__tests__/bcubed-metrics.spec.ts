import { bcubedMetrics, clusteringAgreement } from '..';
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

describe('bcubedMetrics', () => {
  it('scores the first response of Bagga & Baldwin 16/21 (0.76) precision, recall 1', () => {
    // Joining the 2-person cluster to a 5-person one costs 2·2/7 + 5·5/7 over 12 records.
    const predicted = partition([
      ['1', '2', '3', '4', '5'],
      ['6', '7', '8', '9', 'A', 'B', 'C'],
    ]);
    const metrics = bcubedMetrics(truth, predicted);
    expect(metrics.precision).toBeCloseTo(16 / 21, 12);
    expect(metrics.recall).toBe(1);
    expect(metrics.f1).toBeCloseTo((2 * (16 / 21)) / (16 / 21 + 1), 12);
  });

  it('scores their second response 7/12 (0.58): joining two big clusters costs more', () => {
    const predicted = partition([
      ['1', '2', '3', '4', '5', '8', '9', 'A', 'B', 'C'],
      ['6', '7'],
    ]);
    const metrics = bcubedMetrics(truth, predicted);
    expect(metrics.precision).toBeCloseTo(7 / 12, 12);
    expect(metrics.recall).toBe(1);
  });

  it('gives all singletons precision 1 and a recall of the mean 1/|person|', () => {
    const singletons = new Map([...truth.keys()].map((r) => [r, `s${r}`]));
    const metrics = bcubedMetrics(truth, singletons);
    expect(metrics.precision).toBe(1);
    // 5 records at 1/5, 2 at 1/2, 5 at 1/5 → 3 / 12.
    expect(metrics.recall).toBeCloseTo(3 / 12, 12);
  });

  it('scores a perfect clustering 1.0', () => {
    const predicted = partition([
      ['6', '7'],
      ['1', '2', '3', '4', '5'],
      ['8', '9', 'A', 'B', 'C'],
    ]);
    expect(bcubedMetrics(truth, predicted)).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });

  it('agrees with the per-record definition on random small inputs', () => {
    const rng = new Rng(7);
    for (let round = 0; round < 100; round++) {
      const records = 1 + rng.int(30);
      const t = randomLabels(rng, records, 1 + rng.int(8), 'p');
      const p = randomLabels(rng, records, 1 + rng.int(8), 'c');
      let precision = 0;
      let recall = 0;
      for (const [e, person] of t) {
        const cluster = [...p].filter(([, c]) => c === p.get(e)).map(([r]) => r);
        const same = [...t].filter(([, q]) => q === person).map(([r]) => r);
        const both = cluster.filter((r) => t.get(r) === person).length;
        precision += both / cluster.length / t.size;
        recall += both / same.length / t.size;
      }
      const metrics = bcubedMetrics(t, p);
      expect(metrics.precision).toBeCloseTo(precision, 10);
      expect(metrics.recall).toBeCloseTo(recall, 10);
    }
  });
});

describe('clusteringAgreement', () => {
  it('is 1 for the same partition under other cluster ids and below 1 for a different one', () => {
    const a = partition([['1', '2', '3'], ['4', '5'], ['6']], 'run1-');
    const relabelled = partition([['6'], ['5', '4'], ['3', '1', '2']], 'run2-');
    expect(clusteringAgreement(a, relabelled)).toBe(1);
    const split = partition([['1', '2'], ['3'], ['4', '5'], ['6']]);
    expect(clusteringAgreement(a, split)).toBeLessThan(0.999);
    expect(clusteringAgreement(a, split)).toBeCloseTo(clusteringAgreement(split, a), 12);
  });
});
