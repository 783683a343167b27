import { REGION_GROUPS, type RegionGroup } from './names/name-types';
import type { CaptureSample } from './records';
import type { FingerPosition } from './record-types';
import { Rng } from './rng';
import { cosine } from './templates';

export type Modality = 'face' | 'finger';

/** Comparison scores of one modality: genuine (same person) and impostor pairs inside each group. */
export interface ScoreSet {
  modality: Modality;
  genuine: Float64Array;
  /** Group of each genuine score, aligned with `genuine`. */
  genuineGroups: RegionGroup[];
  impostor: Map<RegionGroup, Float64Array>;
}

/**
 * Fused multi-finger score: the mean cosine over the positions both captures
 * have (null if they share none). A real AFIS fuses more cleverly; the mean is
 * the plain baseline the calibration targets.
 */
export function fusedFingerScore(
  a: ReadonlyMap<FingerPosition, Float32Array>,
  b: ReadonlyMap<FingerPosition, Float32Array>,
): number | null {
  let sum = 0;
  let n = 0;
  for (const [position, va] of a) {
    const vb = b.get(position);
    if (!vb) continue;
    sum += cosine(va, vb);
    n += 1;
  }
  return n === 0 ? null : sum / n;
}

function compare(modality: Modality, a: CaptureSample, b: CaptureSample): number | null {
  if (modality === 'face') return a.face && b.face ? cosine(a.face, b.face) : null;
  return a.fingers && b.fingers ? fusedFingerScore(a.fingers, b.fingers) : null;
}

/**
 * Scores every genuine pair in `samples` and, per group, impostor pairs of
 * different people: all of them while that is at most
 * `impostorPairsPerGroup`, otherwise that many drawn at random (seeded).
 * Twins and lookalikes are left out of the impostor set, as biometric
 * evaluations do: they are a known hard case, reported on their own, and a
 * single pair of them would swamp a group's false-match rate.
 */
export function scoreSamples(
  samples: readonly CaptureSample[],
  modality: Modality,
  options: { impostorPairsPerGroup: number; seed: number },
): ScoreSet {
  const usable = samples.filter((s) =>
    modality === 'face' ? s.face !== null : s.fingers !== null && s.fingers.size > 0,
  );
  const genuine: number[] = [];
  const genuineGroups: RegionGroup[] = [];
  const byPerson = new Map<string, CaptureSample[]>();
  for (const sample of usable) {
    const list = byPerson.get(sample.personId) ?? [];
    list.push(sample);
    byPerson.set(sample.personId, list);
  }
  for (const captures of byPerson.values()) {
    for (let i = 0; i < captures.length; i++) {
      for (let j = i + 1; j < captures.length; j++) {
        const score = compare(modality, captures[i] as CaptureSample, captures[j] as CaptureSample);
        if (score !== null) {
          genuine.push(score);
          genuineGroups.push((captures[i] as CaptureSample).group);
        }
      }
    }
  }

  const rng = new Rng(options.seed);
  const impostor = new Map<RegionGroup, Float64Array>();
  for (const group of REGION_GROUPS) {
    const members = usable.filter((s) => s.group === group);
    const scores: number[] = [];
    const allPairs = (members.length * (members.length - 1)) / 2;
    if (allPairs <= options.impostorPairsPerGroup) {
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) {
          const a = members[i] as CaptureSample;
          const b = members[j] as CaptureSample;
          if (a.personId === b.personId || a.related.includes(b.personId)) continue;
          const score = compare(modality, a, b);
          if (score !== null) scores.push(score);
        }
      }
    } else {
      let attempts = 0;
      while (
        scores.length < options.impostorPairsPerGroup &&
        attempts < options.impostorPairsPerGroup * 4
      ) {
        attempts += 1;
        const a = members[rng.int(members.length)] as CaptureSample;
        const b = members[rng.int(members.length)] as CaptureSample;
        if (a.personId === b.personId || a.related.includes(b.personId)) continue;
        const score = compare(modality, a, b);
        if (score !== null) scores.push(score);
      }
    }
    impostor.set(group, Float64Array.from(scores));
  }
  return { modality, genuine: Float64Array.from(genuine), genuineGroups, impostor };
}

/** All impostor scores of a set, pooled over groups. */
export function pooledImpostors(set: ScoreSet): Float64Array {
  const total = [...set.impostor.values()].reduce((n, s) => n + s.length, 0);
  const pooled = new Float64Array(total);
  let offset = 0;
  for (const scores of set.impostor.values()) {
    pooled.set(scores, offset);
    offset += scores.length;
  }
  return pooled;
}

/**
 * The lowest threshold whose false-match rate over `impostors` is at most
 * `fmr` (a score matches when it is ≥ the threshold).
 */
export function thresholdAtFmr(impostors: Float64Array, fmr: number): number {
  if (impostors.length === 0) throw new RangeError('no impostor scores');
  const sorted = Float64Array.from(impostors).sort();
  const allowed = Math.floor(fmr * sorted.length);
  const index = sorted.length - allowed - 1;
  // Just above the highest impostor score that must not match.
  return (sorted[index] as number) + 1e-9;
}

export function rateAtOrAbove(scores: Float64Array, threshold: number): number {
  if (scores.length === 0) return Number.NaN;
  let n = 0;
  for (const s of scores) if (s >= threshold) n += 1;
  return n / scores.length;
}

export interface Histogram {
  binStart: number;
  binWidth: number;
  counts: number[];
}

export function histogram(
  scores: Float64Array,
  binStart = -0.3,
  binEnd = 1,
  binWidth = 0.01,
): Histogram {
  const bins = Math.round((binEnd - binStart) / binWidth);
  const counts = new Array<number>(bins).fill(0);
  for (const s of scores) {
    const i = Math.min(bins - 1, Math.max(0, Math.floor((s - binStart) / binWidth)));
    counts[i] = (counts[i] as number) + 1;
  }
  return { binStart, binWidth, counts };
}

/** The operating-point figures the summary and the calibration test report for one modality. */
export interface OperatingPoint {
  modality: Modality;
  targetFmr: number;
  threshold: number;
  fnmr: number;
  genuinePairs: number;
  impostorPairs: number;
  fmrByGroup: Record<RegionGroup, { fmr: number; pairs: number }>;
  fnmrByGroup: Record<RegionGroup, { fnmr: number; pairs: number }>;
  /** Highest group FMR over the lowest (non-zero) one, at the pooled threshold. */
  groupFmrRatio: number;
}

export function operatingPoint(set: ScoreSet, targetFmr: number): OperatingPoint {
  const pooled = pooledImpostors(set);
  // A tiny population may have no impostor pair at all: report "not measurable", not a guess.
  const threshold = pooled.length > 0 ? thresholdAtFmr(pooled, targetFmr) : Number.NaN;
  const fmrByGroup = {} as OperatingPoint['fmrByGroup'];
  const fnmrByGroup = {} as OperatingPoint['fnmrByGroup'];
  for (const group of REGION_GROUPS) {
    const scores = set.impostor.get(group) ?? new Float64Array();
    fmrByGroup[group] = { fmr: rateAtOrAbove(scores, threshold), pairs: scores.length };
    const genuine = Float64Array.from(set.genuine.filter((_, i) => set.genuineGroups[i] === group));
    fnmrByGroup[group] = { fnmr: 1 - rateAtOrAbove(genuine, threshold), pairs: genuine.length };
  }
  const rates = Object.values(fmrByGroup)
    .filter((g) => g.pairs > 0)
    .map((g) => g.fmr);
  const positive = rates.filter((r) => r > 0);
  return {
    modality: set.modality,
    targetFmr,
    threshold,
    fnmr: 1 - rateAtOrAbove(set.genuine, threshold),
    genuinePairs: set.genuine.length,
    impostorPairs: pooled.length,
    fmrByGroup,
    fnmrByGroup,
    groupFmrRatio: positive.length > 0 ? Math.max(...rates) / Math.min(...positive) : Number.NaN,
  };
}
