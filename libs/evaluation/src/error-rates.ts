import { wilsonInterval } from './wilson-interval';

/** One comparison: its score and whether both sides are the same person. */
export interface ScoredTrial {
  score: number;
  genuine: boolean;
}

/** Comparison scores already split into genuine and impostor trials. */
export interface ScoreSets {
  genuine: ArrayLike<number>;
  impostor: ArrayLike<number>;
}

export interface ErrorRates {
  /** A comparison is accepted when its score is at least the threshold. */
  threshold: number;
  /** Share of impostor trials accepted; NaN without impostor trials. */
  fmr: number;
  fmrCi: [number, number];
  /** Share of genuine trials rejected; NaN without genuine trials. */
  fnmr: number;
  fnmrCi: [number, number];
  falseMatches: number;
  falseNonMatches: number;
  genuineCount: number;
  impostorCount: number;
}

/** False-match and false-non-match rates at one threshold, with 95% Wilson intervals. */
export function errorRates(
  trials: readonly ScoredTrial[] | ScoreSets,
  threshold: number,
): ErrorRates {
  let genuineCount = 0;
  let impostorCount = 0;
  let falseMatches = 0;
  let falseNonMatches = 0;
  const visit = (score: number, genuine: boolean): void => {
    assertScore(score);
    if (genuine) {
      genuineCount += 1;
      if (score < threshold) falseNonMatches += 1;
    } else {
      impostorCount += 1;
      if (score >= threshold) falseMatches += 1;
    }
  };
  if (isTrialList(trials)) {
    for (const trial of trials) visit(trial.score, trial.genuine);
  } else {
    for (let i = 0; i < trials.genuine.length; i++) visit(trials.genuine[i] as number, true);
    for (let i = 0; i < trials.impostor.length; i++) visit(trials.impostor[i] as number, false);
  }
  return {
    threshold,
    fmr: impostorCount === 0 ? Number.NaN : falseMatches / impostorCount,
    fmrCi: wilsonInterval(falseMatches, impostorCount),
    fnmr: genuineCount === 0 ? Number.NaN : falseNonMatches / genuineCount,
    fnmrCi: wilsonInterval(falseNonMatches, genuineCount),
    falseMatches,
    falseNonMatches,
    genuineCount,
    impostorCount,
  };
}

function isTrialList(trials: readonly ScoredTrial[] | ScoreSets): trials is readonly ScoredTrial[] {
  return Array.isArray(trials);
}

function assertScore(score: number): void {
  // A NaN score would be neither accepted nor rejected and shift every rate unnoticed.
  if (Number.isNaN(score)) throw new RangeError('a comparison score is NaN');
}

export interface DetPoint {
  /** Scores at or above it are accepted. */
  threshold: number;
  fmr: number;
  fnmr: number;
}

/**
 * The detection-error trade-off: FMR and FNMR at every distinct score used as
 * the threshold, thinned to about `points` points spread evenly along the
 * curve as drawn on log–log axes, so it is smooth from the lowest measurable
 * FMR (1 / impostor trials: a million impostor scores reach 1e-6) to 1.
 * Points run from the lowest threshold (FMR 1, FNMR 0) to one just above the
 * highest score (FMR 0, FNMR 1). Sorting makes it O(n log n).
 */
export function detCurve(
  genuineScores: ArrayLike<number>,
  impostorScores: ArrayLike<number>,
  points = 200,
): DetPoint[] {
  if (genuineScores.length === 0 || impostorScores.length === 0) {
    throw new RangeError('a DET curve needs both genuine and impostor scores');
  }
  if (!(points >= 2)) throw new RangeError(`a DET curve needs at least 2 points, not ${points}`);
  const genuine = sortedScores(genuineScores);
  const impostor = sortedScores(impostorScores);
  const g = genuine.length;
  const m = impostor.length;

  // One candidate per distinct score: accepted impostors are those at or above
  // it, rejected genuine ones those below it.
  const thresholds = new Float64Array(g + m + 1);
  const fmr = new Float64Array(g + m + 1);
  const fnmr = new Float64Array(g + m + 1);
  let count = 0;
  let gi = 0;
  let ii = 0;
  while (gi < g || ii < m) {
    const t = Math.min(
      gi < g ? (genuine[gi] as number) : Infinity,
      ii < m ? (impostor[ii] as number) : Infinity,
    );
    thresholds[count] = t;
    fmr[count] = (m - ii) / m;
    fnmr[count] = gi / g;
    count += 1;
    while (gi < g && genuine[gi] === t) gi += 1;
    while (ii < m && impostor[ii] === t) ii += 1;
  }
  thresholds[count] = nextUp(Math.max(genuine[g - 1] as number, impostor[m - 1] as number));
  fmr[count] = 0;
  fnmr[count] = 1;
  count += 1;

  // Zero rates have no place on a log axis; half a trial below the smallest
  // measurable rate keeps the last step to zero short.
  const fmrFloor = Math.log10(0.5 / m);
  const fnmrFloor = Math.log10(0.5 / g);
  const logX = (i: number): number => Math.max(fmrFloor, Math.log10(fmr[i] as number));
  const logY = (i: number): number => Math.max(fnmrFloor, Math.log10(fnmr[i] as number));
  const cumulative = new Float64Array(count);
  for (let i = 1; i < count; i++) {
    cumulative[i] =
      (cumulative[i - 1] as number) + Math.hypot(logX(i) - logX(i - 1), logY(i) - logY(i - 1));
  }
  const total = cumulative[count - 1] as number;
  const step = total / (points - 1);
  if (!(step > 0)) {
    return Array.from(thresholds.subarray(0, count), (threshold, i) => ({
      threshold,
      fmr: fmr[i] as number,
      fnmr: fnmr[i] as number,
    }));
  }
  const curve: DetPoint[] = [];
  let nextMark = 0;
  for (let i = 0; i < count; i++) {
    if (i === 0 || i === count - 1 || (cumulative[i] as number) >= nextMark) {
      curve.push({
        threshold: thresholds[i] as number,
        fmr: fmr[i] as number,
        fnmr: fnmr[i] as number,
      });
      while (nextMark <= (cumulative[i] as number)) nextMark += step;
    }
  }
  return curve;
}

function sortedScores(scores: ArrayLike<number>): Float64Array {
  const sorted = Float64Array.from(scores).sort();
  // Typed-array sort puts NaN last.
  if (Number.isNaN(sorted[sorted.length - 1])) throw new RangeError('a comparison score is NaN');
  return sorted;
}

/** The smallest double above x: a threshold no score reaches. */
function nextUp(x: number): number {
  if (x === Infinity) return Infinity;
  if (x === 0) return Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, x > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}
