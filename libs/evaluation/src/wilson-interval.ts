/** Two-sided 95% normal quantile. */
export const Z_95 = 1.959963984540054;

/**
 * Wilson score interval for a binomial proportion (Wilson 1927; Newcombe 1998
 * method 3). Unlike the normal approximation it stays inside [0, 1] and is
 * still informative at zero errors, where biometric error rates often sit.
 * With no trials nothing is known: [0, 1].
 */
export function wilsonInterval(errors: number, trials: number, z = Z_95): [number, number] {
  if (!(errors >= 0 && errors <= trials)) {
    throw new RangeError(`errors must lie in [0, trials]: got ${errors} of ${trials}`);
  }
  if (trials === 0) return [0, 1];
  const p = errors / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // The bounds are exact at 0 and n errors; rounding must not move them off.
  return [
    errors === 0 ? 0 : Math.max(0, centre - half),
    errors === trials ? 1 : Math.min(1, centre + half),
  ];
}
