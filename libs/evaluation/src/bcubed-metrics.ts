import { contingency, harmonicMean, type Coverage } from './contingency';

export interface BcubedMetrics {
  precision: number;
  recall: number;
  f1: number;
  coverage: Coverage;
}

/**
 * B-cubed precision and recall (Bagga & Baldwin 1998; Amigó et al. 2009),
 * averaged over records: a record's precision is the share of its cluster
 * that is the same person, its recall the share of its person that is in its
 * cluster. Every record in a cell of n records out of a cluster of b and a
 * person of a scores n/b and n/a, so the sums run over the contingency cells.
 * Unlike pairwise metrics, a big cluster does not outweigh many small ones.
 * Missing and extra records are handled as in `pairwiseMetrics`.
 */
export function bcubedMetrics(
  truth: ReadonlyMap<string, string>,
  predicted: ReadonlyMap<string, string>,
): BcubedMetrics {
  const table = contingency(truth, predicted);
  const { records } = table.coverage;
  if (records === 0) return { precision: 1, recall: 1, f1: 1, coverage: table.coverage };
  let precisionSum = 0;
  let recallSum = 0;
  for (let c = 0; c < table.cellCount.length; c++) {
    const n = table.cellCount[c] as number;
    precisionSum += (n * n) / (table.predictedSizes[table.cellPredicted[c] as number] as number);
    recallSum += (n * n) / (table.truthSizes[table.cellTruth[c] as number] as number);
  }
  const precision = precisionSum / records;
  const recall = recallSum / records;
  return { precision, recall, f1: harmonicMean(precision, recall), coverage: table.coverage };
}

/**
 * How far clustering `b` agrees with clustering `a` of the same records: the
 * B-cubed F1 of `b` taking `a` as the reference (swapping them swaps precision
 * and recall, so F1 is the same either way). 1 means identical partitions,
 * whatever the cluster ids, which is what two runs on shuffled input must give.
 */
export function clusteringAgreement(
  a: ReadonlyMap<string, string>,
  b: ReadonlyMap<string, string>,
): number {
  return bcubedMetrics(a, b).f1;
}
