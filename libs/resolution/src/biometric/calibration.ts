import type { Modality } from '../record';

/**
 * Turns a comparison score into a log-likelihood ratio (natural log),
 * LLR(s) = a + b·s: linear logistic-regression calibration with the two classes
 * weighted equally, so the fitted log-odds are the LLR itself (the FoCal /
 * BOSARIS practice in forensic biometrics). It is monotone and needs no
 * binning; its weak spot is the extreme tails, where a straight line claims
 * likelihood ratios no calibration set could support. So the LLR is bounded
 * by what the data can show: no more than ln(impostor scores) for, and no
 * more than ln(genuine scores) against (the idea behind the ELUB bounds of
 * Vergeer et al., 2016). Thresholds use a normal fit of the impostor scores
 * of the group with the heaviest tail (see thresholds.ts, ADR 0006).
 */
export interface BiometricCalibration {
  modality: Modality;
  a: number;
  b: number;
  /** LLR clamps: no single comparison may claim more than this. */
  minLlr: number;
  maxLlr: number;
  /** Normal fit of the impostor scores of the group with the heaviest tail, for the false-match tail. */
  impostorMean: number;
  impostorSd: number;
  /** The group those impostor scores come from ('ALL' when groups were not given). */
  impostorGroup: string;
  genuineMean: number;
  genuineSd: number;
  genuineCount: number;
  impostorCount: number;
}

export class CalibrationError extends Error {
  readonly code = 'CALIBRATION_FAILED';
  constructor(reason: string) {
    super(`Biometric calibration failed: ${reason}`);
    this.name = 'CalibrationError';
  }
}

function meanSd(values: ArrayLike<number>): { mean: number; sd: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  const mean = sum / values.length;
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += ((values[i] as number) - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / Math.max(1, values.length - 1)) };
}

/**
 * Fits the calibration by Newton–Raphson on the class-balanced logistic loss.
 * Scores are centred and scaled first so the iteration is well conditioned.
 */
export function fitCalibration(
  modality: Modality,
  genuine: ArrayLike<number>,
  impostor: ArrayLike<number>,
  impostorByGroup?: ReadonlyMap<string, ArrayLike<number>>,
): BiometricCalibration {
  if (genuine.length < 20 || impostor.length < 20) {
    throw new CalibrationError(
      `${modality}: needs at least 20 genuine and 20 impostor scores, got ${genuine.length} and ${impostor.length}`,
    );
  }
  const g = meanSd(genuine);
  const im = meanSd(impostor);
  const centre = (g.mean + im.mean) / 2;
  const scale = Math.max(1e-6, (g.sd + im.sd) / 2);
  const wg = 0.5 / genuine.length;
  const wi = 0.5 / impostor.length;
  let a = 0;
  let b = 1;
  for (let iter = 0; iter < 100; iter++) {
    // Gradient and Hessian of the weighted negative log-likelihood in (a, b).
    let ga = 0;
    let gb = 0;
    let haa = 0;
    let hab = 0;
    let hbb = 0;
    const accumulate = (values: ArrayLike<number>, label: number, weight: number) => {
      for (let i = 0; i < values.length; i++) {
        const x = ((values[i] as number) - centre) / scale;
        const p = 1 / (1 + Math.exp(-(a + b * x)));
        const r = (p - label) * weight;
        const h = p * (1 - p) * weight;
        ga += r;
        gb += r * x;
        haa += h;
        hab += h * x;
        hbb += h * x * x;
      }
    };
    accumulate(genuine, 1, wg);
    accumulate(impostor, 0, wi);
    // A whisper of ridge keeps the Hessian invertible when the classes separate.
    haa += 1e-9;
    hbb += 1e-9;
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  if (!Number.isFinite(a) || !Number.isFinite(b) || b <= 0) {
    throw new CalibrationError(`${modality}: scores do not separate genuine from impostor pairs`);
  }
  // The group whose impostors reach furthest into the tail sets the false-match law.
  let tail = { group: 'ALL', ...im };
  for (const [group, scores] of impostorByGroup ?? []) {
    if (scores.length < 20) continue;
    const fit = meanSd(scores);
    if (fit.mean + 5 * fit.sd > tail.mean + 5 * tail.sd) tail = { group, ...fit };
  }
  return {
    modality,
    a: a - (b * centre) / scale,
    b: b / scale,
    minLlr: -Math.log(genuine.length),
    maxLlr: Math.log(impostor.length),
    impostorMean: tail.mean,
    impostorSd: tail.sd,
    impostorGroup: tail.group,
    genuineMean: g.mean,
    genuineSd: g.sd,
    genuineCount: genuine.length,
    impostorCount: impostor.length,
  };
}

export function scoreToLlr(calibration: BiometricCalibration, score: number): number {
  const llr = calibration.a + calibration.b * score;
  return Math.min(calibration.maxLlr, Math.max(calibration.minLlr, llr));
}

/** The score at which the calibration gives this LLR (unclamped inverse). */
export function llrToScore(calibration: BiometricCalibration, llr: number): number {
  return (llr - calibration.a) / calibration.b;
}
