import { contentVersion, type ResolutionModel } from '../model/resolution-model';
import { pairEvidence } from '../engine/pair-evidence';
import type { PreparedRecord } from '../engine/prepared-record';
import { decide } from './decide';
import {
  DOCUMENT_ANCHOR_FLAG,
  DOCUMENT_ANCHOR_MIN_PRECISION,
  DOCUMENT_ANCHOR_PROFILE,
} from './document-anchor-rule';
import type { ThresholdSet } from './thresholds';

/** Two-sided 95% normal quantile, as in @mosaic/evaluation's Wilson interval. */
const Z_95 = 1.959963984540054;

/** Lower end of the 95% Wilson score interval of a proportion. */
export function wilsonLowerBound(successes: number, trials: number): number {
  if (trials === 0) return 0;
  const p = successes / trials;
  const z2 = Z_95 * Z_95;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half =
    (Z_95 / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return Math.max(0, centre - half);
}

/** What the anchor rule did on labelled pairs, and whether it may therefore auto-link. */
export interface DocumentAnchorCalibration {
  /** Where the labelled pairs came from (a population, a seed, a review sample). */
  measuredOn: string;
  /** Labelled pairs the anchor rule would auto-link with no biometric evidence. */
  autoLinked: number;
  /** Of them, pairs of different persons. */
  falseLinks: number;
  precision: number;
  /** 95% Wilson lower bound of the precision: what must reach `minPrecision`. */
  precisionLowerBound: number;
  minPrecision: number;
  allowed: boolean;
  /** Why it may or may not auto-link, in words the evaluation prints. */
  reason: string;
}

export function documentAnchorCalibration(measurement: {
  measuredOn: string;
  autoLinked: number;
  falseLinks: number;
  minPrecision?: number;
}): DocumentAnchorCalibration {
  const { autoLinked, falseLinks } = measurement;
  const minPrecision = measurement.minPrecision ?? DOCUMENT_ANCHOR_MIN_PRECISION;
  const precision = autoLinked === 0 ? Number.NaN : (autoLinked - falseLinks) / autoLinked;
  const lower = wilsonLowerBound(autoLinked - falseLinks, autoLinked);
  const allowed = autoLinked > 0 && lower >= minPrecision;
  const figures = `${autoLinked - falseLinks} of ${autoLinked} labelled anchored pairs were the same person (Wilson 95% lower bound ${lower.toFixed(5)})`;
  return {
    measuredOn: measurement.measuredOn,
    autoLinked,
    falseLinks,
    precision,
    precisionLowerBound: lower,
    minPrecision,
    allowed,
    reason: allowed
      ? `${figures} ≥ ${minPrecision}: may auto-link`
      : autoLinked === 0
        ? `no labelled anchored pairs: stays in review`
        : `${figures} < ${minPrecision}: stays in review`,
  };
}

/**
 * The threshold set with the document-anchored profile added, as the
 * calibration decides: when allowed, an anchored pair with no biometric
 * comparison auto-links at the biographic review threshold (every other
 * auto-link rule of `decide` still applies: no twin signature, biographic
 * evidence not against); when not, the profile exists with no auto-link
 * threshold, so its pairs go to review under their own name. A new version:
 * every decision says which rule it was made under.
 */
export function withDocumentAnchor(
  thresholds: ThresholdSet,
  calibration: DocumentAnchorCalibration,
): ThresholdSet {
  const biographic = thresholds.profiles['biographic'];
  if (!biographic)
    throw new RangeError(`Threshold set ${thresholds.version} has no biographic profile`);
  const content = {
    modelVersion: thresholds.modelVersion,
    policy: thresholds.policy,
    perComparisonFmr: thresholds.perComparisonFmr,
    profiles: {
      ...thresholds.profiles,
      [DOCUMENT_ANCHOR_PROFILE]: {
        autoLink: calibration.allowed ? biographic.review : null,
        review: biographic.review,
        biometric: null,
      },
    },
    documentAnchor: calibration,
  };
  return { version: contentVersion('th', content), ...content };
}

export interface LabelledPair {
  a: PreparedRecord;
  b: PreparedRecord;
  samePerson: boolean;
}

/**
 * Measures the anchor rule on labelled pairs: each pair is decided on its
 * biographic evidence alone (as if one side had no usable biometric, which
 * is when the rule applies) with the anchor allowed, and the AUTO_LINKs it
 * gives are counted against the labels. Using `decide` itself keeps the
 * measured rule and the applied rule one rule.
 */
export function measureDocumentAnchor(
  model: ResolutionModel,
  thresholds: ThresholdSet,
  pairs: Iterable<LabelledPair>,
  options: { measuredOn: string; minPrecision?: number },
): DocumentAnchorCalibration & { anchoredPairs: number } {
  const trial = withDocumentAnchor(
    thresholds,
    documentAnchorCalibration({
      measuredOn: 'trial',
      autoLinked: 1,
      falseLinks: 0,
      minPrecision: 0,
    }),
  );
  let autoLinked = 0;
  let falseLinks = 0;
  let anchoredPairs = 0;
  for (const pair of pairs) {
    const evidence = pairEvidence(model, pair.a, pair.b, []);
    if (!evidence.flags.includes(DOCUMENT_ANCHOR_FLAG)) continue;
    anchoredPairs += 1;
    const decision = decide(evidence, model, trial);
    if (decision.outcome !== 'AUTO_LINK') continue;
    autoLinked += 1;
    if (!pair.samePerson) falseLinks += 1;
  }
  return {
    ...documentAnchorCalibration({
      measuredOn: options.measuredOn,
      autoLinked,
      falseLinks,
      minPrecision: options.minPrecision,
    }),
    anchoredPairs,
  };
}
