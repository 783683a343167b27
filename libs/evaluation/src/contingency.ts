/** How the records of a result line up with the ground truth. */
export interface Coverage {
  /** Records in the truth: the population every metric is computed over. */
  records: number;
  /** Truth records the result does not mention; each is scored as a singleton cluster. */
  missingFromPredicted: number;
  /** Result records the truth does not know; they are left out of every metric. */
  notInTruth: number;
}

/**
 * The contingency table of two labelings of the same records, kept sparse:
 * only the non-zero cells, so it costs O(records) whatever the cluster counts.
 */
export interface Contingency {
  coverage: Coverage;
  /** Size of each truth class. */
  truthSizes: Int32Array;
  /** Size of each predicted cluster, counting only records in the truth. */
  predictedSizes: Int32Array;
  /** Non-zero cells: truth class, predicted cluster and how many records both share. */
  cellTruth: Int32Array;
  cellPredicted: Int32Array;
  cellCount: Int32Array;
  /** Predicted cluster index of each truth record, in the truth map's iteration order. */
  predictedOf: Int32Array;
}

/** Number of unordered pairs among n items. */
export function pairCount(n: number): number {
  return (n * (n - 1)) / 2;
}

export function contingency(
  truth: ReadonlyMap<string, string>,
  predicted: ReadonlyMap<string, string>,
): Contingency {
  const records = truth.size;
  const truthIndex = new Map<string, number>();
  const predictedIndex = new Map<string, number>();
  const truthOf = new Int32Array(records);
  const predictedOf = new Int32Array(records);
  let missingFromPredicted = 0;
  let r = 0;
  for (const [record, person] of truth) {
    let t = truthIndex.get(person);
    if (t === undefined) {
      t = truthIndex.size;
      truthIndex.set(person, t);
    }
    truthOf[r] = t;
    const cluster = predicted.get(record);
    if (cluster === undefined) {
      missingFromPredicted += 1;
      // A fresh index no cluster id can collide with: the record stands alone.
      predictedOf[r] = -1;
    } else {
      let p = predictedIndex.get(cluster);
      if (p === undefined) {
        p = predictedIndex.size;
        predictedIndex.set(cluster, p);
      }
      predictedOf[r] = p;
    }
    r += 1;
  }
  let nextPredicted = predictedIndex.size;
  for (let i = 0; i < records; i++) {
    if (predictedOf[i] === -1) predictedOf[i] = nextPredicted++;
  }

  let notInTruth = 0;
  for (const record of predicted.keys()) if (!truth.has(record)) notInTruth += 1;

  const truthSizes = new Int32Array(truthIndex.size);
  const predictedSizes = new Int32Array(nextPredicted);
  // Both indices are below `records`, so the key is exact in a double up to ~9e7 records.
  const cells = new Map<number, number>();
  for (let i = 0; i < records; i++) {
    const t = truthOf[i] as number;
    const p = predictedOf[i] as number;
    truthSizes[t] = (truthSizes[t] as number) + 1;
    predictedSizes[p] = (predictedSizes[p] as number) + 1;
    const key = t * records + p;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  const cellTruth = new Int32Array(cells.size);
  const cellPredicted = new Int32Array(cells.size);
  const cellCount = new Int32Array(cells.size);
  let c = 0;
  for (const [key, count] of cells) {
    cellTruth[c] = Math.floor(key / records);
    cellPredicted[c] = key % records;
    cellCount[c] = count;
    c += 1;
  }
  return {
    coverage: { records, missingFromPredicted, notInTruth },
    truthSizes,
    predictedSizes,
    cellTruth,
    cellPredicted,
    cellCount,
    predictedOf,
  };
}

export function sumPairs(sizes: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < sizes.length; i++) total += pairCount(sizes[i] as number);
  return total;
}

export function harmonicMean(a: number, b: number): number {
  return a + b === 0 ? 0 : (2 * a * b) / (a + b);
}
