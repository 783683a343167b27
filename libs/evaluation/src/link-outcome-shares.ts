import { contingency, sumPairs, type Contingency, type Coverage } from './contingency';

/** Pair counts of one clustering against the truth. */
export interface ClusteringPairCounts {
  /** Pairs of records put in the same cluster. */
  predictedPairs: number;
  /** Of those, pairs of the same person. */
  correctPairs: number;
  /** Of those, pairs of different persons: false links. */
  falsePairs: number;
  /** correctPairs / predictedPairs; 1 when there is no predicted pair. */
  precision: number;
  /** falsePairs / predictedPairs; 0 when there is no predicted pair. */
  falsePairShare: number;
  coverage: Coverage;
}

export interface LinkOutcomeShares {
  /** Pairs of records of the same person. */
  truePairs: number;
  /** True pairs connected by automatic links alone. */
  autoLinkedPairs: number;
  autoLinkedShare: number;
  /** True pairs connected only once review links are added. */
  neededReviewPairs: number;
  neededReviewShare: number;
  /** True pairs connected by neither. */
  missedPairs: number;
  missedShare: number;
  /** The clustering formed by AUTO_LINK decisions only. */
  auto: ClusteringPairCounts;
  /** The clustering formed by AUTO_LINK plus review links. */
  withReview: ClusteringPairCounts;
}

export interface LinkOutcomeInput {
  /** Record → true person. */
  truth: ReadonlyMap<string, string>;
  /** Record → cluster formed by automatic links only. */
  autoClusters: ReadonlyMap<string, string>;
  /** Record → cluster formed by automatic and review links. */
  reviewedClusters: ReadonlyMap<string, string>;
}

/**
 * Where the true same-person pairs end up: joined by automatic links, joined
 * only thanks to review, or missed; and how many different-person pairs each
 * clustering joined. Pairs are counted through clusters (two records linked
 * through a third are connected), from contingency counts in O(records).
 *
 * Review links only add edges, so every automatic cluster must lie inside one
 * reviewed cluster; otherwise "needed review" is meaningless and this throws.
 * Shares of true pairs are NaN when there is none. Missing and extra records
 * are handled as in `pairwiseMetrics`: a record neither clustering mentions
 * is a singleton, so only records in multi-record clusters need to be given.
 */
export function linkOutcomeShares(input: LinkOutcomeInput): LinkOutcomeShares {
  const auto = contingency(input.truth, input.autoClusters);
  const reviewed = contingency(input.truth, input.reviewedClusters);
  assertRefines(auto, reviewed, input);

  const truePairs = sumPairs(auto.truthSizes);
  const autoCounts = pairCounts(auto);
  const reviewedCounts = pairCounts(reviewed);
  const autoLinkedPairs = autoCounts.correctPairs;
  const neededReviewPairs = reviewedCounts.correctPairs - autoCounts.correctPairs;
  const missedPairs = truePairs - reviewedCounts.correctPairs;
  const share = (pairs: number): number => (truePairs === 0 ? Number.NaN : pairs / truePairs);
  return {
    truePairs,
    autoLinkedPairs,
    autoLinkedShare: share(autoLinkedPairs),
    neededReviewPairs,
    neededReviewShare: share(neededReviewPairs),
    missedPairs,
    missedShare: share(missedPairs),
    auto: autoCounts,
    withReview: reviewedCounts,
  };
}

function pairCounts(table: Contingency): ClusteringPairCounts {
  const predictedPairs = sumPairs(table.predictedSizes);
  const correctPairs = sumPairs(table.cellCount);
  const falsePairs = predictedPairs - correctPairs;
  return {
    predictedPairs,
    correctPairs,
    falsePairs,
    precision: predictedPairs === 0 ? 1 : correctPairs / predictedPairs,
    falsePairShare: predictedPairs === 0 ? 0 : falsePairs / predictedPairs,
    coverage: table.coverage,
  };
}

function assertRefines(auto: Contingency, reviewed: Contingency, input: LinkOutcomeInput): void {
  const reviewedOfAuto = new Int32Array(auto.predictedSizes.length).fill(-1);
  let r = -1;
  for (const record of input.truth.keys()) {
    r += 1;
    const a = auto.predictedOf[r] as number;
    const b = reviewed.predictedOf[r] as number;
    const seen = reviewedOfAuto[a] as number;
    if (seen === -1) {
      reviewedOfAuto[a] = b;
    } else if (seen !== b) {
      throw new RangeError(
        `record ${record} shares an automatic cluster with a record in another reviewed cluster ` +
          `(reviewed cluster ${input.reviewedClusters.get(record) ?? 'none: missing'}): the ` +
          'reviewed clustering must contain every automatic link',
      );
    }
  }
}
