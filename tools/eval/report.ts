// Scores a resolution run against ground truth and draws its pictures.
import { svgToPng } from '@mosaic/charts';
import {
  bcubedMetrics,
  detCurve,
  groupErrorRates,
  linkOutcomeShares,
  pairwiseMetrics,
  renderDetChart,
  renderGroupRatesChart,
  wilsonInterval,
} from '@mosaic/evaluation';
import type { SampledTrials } from './error-sample';
import { HOLD_REASONS, type RunOutput } from './resolution-run';
import type { GroundTruth } from '@mosaic/evaluation';

export interface ModalityReport {
  modality: string;
  genuineTrials: number;
  impostorTrials: number;
  /** At the operating point: AUTO_LINK decisions of the full model on the sampled pairs. */
  fmr: number;
  fmrCi: [number, number];
  fnmr: number;
  fnmrCi: [number, number];
  groups: ReturnType<typeof groupErrorRates>;
}

export function clusteringReport(run: RunOutput, truth: GroundTruth) {
  const truthMap = new Map<string, string>();
  for (const key of run.finalClustering.keys()) {
    const person = truth.personOf.get(key);
    if (person !== undefined) truthMap.set(key, person);
  }
  const scored = (clustering: ReadonlyMap<string, string>) => ({
    pairwise: pairwiseMetrics(truthMap, clustering),
    bcubed: bcubedMetrics(truthMap, clustering),
  });
  return {
    autoOnly: scored(run.autoClustering),
    withOracleReview: scored(run.oracleClustering),
    /** The final clustering: after the chosen reviewers (simulated by default) worked the queue. */
    withReview: scored(run.finalClustering),
    /** Where true pairs end up with perfect review: "needed review" depends on the queue only. */
    links: linkOutcomeShares({
      truth: truthMap,
      autoClusters: run.autoClustering,
      reviewedClusters: run.oracleClustering,
    }),
    /** The same after the chosen reviewers: their misses add to "missed". */
    linksAfterReview: linkOutcomeShares({
      truth: truthMap,
      autoClusters: run.autoClustering,
      reviewedClusters: run.finalClustering,
    }),
  };
}

/**
 * The document-anchored profile on this run's own pairs: the auto-links it
 * made with their precision and Wilson lower bound, and the anchored pairs
 * that still went to review.
 */
export function documentAnchorReport(run: RunOutput, truth: GroundTruth) {
  let autoLinked = 0;
  let falseLinks = 0;
  const review = { samePerson: 0, differentPersons: 0 };
  const reasons = Object.fromEntries(HOLD_REASONS.map((r) => [r, 0]));
  for (let i = 0; i < run.pairs.length; i++) {
    const anchor = run.pairs.anchor[i] as number;
    if (anchor === 0) continue;
    const same =
      truth.personOf.get(run.pairs.a[i] as string) === truth.personOf.get(run.pairs.b[i] as string);
    const outcome = run.pairs.outcome[i] as number;
    if (anchor === 2 && outcome === 2) {
      autoLinked += 1;
      if (!same) falseLinks += 1;
    }
    if (anchor === 2 && outcome === 1) {
      review[same ? 'samePerson' : 'differentPersons'] += 1;
      const mask = run.pairs.held[i] as number;
      HOLD_REASONS.forEach((reason, bit) => {
        if ((mask & (1 << bit)) !== 0) reasons[reason] = (reasons[reason] as number) + 1;
      });
    }
  }
  const [lower] = wilsonInterval(autoLinked - falseLinks, autoLinked);
  return {
    autoLinked,
    falseLinks,
    precision: autoLinked === 0 ? Number.NaN : (autoLinked - falseLinks) / autoLinked,
    precisionLowerBound: autoLinked === 0 ? 0 : lower,
    review,
    reviewHeldBecause: reasons,
  };
}

/** Decisions on the scored candidate pairs, labelled by truth. */
export function decisionReport(run: RunOutput, truth: GroundTruth) {
  const counts = { AUTO_LINK: [0, 0], REVIEW: [0, 0], NO_LINK: [0, 0] } as Record<
    string,
    [number, number]
  >;
  const names = ['NO_LINK', 'REVIEW', 'AUTO_LINK'];
  for (let i = 0; i < run.pairs.length; i++) {
    const same =
      truth.personOf.get(run.pairs.a[i] as string) === truth.personOf.get(run.pairs.b[i] as string);
    const bucket = counts[names[run.pairs.outcome[i] as number] as string] as [number, number];
    bucket[same ? 0 : 1] += 1;
  }
  // Why same-person pairs went to review: each reason, and the pairs held by it alone.
  const heldTrue = Object.fromEntries(HOLD_REASONS.map((r) => [r, { any: 0, only: 0 }]));
  for (let i = 0; i < run.pairs.length; i++) {
    if (run.pairs.outcome[i] !== 1) continue;
    const a = truth.personOf.get(run.pairs.a[i] as string);
    if (a !== truth.personOf.get(run.pairs.b[i] as string)) continue;
    const mask = run.pairs.held[i] as number;
    HOLD_REASONS.forEach((reason, bit) => {
      if ((mask & (1 << bit)) === 0) return;
      const entry = heldTrue[reason] as { any: number; only: number };
      entry.any += 1;
      if (mask === 1 << bit) entry.only += 1;
    });
  }
  const row = ([same, different]: [number, number]) => ({
    samePerson: same,
    differentPersons: different,
  });
  return {
    scoredPairs: run.pairs.length,
    autoLink: row(counts.AUTO_LINK as [number, number]),
    review: row(counts.REVIEW as [number, number]),
    noLink: row(counts.NO_LINK as [number, number]),
    samePersonReviewReasons: heldTrue,
  };
}

export function modalityReport(trials: SampledTrials): ModalityReport {
  let g = 0;
  let im = 0;
  let fm = 0;
  let fnm = 0;
  const groupTrials = [];
  for (let i = 0; i < trials.score.length; i++) {
    const genuine = trials.genuine[i] === 1;
    const accepted = trials.autoLinked[i] === 1;
    if (genuine) {
      g += 1;
      if (!accepted) fnm += 1;
    } else {
      im += 1;
      if (accepted) fm += 1;
    }
    groupTrials.push({ group: trials.group[i] as string, genuine, accepted });
  }
  return {
    modality: trials.modality,
    genuineTrials: g,
    impostorTrials: im,
    fmr: im === 0 ? Number.NaN : fm / im,
    fmrCi: wilsonInterval(fm, im),
    fnmr: g === 0 ? Number.NaN : fnm / g,
    fnmrCi: wilsonInterval(fnm, g),
    groups: groupErrorRates(groupTrials, { minTrials: 30 }),
  };
}

export async function modalityCharts(
  trials: SampledTrials,
  report: ModalityReport,
): Promise<{ detSvg: string; detPng: Buffer; groupsSvg: string; groupsPng: Buffer }> {
  const genuine: number[] = [];
  const impostor: number[] = [];
  for (let i = 0; i < trials.score.length; i++) {
    (trials.genuine[i] === 1 ? genuine : impostor).push(trials.score[i] as number);
  }
  const curve = detCurve(Float64Array.from(genuine), Float64Array.from(impostor));
  const detSvg = await renderDetChart(
    [
      {
        label: `${trials.modality} matcher`,
        points: curve,
        // With no false match observed the point sits at the interval's upper bound, and says so.
        operatingPoint:
          report.fmr > 0
            ? { fmr: report.fmr, fnmr: report.fnmr, label: 'AUTO_LINK' }
            : {
                fmr: report.fmrCi[1],
                fnmr: report.fnmr,
                label: `AUTO_LINK (0 false matches; 95% bound ${report.fmrCi[1].toExponential(1)})`,
              },
      },
    ],
    {
      title: `DET: ${trials.modality} (${report.genuineTrials} genuine, ${report.impostorTrials} impostor pairs)`,
    },
  );
  const groupsSvg = await renderGroupRatesChart(report.groups, {
    title: `AUTO_LINK error rates by group: ${trials.modality}`,
  });
  return { detSvg, detPng: svgToPng(detSvg), groupsSvg, groupsPng: svgToPng(groupsSvg) };
}
