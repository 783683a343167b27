import { wilsonInterval } from './wilson-interval';

/** One decided comparison: the group it is reported under, the truth, and the decision. */
export interface GroupTrial {
  group: string;
  genuine: boolean;
  accepted: boolean;
}

export interface GroupRates {
  group: string;
  genuineCount: number;
  impostorCount: number;
  falseMatches: number;
  falseNonMatches: number;
  /** NaN without impostor trials. */
  fmr: number;
  fmrCi: [number, number];
  /** NaN without genuine trials. */
  fnmr: number;
  fnmrCi: [number, number];
}

export type RatioExclusionReason = 'too-few-trials' | 'zero-rate';

export interface RatioExclusion {
  group: string;
  reason: RatioExclusionReason;
}

export interface GroupErrorRates {
  /** Sorted by group name. */
  groups: GroupRates[];
  /**
   * Highest group FMR over the lowest, among groups with at least `minTrials`
   * impostor trials and a non-zero FMR; NaN when fewer than two qualify.
   */
  fmrMaxMinRatio: number;
  /** The same over genuine trials and FNMR. */
  fnmrMaxMinRatio: number;
  /** Groups left out of each ratio, and why. */
  ratioExclusions: { fmr: RatioExclusion[]; fnmr: RatioExclusion[] };
  minTrials: number;
}

/**
 * Error rates per demographic group at the decisions actually taken, with 95%
 * Wilson intervals, and the max/min ratio that differential-performance
 * reports (e.g. NIST FRVT part 3) use. A zero rate would make the ratio
 * infinite and a group with a handful of trials would make it noise, so both
 * are left out of it and listed in `ratioExclusions` rather than dropped
 * silently.
 */
export function groupErrorRates(
  trials: Iterable<GroupTrial>,
  options: { minTrials?: number } = {},
): GroupErrorRates {
  const minTrials = options.minTrials ?? 100;
  const byGroup = new Map<string, GroupRates>();
  for (const trial of trials) {
    let g = byGroup.get(trial.group);
    if (!g) {
      g = emptyRates(trial.group);
      byGroup.set(trial.group, g);
    }
    if (trial.genuine) {
      g.genuineCount += 1;
      if (!trial.accepted) g.falseNonMatches += 1;
    } else {
      g.impostorCount += 1;
      if (trial.accepted) g.falseMatches += 1;
    }
  }
  const groups = [...byGroup.values()]
    .sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0))
    .map((g) => ({
      ...g,
      fmr: g.impostorCount === 0 ? Number.NaN : g.falseMatches / g.impostorCount,
      fmrCi: wilsonInterval(g.falseMatches, g.impostorCount),
      fnmr: g.genuineCount === 0 ? Number.NaN : g.falseNonMatches / g.genuineCount,
      fnmrCi: wilsonInterval(g.falseNonMatches, g.genuineCount),
    }));
  const fmr = maxMinRatio(
    groups,
    minTrials,
    (g) => g.impostorCount,
    (g) => g.fmr,
  );
  const fnmr = maxMinRatio(
    groups,
    minTrials,
    (g) => g.genuineCount,
    (g) => g.fnmr,
  );
  return {
    groups,
    fmrMaxMinRatio: fmr.ratio,
    fnmrMaxMinRatio: fnmr.ratio,
    ratioExclusions: { fmr: fmr.excluded, fnmr: fnmr.excluded },
    minTrials,
  };
}

function emptyRates(group: string): GroupRates {
  return {
    group,
    genuineCount: 0,
    impostorCount: 0,
    falseMatches: 0,
    falseNonMatches: 0,
    fmr: Number.NaN,
    fmrCi: [0, 1],
    fnmr: Number.NaN,
    fnmrCi: [0, 1],
  };
}

function maxMinRatio(
  groups: readonly GroupRates[],
  minTrials: number,
  trialsOf: (g: GroupRates) => number,
  rateOf: (g: GroupRates) => number,
): { ratio: number; excluded: RatioExclusion[] } {
  const excluded: RatioExclusion[] = [];
  const rates: number[] = [];
  for (const g of groups) {
    if (trialsOf(g) < minTrials || trialsOf(g) === 0) {
      excluded.push({ group: g.group, reason: 'too-few-trials' });
    } else if (rateOf(g) === 0) {
      excluded.push({ group: g.group, reason: 'zero-rate' });
    } else {
      rates.push(rateOf(g));
    }
  }
  const ratio = rates.length < 2 ? Number.NaN : Math.max(...rates) / Math.min(...rates);
  return { ratio, excluded };
}
