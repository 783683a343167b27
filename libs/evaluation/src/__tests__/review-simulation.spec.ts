import { ClusterState } from '@mosaic/resolution';
import { cohensKappa, simulateReview, type ReviewQueueItem } from '../review-simulation';

/** Records `p<person>_<n>`: the truth is in the key. */
const personOf = (key: string) => key.split('_')[0];
const samePerson = (a: string, b: string) => personOf(a) === personOf(b);

function state(keys: readonly string[]): ClusterState {
  let next = 0;
  const clusters = new ClusterState(() => `P${next++}`);
  for (const key of keys) clusters.addRecord(key);
  return clusters;
}

const item = (a: string, b: string, llr = 10): ReviewQueueItem => ({
  a,
  b,
  llr,
  operatingPoint: 12,
});

/** `persons` persons of `records` records each, every pair of records in the queue once. */
function population(persons: number, records: number) {
  const keys: string[] = [];
  for (let p = 0; p < persons; p++) for (let r = 0; r < records; r++) keys.push(`p${p}_${r}`);
  return keys;
}

describe('simulated reviewers under the two-person rule', () => {
  it('with no errors: links every true pair, keeps false pairs apart, settled items close themselves', () => {
    const keys = ['p1_a', 'p1_b', 'p1_c', 'p2_a'];
    const clusters = state(keys);
    const queue = [
      item('p1_a', 'p1_b', 11),
      item('p1_b', 'p1_c', 10),
      item('p1_a', 'p1_c', 9), // settled once the first two apply
      item('p1_a', 'p2_a', 8),
      item('p1_c', 'p2_a', 7), // settled by the NOT_LINK: p2 is kept apart from p1's person
    ];
    const result = simulateReview(clusters, queue, samePerson, {
      seed: 1,
      reviewerErrorRate: 0,
      supervisorErrorRate: 0,
    });
    expect(result.worked).toBe(3);
    expect(result.closedBySettlement).toBe(2);
    expect(result.decisions).toBe(6);
    expect(result.applied).toEqual({ link: 2, notLink: 1 });
    expect(result.wrongApplied).toEqual({ link: 0, notLink: 0 });
    expect(clusters.personOf('p1_a')).toBe(clusters.personOf('p1_c'));
    expect(clusters.personOf('p1_a')).not.toBe(clusters.personOf('p2_a'));
  });

  it('applies nothing a single reviewer says: when both err the wrong verdict applies, when one errs the supervisor decides', () => {
    const keys = population(200, 2);
    const queue: ReviewQueueItem[] = [];
    for (let p = 0; p < 200; p++) queue.push(item(`p${p}_0`, `p${p}_1`));
    const bothWrong = simulateReview(state(keys), queue, samePerson, {
      seed: 3,
      reviewerErrorRate: 1,
      supervisorErrorRate: 0,
    });
    expect(bothWrong.bothWrong).toBe(200);
    expect(bothWrong.caughtBySecondReview).toBe(0);
    expect(bothWrong.wrongApplied.notLink).toBe(200);

    const half = simulateReview(state(keys), queue, samePerson, {
      seed: 3,
      reviewerErrorRate: 0.5,
      supervisorErrorRate: 0,
    });
    // Every disagreement went to the supervisor, who (never wrong here) applied the truth.
    expect(half.supervisorDecisions).toBe(half.disagreements);
    expect(half.caughtBySecondReview).toBe(half.disagreements);
    expect(half.wrongApplied.notLink).toBe(half.bothWrong);
    expect(half.decisions).toBe(2 * half.worked + half.disagreements);
  });

  it('errs at the configured rate, and the second review catches about 98% of single errors', () => {
    // 10,000 true and 10,000 false pairs, all independent, at 2%: single errors ≈ 800.
    const keys = population(10_000, 3);
    const queue: ReviewQueueItem[] = [];
    for (let p = 0; p < 10_000; p++) {
      queue.push(item(`p${p}_0`, `p${p}_1`));
      queue.push(item(`p${p}_2`, `p${(p + 1) % 10_000}_2`));
    }
    const r = simulateReview(state(keys), queue, samePerson, {
      seed: 7,
      reviewerErrorRate: 0.02,
      supervisorErrorRate: 0.005,
    });
    expect(r.reviewerErrors / (2 * r.worked)).toBeGreaterThan(0.017);
    expect(r.reviewerErrors / (2 * r.worked)).toBeLessThan(0.023);
    expect(r.caughtBySecondReview / r.reviewerErrors).toBeGreaterThan(0.95);
    // Wrong decisions applied ≈ p² + 2p(1−p)q = 0.0004 + 0.000196 of items: far under one reviewer's 2%.
    const wrong = r.wrongApplied.link + r.wrongApplied.notLink;
    expect(wrong).toBeLessThan(0.0015 * r.worked);
    // Agreement beyond chance: (1 − 2p)² ≈ 0.92 at half true pairs.
    expect(r.kappa).toBeGreaterThan(0.88);
    expect(r.kappa).toBeLessThan(0.96);
  });

  it('is reproducible for a seed and differs between seeds', () => {
    const keys = population(2_000, 2);
    const queue: ReviewQueueItem[] = [];
    for (let p = 0; p < 2_000; p++) queue.push(item(`p${p}_0`, `p${p}_1`));
    const run = (seed: number) =>
      simulateReview(state(keys), queue, samePerson, { seed, reviewerErrorRate: 0.1 });
    expect(run(5)).toEqual(run(5));
    expect(run(5).reviewerErrors).not.toBe(run(6).reviewerErrors);
  });

  it('works the queue in priority order: the item at the operating point before a weaker one', () => {
    // Both items join p1_a to a record of another person; with no errors the first worked
    // applies and the second is settled — so which one is worked shows the order.
    const clusters = state(['p1_a', 'p1_b', 'p1_c']);
    clusters.link({ a: 'p1_b', b: 'p1_c', reason: 'AUTO_LINK' });
    const result = simulateReview(
      clusters,
      [item('p1_a', 'p1_c', 0), item('p1_a', 'p1_b', 12)],
      samePerson,
      { seed: 1, reviewerErrorRate: 0, supervisorErrorRate: 0 },
    );
    expect(result.worked).toBe(1);
    expect(clusters.person(clusters.personOf('p1_a') as string)?.edges.at(-1)).toMatchObject({
      a: 'p1_a',
      b: 'p1_b',
    });
  });

  it('refuses a pool too small for two different reviewers, and rates outside [0, 1]', () => {
    expect(() => simulateReview(state([]), [], samePerson, { seed: 1, reviewers: 1 })).toThrow(
      RangeError,
    );
    expect(() =>
      simulateReview(state([]), [], samePerson, { seed: 1, reviewerErrorRate: 1.5 }),
    ).toThrow(RangeError);
  });
});

describe("Cohen's kappa", () => {
  it('is 1 for perfect agreement, 0 for chance agreement, and matches a textbook table', () => {
    expect(cohensKappa([40, 0, 0, 60])).toBe(1);
    expect(cohensKappa([25, 25, 25, 25])).toBe(0);
    // Yes/yes 20, yes/no 5, no/yes 10, no/no 15: po 0.7, pe 0.5 → 0.4.
    expect(cohensKappa([20, 5, 10, 15])).toBeCloseTo(0.4, 10);
    expect(cohensKappa([0, 0, 0, 0])).toBeNaN();
  });
});
