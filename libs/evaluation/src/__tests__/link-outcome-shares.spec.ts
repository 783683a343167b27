import { linkOutcomeShares } from '..';
import { Rng } from '@mosaic/synth';
import { partition, randomLabels } from './fixtures';

describe('linkOutcomeShares', () => {
  // Person 1 has four records, person 2 two, persons 3 and 4 one each.
  const truth = partition([['a', 'b', 'c', 'd'], ['e', 'f'], ['g'], ['h']], 'p');
  // Clusterings list only records that were linked: the rest stand alone.
  const autoClusters = partition(
    [
      ['a', 'b'],
      ['e', 'f', 'g'],
    ],
    'auto',
  );
  const reviewedClusters = partition(
    [
      ['a', 'b', 'c'],
      ['e', 'f', 'g', 'h'],
    ],
    'rev',
  );

  it('splits the true pairs into auto-linked, needing review and missed', () => {
    const shares = linkOutcomeShares({ truth, autoClusters, reviewedClusters });
    // 6 pairs of person 1 + 1 of person 2; auto joins a–b and e–f, review adds a–c and b–c.
    expect(shares).toMatchObject({
      truePairs: 7,
      autoLinkedPairs: 2,
      neededReviewPairs: 2,
      missedPairs: 3,
    });
    expect(shares.autoLinkedShare).toBeCloseTo(2 / 7, 12);
    expect(shares.neededReviewShare).toBeCloseTo(2 / 7, 12);
    expect(shares.missedShare).toBeCloseTo(3 / 7, 12);
  });

  it('counts the different-person pairs each clustering joined', () => {
    const shares = linkOutcomeShares({ truth, autoClusters, reviewedClusters });
    // e–g and f–g reached AUTO_LINK; review added e–h, f–h and g–h.
    expect(shares.auto).toMatchObject({
      predictedPairs: 4,
      correctPairs: 2,
      falsePairs: 2,
      precision: 0.5,
      falsePairShare: 0.5,
    });
    expect(shares.withReview).toMatchObject({ predictedPairs: 9, correctPairs: 4, falsePairs: 5 });
    expect(shares.auto.coverage).toEqual({ records: 8, missingFromPredicted: 3, notInTruth: 0 });
  });

  it('refuses a reviewed clustering that splits an automatic cluster', () => {
    expect(() =>
      linkOutcomeShares({
        truth,
        autoClusters,
        reviewedClusters: partition([['a'], ['b'], ['e', 'f', 'g']]),
      }),
    ).toThrow(/must contain every automatic link/);
  });

  it('agrees with counting every pair on random small inputs', () => {
    const rng = new Rng(99);
    for (let round = 0; round < 100; round++) {
      const records = 2 + rng.int(30);
      const t = randomLabels(rng, records, 1 + rng.int(10), 'p');
      const auto = randomLabels(rng, records, 1 + rng.int(20), 'a');
      // Review merges whole automatic clusters, never splits one.
      const mergeInto = new Map<string, string>();
      const reviewed = new Map<string, string>();
      for (const [record, cluster] of auto) {
        if (!mergeInto.has(cluster)) mergeInto.set(cluster, `r${rng.int(8)}`);
        reviewed.set(record, mergeInto.get(cluster) as string);
      }
      const keys = [...t.keys()];
      let autoLinked = 0;
      let neededReview = 0;
      let missed = 0;
      let autoFalse = 0;
      for (let i = 0; i < keys.length; i++) {
        for (let j = i + 1; j < keys.length; j++) {
          const [a, b] = [keys[i] as string, keys[j] as string];
          const byAuto = auto.get(a) === auto.get(b);
          const byReview = reviewed.get(a) === reviewed.get(b);
          if (t.get(a) === t.get(b)) {
            if (byAuto) autoLinked += 1;
            else if (byReview) neededReview += 1;
            else missed += 1;
          } else if (byAuto) {
            autoFalse += 1;
          }
        }
      }
      const shares = linkOutcomeShares({
        truth: t,
        autoClusters: auto,
        reviewedClusters: reviewed,
      });
      expect(shares).toMatchObject({
        autoLinkedPairs: autoLinked,
        neededReviewPairs: neededReview,
        missedPairs: missed,
        auto: { falsePairs: autoFalse },
      });
    }
  });
});
