/**
 * Whole decades around every positive value, within (0, 1], so a log axis of
 * rates starts and ends on a labelled tick. Zeros cannot sit on a log axis.
 */
export function decadeDomain(
  values: readonly number[],
  options: { upToOne?: boolean } = {},
): [number, number] {
  let smallest = Infinity;
  let largest = 0;
  for (const v of values) {
    if (v > 0 && v < smallest) smallest = v;
    if (v > largest) largest = v;
  }
  if (smallest === Infinity) return [1e-3, 1];
  const lo = 10 ** Math.floor(Math.log10(smallest));
  const hi = options.upToOne ? 1 : Math.min(1, 10 ** Math.ceil(Math.log10(largest)));
  return [lo, hi > lo ? hi : Math.min(1, lo * 10)];
}

/** Ticks and grid lines on the decades only, labelled 0.001 but 1e-6. */
export function decadeAxis(domain: [number, number]): {
  values: number[];
  labelExpr: string;
  grid: true;
} {
  const values: number[] = [];
  for (let e = Math.round(Math.log10(domain[0])); e <= Math.round(Math.log10(domain[1])); e++) {
    values.push(10 ** e);
  }
  return {
    values,
    labelExpr: "datum.value >= 0.001 ? format(datum.value, '~g') : format(datum.value, '.0e')",
    grid: true,
  };
}
