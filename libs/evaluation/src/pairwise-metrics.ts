import { contingency, harmonicMean, sumPairs, type Coverage } from './contingency';

export interface PairwiseMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Pairs of records of the same person. */
  truePairs: number;
  /** Pairs of records put in the same cluster. */
  predictedPairs: number;
  /** Pairs that are both. */
  correctPairs: number;
  coverage: Coverage;
}

/**
 * Pairwise precision and recall of a clustering, from the contingency table
 * (Σ C(n,2) over classes, clusters and their intersections) so that 100,000
 * people cost O(records), not O(records²).
 *
 * `truth` maps each record to its person, `predicted` to its cluster. A truth
 * record missing from `predicted` is a singleton; a predicted record missing
 * from `truth` is left out (both counted in `coverage`). With no pair to judge,
 * precision (no predicted pair) or recall (no true pair) is 1: nothing was
 * wrongly merged or missed.
 */
export function pairwiseMetrics(
  truth: ReadonlyMap<string, string>,
  predicted: ReadonlyMap<string, string>,
): PairwiseMetrics {
  const table = contingency(truth, predicted);
  const truePairs = sumPairs(table.truthSizes);
  const predictedPairs = sumPairs(table.predictedSizes);
  const correctPairs = sumPairs(table.cellCount);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  return {
    precision,
    recall,
    f1: harmonicMean(precision, recall),
    truePairs,
    predictedPairs,
    correctPairs,
    coverage: table.coverage,
  };
}
