import { biometricEvidence } from '../engine/pair-evidence';
import type { PreparedRecord } from '../engine/prepared-record';
import type { BiometricComparison } from '../decision/decide';
import type { ResolutionModel } from '../model/resolution-model';
import type { Modality } from '../record';

/**
 * Identification after an upstream match: a probe's biometric compared with
 * the candidate records the index returned, turned into a ranked list of
 * persons with the probability that each is the probe's person.
 *
 * Open-set posterior: hypothesis H0 "the probe's person is not enrolled" has
 * prior `priorEnrolled` against it, and if enrolled, each of the gallery's N
 * records' persons is equally likely a priori. The calibrated likelihood ratio
 * LR_i of the best comparison with person i then gives
 *   P(H_i | scores) = π/N · LR_i / ((1 − π) + π/N · Σ_j LR_j),
 * where persons the index did not return contribute LR ≈ 0 (their scores were
 * below every returned one). Only the chosen modality is used: this answers
 * "who does this face (or these prints) belong to", not the biographic question.
 */

export interface IdentificationCandidateRecord {
  personId: string;
  record: PreparedRecord;
}

export interface RankedCandidate {
  personId: string;
  /** 1-based. */
  rank: number;
  probability: number;
  /** Calibrated log-likelihood ratio of the best comparison with this person (natural log). */
  llr: number;
  /** The comparisons behind `llr` (one face, or the fused finger positions). */
  comparisons: BiometricComparison[];
  /** The person's record that gave the best comparison. */
  recordKey: string;
  /** Whether `llr` reaches the matcher's operating point (per-comparison FMR of the threshold set). */
  atOperatingPoint: boolean;
}

export interface IdentificationOptions {
  modality: Modality;
  /** Records in the gallery searched (N above). */
  gallerySize: number;
  /** Prior probability that the probe's person is enrolled at all (default 0.5). */
  priorEnrolled?: number;
  /** Biometric LLR of the matcher's operating point for these comparisons, if known (threshold set). */
  operatingPointLlr: (comparisons: readonly BiometricComparison[]) => number | null;
  /** Candidates returned at most. */
  limit: number;
}

export class IdentificationError extends Error {
  constructor(
    readonly code: 'PROBE_WITHOUT_MODALITY' | 'MODEL_WITHOUT_MODALITY',
    message: string,
  ) {
    super(message);
    this.name = 'IdentificationError';
  }
}

/** The comparisons of one modality between the probe and a candidate record. */
function comparisonsOf(
  model: ResolutionModel,
  modality: Modality,
  probe: PreparedRecord,
  candidate: PreparedRecord,
): BiometricComparison[] {
  return biometricEvidence(model, probe, candidate).filter((c) => c.modality === modality);
}

/** Whether the probe has a usable capture of the modality (above the model's quality floor). */
export function probeHasModality(probe: PreparedRecord, modality: Modality): boolean {
  return modality === 'FACE' ? probe.face !== null : probe.fingers.some((f) => f !== null);
}

const atOperatingPoint = (threshold: number | null, llr: number): boolean =>
  threshold !== null && llr >= threshold;

export function rankIdentification(
  model: ResolutionModel,
  probe: PreparedRecord,
  candidates: readonly IdentificationCandidateRecord[],
  options: IdentificationOptions,
): RankedCandidate[] {
  if ((options.modality === 'FACE' ? model.face : model.finger) === null) {
    throw new IdentificationError(
      'MODEL_WITHOUT_MODALITY',
      `The resolution model ${model.version} has no ${options.modality} calibration`,
    );
  }
  if (!probeHasModality(probe, options.modality)) {
    throw new IdentificationError(
      'PROBE_WITHOUT_MODALITY',
      `The probe record ${probe.features.record.key} has no usable ${options.modality} capture`,
    );
  }
  const best = new Map<string, Omit<RankedCandidate, 'rank' | 'probability'>>();
  for (const { personId, record } of candidates) {
    if (record.features.record.key === probe.features.record.key) continue;
    const comparisons = comparisonsOf(model, options.modality, probe, record);
    if (comparisons.length === 0) continue;
    const llr = comparisons.reduce((sum, c) => sum + c.llr, 0);
    const current = best.get(personId);
    if (current && current.llr >= llr) continue;
    best.set(personId, {
      personId,
      llr,
      comparisons,
      recordKey: record.features.record.key,
      atOperatingPoint: atOperatingPoint(options.operatingPointLlr(comparisons), llr),
    });
  }
  const enrolled = options.priorEnrolled ?? 0.5;
  const n = Math.max(options.gallerySize, best.size, 1);
  // Computed in log space relative to the largest LLR, so huge LLRs do not overflow.
  const ranked = [...best.values()].sort(
    (a, b) => b.llr - a.llr || a.personId.localeCompare(b.personId),
  );
  const top = ranked[0]?.llr ?? 0;
  const scaled = ranked.map((c) => Math.exp(c.llr - top));
  const evidence = scaled.reduce((s, x) => s + x, 0);
  // (1 − π) · N / π, in the same scale.
  const absent = Math.exp(Math.log(((1 - enrolled) * n) / enrolled) - top);
  return ranked.slice(0, options.limit).map((c, i) => ({
    ...c,
    rank: i + 1,
    probability: (scaled[i] as number) / (absent + evidence),
  }));
}
