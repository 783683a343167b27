import type { FieldContribution } from '../model/fellegi-sunter';
import type { ResolutionModel } from '../model/resolution-model';
import { DOCUMENT_ANCHOR_FLAG, DOCUMENT_ANCHOR_PROFILE } from './document-anchor-rule';
import { profileKey, type EvidenceProfile, type ThresholdSet } from './thresholds';

export type LinkOutcome = 'AUTO_LINK' | 'REVIEW' | 'NO_LINK';

/** Why a pair did not auto-link (empty for AUTO_LINK): what a reviewer should look at first. */
export type HoldReason =
  | 'BIOGRAPHIC_ONLY'
  | 'BIOMETRIC_BELOW_OPERATING_POINT'
  | 'BELOW_AUTO_LINK_THRESHOLD'
  | 'BIOGRAPHIC_DISAGREES'
  | 'POSSIBLE_TWIN';

export interface BiometricComparison {
  modality: 'FACE' | 'FINGER';
  /** Finger position, for fingers. */
  position?: number;
  score: number;
  llr: number;
}

/** Everything measured about a pair before the decision. */
export interface PairEvidence {
  a: string;
  b: string;
  biographicLlr: number;
  fields: FieldContribution[];
  biometrics: BiometricComparison[];
  /** Why some evidence was left out, e.g. `FACE_BELOW_QUALITY_FLOOR:<key>`. */
  flags: string[];
}

/** One bar of the explanation waterfall, in the order the LLR was built. */
export interface Contribution {
  kind: 'PRIOR' | 'BIOGRAPHIC' | 'BIOMETRIC';
  name: string;
  detail: string;
  weight: number;
}

export interface LinkDecision {
  a: string;
  b: string;
  outcome: LinkOutcome;
  /** Total log-likelihood ratio (natural log): biographic + biometric. */
  llr: number;
  biometricLlr: number;
  /** Posterior probability of same person given the evidence and the candidate-pair prior. */
  probability: number;
  profile: string;
  thresholds: { autoLink: number | null; review: number; biometric: number | null };
  contributions: Contribution[];
  /** The biometric comparisons behind the biometric LLR, with their raw scores. */
  biometrics: BiometricComparison[];
  flags: string[];
  heldBecause: HoldReason[];
  modelVersion: string;
  thresholdVersion: string;
}

export class ThresholdProfileMissingError extends Error {
  readonly code = 'THRESHOLD_PROFILE_MISSING';
  constructor(profile: string, version: string) {
    super(`Threshold set ${version} has no thresholds for evidence profile ${profile}`);
    this.name = 'ThresholdProfileMissingError';
  }
}

export function evidenceProfile(evidence: PairEvidence): EvidenceProfile {
  let face = false;
  let fingers = 0;
  for (const b of evidence.biometrics) {
    if (b.modality === 'FACE') face = true;
    else fingers += 1;
  }
  return { face, fingers };
}

/**
 * AUTO_LINK needs all of: biometric evidence (or, where the threshold set's
 * measurement allows it, a document anchor: ADR 0014) that supports the link and
 * reaches the matcher's own operating point (policy.biometricFmr),
 * biographic evidence that does not speak against it (a face match with
 * disagreeing names and dates is an alias or a lookalike, and a person should
 * look at it), no twin signature, and a total LLR at the profile's auto-link
 * threshold. REVIEW takes anything at the review threshold; the rest is NO_LINK.
 */
export function decide(
  evidence: PairEvidence,
  model: ResolutionModel,
  thresholds: ThresholdSet,
): LinkDecision {
  // A document-anchored pair has its own profile only where the threshold set was calibrated
  // for it (ADR 0014); elsewhere it is biographic evidence like any other.
  const anchored =
    evidence.biometrics.length === 0 &&
    evidence.flags.includes(DOCUMENT_ANCHOR_FLAG) &&
    thresholds.profiles[DOCUMENT_ANCHOR_PROFILE] !== undefined;
  const profile = anchored ? DOCUMENT_ANCHOR_PROFILE : profileKey(evidenceProfile(evidence));
  const limits = thresholds.profiles[profile];
  if (!limits) throw new ThresholdProfileMissingError(profile, thresholds.version);
  let biometricLlr = 0;
  for (const b of evidence.biometrics) biometricLlr += b.llr;
  const llr = evidence.biographicLlr + biometricLlr;
  const held: HoldReason[] = [];
  if (limits.autoLink === null || (limits.biometric === null && !anchored))
    held.push('BIOGRAPHIC_ONLY');
  else if (anchored) {
    // The anchored profile: its measured precision stands in for the biometric gate.
    if (llr < limits.autoLink) held.push('BELOW_AUTO_LINK_THRESHOLD');
  } else {
    if (biometricLlr <= 0 || biometricLlr < (limits.biometric ?? 0))
      held.push('BIOMETRIC_BELOW_OPERATING_POINT');
    if (llr < limits.autoLink) held.push('BELOW_AUTO_LINK_THRESHOLD');
  }
  if (evidence.biographicLlr < 0) held.push('BIOGRAPHIC_DISAGREES');
  if (evidence.flags.includes('POSSIBLE_TWIN')) held.push('POSSIBLE_TWIN');
  const outcome: LinkOutcome =
    held.length === 0 ? 'AUTO_LINK' : llr >= limits.review ? 'REVIEW' : 'NO_LINK';
  const lambda = model.biographic.lambda;
  const prior = Math.log(lambda / (1 - lambda));
  const contributions: Contribution[] = [
    { kind: 'PRIOR', name: 'candidate prior', detail: `λ=${lambda.toPrecision(3)}`, weight: prior },
    ...evidence.fields.map((f): Contribution => ({
      kind: 'BIOGRAPHIC',
      name: f.field,
      detail: f.termValue === undefined ? f.level : `${f.level} (${f.termValue})`,
      weight: f.weight,
    })),
    ...evidence.biometrics.map((b): Contribution => ({
      kind: 'BIOMETRIC',
      name: b.modality === 'FACE' ? 'face' : `finger ${b.position}`,
      detail: `score ${b.score.toFixed(4)}`,
      weight: b.llr,
    })),
  ];
  return {
    a: evidence.a,
    b: evidence.b,
    outcome,
    llr,
    biometricLlr,
    probability: 1 / (1 + Math.exp(-(llr + prior))),
    profile,
    thresholds: { autoLink: limits.autoLink, review: limits.review, biometric: limits.biometric },
    contributions,
    biometrics: evidence.biometrics,
    flags: evidence.flags,
    heldBecause: held,
    modelVersion: model.version,
    thresholdVersion: thresholds.version,
  };
}
