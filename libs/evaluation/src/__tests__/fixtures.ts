import { Rng } from '@mosaic/synth';

/** record → cluster id from a list of clusters, e.g. [['a', 'b'], ['c']]. */
export function partition(
  clusters: readonly (readonly string[])[],
  prefix = 'c',
): Map<string, string> {
  const labels = new Map<string, string>();
  clusters.forEach((cluster, i) => {
    for (const record of cluster) labels.set(record, `${prefix}${i}`);
  });
  return labels;
}

/** A random labeling of `records` records into at most `labels` labels, seeded. */
export function randomLabels(
  rng: Rng,
  records: number,
  labels: number,
  prefix: string,
): Map<string, string> {
  const result = new Map<string, string>();
  for (let r = 0; r < records; r++) result.set(`r${r}`, `${prefix}${rng.int(labels)}`);
  return result;
}
