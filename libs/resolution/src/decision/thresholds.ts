import type { BiometricCalibration } from '../biometric/calibration';
import { termProbability } from '../model/term-frequency';
import type { FieldModel } from '../model/fellegi-sunter';
import { contentVersion, type ResolutionModel } from '../model/resolution-model';
import type { DocumentAnchorCalibration } from './document-anchor';

/**
 * Threshold policy (ADR 0006). The targets are per search: the chance that a
 * probe whose person is not in the gallery is linked to someone. A search
 * meets every record in the gallery, and the candidate index hands the
 * resolver the best-scoring of them, so a per-search rate `r` needs a
 * per-comparison false-match rate of `r / gallerySize`. That is why a
 * threshold set is only valid for the gallery size it was computed at.
 */
export interface ThresholdPolicy {
  /** Per-search false-match rate allowed for AUTO_LINK (default 1e-4). */
  autoLinkFmr: number;
  /** Per-search false-match rate at which a pair is still worth a reviewer's time. */
  reviewFmr: number;
  /**
   * Per-comparison false-match rate the biometric evidence must reach on its
   * own before a pair may auto-link (the matcher's operating point, FMR 1e-4).
   * Names and nationality are correlated within a population in ways the
   * independence model does not see, so strong biographic agreement must not
   * carry a mediocre biometric score over the line.
   */
  biometricFmr: number;
  /** Records in the gallery the thresholds are computed for. */
  gallerySize: number;
}

export const DEFAULT_THRESHOLD_POLICY: Omit<ThresholdPolicy, 'gallerySize'> = {
  autoLinkFmr: 1e-4,
  reviewFmr: 1e-2,
  biometricFmr: 1e-4,
};

/** Which biometric evidence a pair has: thresholds differ by profile. */
export interface EvidenceProfile {
  face: boolean;
  /** Finger positions compared (0–10). */
  fingers: number;
}

export const profileKey = (p: EvidenceProfile): string =>
  p.face
    ? p.fingers > 0
      ? `face+finger${p.fingers}`
      : 'face'
    : p.fingers > 0
      ? `finger${p.fingers}`
      : 'biographic';

export interface ProfileThresholds {
  /** Total LLR at or above which a pair auto-links; null when the profile may never auto-link. */
  autoLink: number | null;
  review: number;
  /** Biometric LLR the pair needs on its own to auto-link; null without biometrics. */
  biometric: number | null;
}

export interface ThresholdSet {
  version: string;
  modelVersion: string;
  policy: ThresholdPolicy;
  perComparisonFmr: { autoLink: number; review: number };
  profiles: Record<string, ProfileThresholds>;
  /**
   * The measurement that decided whether document-anchored pairs may auto-link
   * (ADR 0014); absent when none was made, and then the anchor adds nothing.
   */
  documentAnchor?: DocumentAnchorCalibration;
}

const GRID = 0.02;

/** A discrete distribution of LLR on a fixed grid: mass per bin from `offset`. */
interface Distribution {
  offset: number;
  mass: Float64Array;
}

function pointMass(): Distribution {
  return { offset: 0, mass: Float64Array.of(1) };
}

function convolve(d: Distribution, atoms: { weight: number; probability: number }[]): Distribution {
  const bins = atoms.map((a) => Math.round(a.weight / GRID));
  const lo = Math.min(...bins);
  const hi = Math.max(...bins);
  const mass = new Float64Array(d.mass.length + hi - lo);
  for (let i = 0; i < d.mass.length; i++) {
    const p = d.mass[i] as number;
    if (p === 0) continue;
    for (let j = 0; j < atoms.length; j++) {
      const index = i + (bins[j] as number) - lo;
      mass[index] = (mass[index] as number) + p * (atoms[j] as { probability: number }).probability;
    }
  }
  return { offset: d.offset + lo, mass };
}

/**
 * The non-match distribution of one field's weight. A TF-adjusted field's top
 * level is split by value: two different people agree on value v with
 * probability ∝ p(v)², and then weigh ln(m/p(v)).
 */
function fieldAtoms(
  model: ResolutionModel,
  field: FieldModel,
): { weight: number; probability: number }[] {
  const atoms: { weight: number; probability: number }[] = [];
  const m = (level: number) => Math.max(1e-6, field.m[level] as number);
  const u = (level: number) => Math.max(1e-6, field.u[level] as number);
  const table = field.termFrequency ? model.biographic.termFrequencies[field.field] : undefined;
  field.levels.forEach((_, level) => {
    if (level === 0 && table && table.total > 0) {
      const stored = Object.entries(table.counts);
      const storedCount = stored.reduce((s, [, c]) => s + c, 0);
      const singletons = Math.max(0, table.total - storedCount);
      const squares = stored.map(([value]) => termProbability(table, value) ** 2);
      const singletonSquare = (1 / table.total) ** 2;
      const norm = squares.reduce((s, x) => s + x, 0) + singletons * singletonSquare;
      stored.forEach(([value], i) =>
        atoms.push({
          weight: Math.log(m(0) / Math.max(1e-6, termProbability(table, value))),
          probability: (u(0) * (squares[i] as number)) / norm,
        }),
      );
      if (singletons > 0) {
        atoms.push({
          weight: Math.log(m(0) * table.total),
          probability: (u(0) * singletons * singletonSquare) / norm,
        });
      }
    } else {
      atoms.push({ weight: Math.log(m(level) / u(level)), probability: u(level) });
    }
  });
  // Merge atoms that land in the same bin: keeps the convolution small.
  const merged = new Map<number, number>();
  for (const atom of atoms) {
    const bin = Math.round(atom.weight / GRID);
    merged.set(bin, (merged.get(bin) ?? 0) + atom.probability);
  }
  return [...merged].map(([bin, probability]) => ({ weight: bin * GRID, probability }));
}

/** Upper tail of the standard normal, accurate far out (down to 1e-300), where thresholds live. */
export function normalSurvival(z: number): number {
  if (z < 0) return 1 - normalSurvival(-z);
  if (z < 3) {
    // Φ(z) − ½ = φ(z)·(z + z³/3 + z⁵/15 + …)
    let sum = z;
    let term = z;
    for (let n = 1; n < 200; n++) {
      term *= (z * z) / (2 * n + 1);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return 0.5 - (sum * Math.exp(-(z * z) / 2)) / Math.sqrt(2 * Math.PI);
  }
  // Laplace's continued fraction for the Mills ratio.
  let f = 0;
  for (let n = 60; n >= 1; n--) f = n / (z + f);
  return Math.exp(-(z * z) / 2) / Math.sqrt(2 * Math.PI) / (z + f);
}

/**
 * The non-match distribution of one comparison's clamped LLR on the grid:
 * LLR = clamp(a + b·s) with s normal (the worst group's impostor fit), so the
 * clamps are point masses. Bin probabilities come from differences of upper
 * tails, which keeps them exact far into the tail.
 */
function biometricDistribution(c: BiometricCalibration): Distribution {
  const lo = Math.round(c.minLlr / GRID);
  const hi = Math.max(lo, Math.round(c.maxLlr / GRID));
  const tailAbove = (llr: number) =>
    normalSurvival(((llr - c.a) / c.b - c.impostorMean) / c.impostorSd);
  const mass = new Float64Array(hi - lo + 1);
  for (let k = lo; k <= hi; k++) {
    const upper = k === hi ? 0 : tailAbove((k + 0.5) * GRID);
    const lower = k === lo ? 1 : tailAbove((k - 0.5) * GRID);
    mass[k - lo] = Math.max(0, lower - upper);
  }
  return { offset: lo, mass };
}

function convolveDistributions(x: Distribution, y: Distribution): Distribution {
  const mass = new Float64Array(x.mass.length + y.mass.length - 1);
  for (let i = 0; i < x.mass.length; i++) {
    const p = x.mass[i] as number;
    if (p === 0) continue;
    for (let j = 0; j < y.mass.length; j++) {
      mass[i + j] = (mass[i + j] as number) + p * (y.mass[j] as number);
    }
  }
  return { offset: x.offset + y.offset, mass };
}

/** P(X ≥ bin) for every bin, summed from the top so the tail keeps its precision. */
function survival(d: Distribution): Float64Array {
  const s = new Float64Array(d.mass.length + 1);
  for (let i = d.mass.length - 1; i >= 0; i--) s[i] = (s[i + 1] as number) + (d.mass[i] as number);
  return s;
}

interface Tail {
  offset: number;
  survival: Float64Array;
}

/** P(total LLR ≥ t | different persons): the biographic and biometric parts are independent. */
function tailProbability(biographic: Distribution, biometric: Tail | null, t: number): number {
  const tBin = Math.ceil(t / GRID - 1e-9);
  let p = 0;
  for (let i = 0; i < biographic.mass.length; i++) {
    const mass = biographic.mass[i] as number;
    if (mass === 0) continue;
    const b = biographic.offset + i;
    if (biometric === null) {
      if (b >= tBin) p += mass;
      continue;
    }
    const need = tBin - b - biometric.offset;
    if (need <= 0) p += mass;
    else if (need < biometric.survival.length) p += mass * (biometric.survival[need] as number);
  }
  return p;
}

function solveThreshold(biographic: Distribution, biometric: Tail | null, target: number): number {
  let lo = -200;
  let hi = 400;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (tailProbability(biographic, biometric, mid) > target) lo = mid;
    else hi = mid;
  }
  return Math.round(hi * 1000) / 1000;
}

/** Every profile's thresholds for a model and policy: deterministic, so equal inputs give equal versions. */
export function computeThresholds(model: ResolutionModel, policy: ThresholdPolicy): ThresholdSet {
  if (!(policy.gallerySize >= 1)) throw new RangeError('gallerySize must be at least 1');
  let biographic = pointMass();
  for (const field of model.biographic.fields)
    biographic = convolve(biographic, fieldAtoms(model, field));
  const perComparisonFmr = {
    autoLink: policy.autoLinkFmr / policy.gallerySize,
    review: policy.reviewFmr / policy.gallerySize,
  };
  const profiles: Record<string, ProfileThresholds> = {};
  const face = model.face ? biometricDistribution(model.face) : null;
  const finger = model.finger ? biometricDistribution(model.finger) : null;
  let fingers: Distribution | null = null;
  for (let count = 0; count <= 10; count++) {
    if (count > 0) {
      if (!finger) break;
      fingers = fingers ? convolveDistributions(fingers, finger) : finger;
    }
    for (const withFace of [false, true]) {
      if (withFace && !face) continue;
      const parts = [withFace ? face : null, count > 0 ? fingers : null].filter(
        (d): d is Distribution => d !== null,
      );
      const law = parts.length === 0 ? null : parts.reduce((x, y) => convolveDistributions(x, y));
      const tail = law === null ? null : { offset: law.offset, survival: survival(law) };
      profiles[profileKey({ face: withFace, fingers: count })] = {
        // Biographic-only evidence never auto-links: names and dates can be shared or stolen.
        autoLink:
          tail === null ? null : solveThreshold(biographic, tail, perComparisonFmr.autoLink),
        review: solveThreshold(biographic, tail, perComparisonFmr.review),
        biometric: tail === null ? null : solveThreshold(pointMass(), tail, policy.biometricFmr),
      };
    }
  }
  const content = { modelVersion: model.version, policy, perComparisonFmr, profiles };
  return { version: contentVersion('th', content), ...content };
}
