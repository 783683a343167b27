import { Rng } from '@mosaic/synth';
import { fitCalibration, scoreToLlr, type BiometricCalibration } from '../biometric/calibration';
import { cosine } from '../biometric/similarity';
import { COMPARISON_FIELDS, compareFeatures, termValues } from '../compare';
import type { ComparisonVector } from '../comparison';
import type { RecordFeatures } from '../features';
import { normaliseRecord } from '../normalise';
import type { ResolutionRecord } from '../record';
import { estimateFellegiSunter } from './fellegi-sunter';
import { versionModel, type ResolutionModel } from './resolution-model';
import { buildTermFrequencyTable, type TermFrequencyTable } from './term-frequency';

/** Labelled comparison scores of one modality (a vendor's or a synthetic calibration set). */
export interface LabelledScores {
  genuine: ArrayLike<number>;
  impostor: ArrayLike<number>;
  /** The impostor scores split by demographic group, when known: thresholds follow the worst group. */
  impostorByGroup?: ReadonlyMap<string, ArrayLike<number>>;
}

export interface TrainingInput {
  /** Unlabelled records: EM learns m from their candidate pairs. */
  records: readonly ResolutionRecord[];
  face: LabelledScores | null;
  /** Single-position finger scores; positions are fused by summing LLRs. */
  finger: LabelledScores | null;
  qualityFloor: { face: number; finger: number };
  seed: number;
  maxCandidatePairs?: number;
  randomPairs?: number;
  maxBlockSize?: number;
}

export function termFrequencyTables(
  features: readonly RecordFeatures[],
): Record<string, TermFrequencyTable> {
  const tables: Record<string, TermFrequencyTable> = {};
  for (const field of COMPARISON_FIELDS) {
    if (!field.termFrequency) continue;
    tables[field.field] = buildTermFrequencyTable(
      field.field,
      features.map((f) => termValues(f, field.field)),
    );
  }
  return tables;
}

function biometricLlr(
  a: RecordFeatures,
  b: RecordFeatures,
  face: BiometricCalibration | null,
  finger: BiometricCalibration | null,
  floor: { face: number; finger: number },
): number {
  let llr = 0;
  const fa = a.record.face;
  const fb = b.record.face;
  if (face && fa && fb && fa.quality >= floor.face && fb.quality >= floor.face) {
    llr += scoreToLlr(face, cosine(fa.template, fb.template));
  }
  if (finger) {
    for (const x of a.record.fingers) {
      if (x.quality < floor.finger) continue;
      const y = b.record.fingers.find((f) => f.position === x.position);
      if (y && y.quality >= floor.finger) llr += scoreToLlr(finger, cosine(x.template, y.template));
    }
  }
  return llr;
}

/**
 * Fits a resolution model: biometric calibrations from labelled scores, term
 * frequencies from the records, u from random record pairs and m by EM on
 * the pairs blocking would propose.
 */
export function trainResolutionModel(input: TrainingInput): ResolutionModel {
  const rng = new Rng(input.seed);
  const features = input.records.map(normaliseRecord);
  const face = input.face
    ? fitCalibration('FACE', input.face.genuine, input.face.impostor, input.face.impostorByGroup)
    : null;
  const finger = input.finger
    ? fitCalibration(
        'FINGER',
        input.finger.genuine,
        input.finger.impostor,
        input.finger.impostorByGroup,
      )
    : null;

  const maxBlock = input.maxBlockSize ?? 100;
  const blocks = new Map<string, number[]>();
  features.forEach((f, i) => {
    for (const key of f.blockingKeys) {
      const list = blocks.get(key) ?? [];
      list.push(i);
      blocks.set(key, list);
    }
  });
  const pairIds = new Set<number>();
  const n = features.length;
  for (const members of blocks.values()) {
    if (members.length < 2 || members.length > maxBlock) continue;
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const i = members[x] as number;
        const j = members[y] as number;
        pairIds.add(i < j ? i * n + j : j * n + i);
      }
    }
  }
  let pairList = [...pairIds].sort((p, q) => p - q);
  const maxPairs = input.maxCandidatePairs ?? 200_000;
  if (pairList.length > maxPairs) {
    const shuffled = rng.fork(1);
    for (let i = pairList.length - 1; i > 0; i--) {
      const j = shuffled.int(i + 1);
      [pairList[i], pairList[j]] = [pairList[j] as number, pairList[i] as number];
    }
    pairList = pairList.slice(0, maxPairs);
  }
  const candidatePairs: ComparisonVector[] = [];
  const bio = new Float64Array(pairList.length);
  pairList.forEach((id, k) => {
    const a = features[Math.floor(id / n)] as RecordFeatures;
    const b = features[id % n] as RecordFeatures;
    candidatePairs.push(compareFeatures(a, b));
    bio[k] = biometricLlr(a, b, face, finger, input.qualityFloor);
  });

  const randomPairs: ComparisonVector[] = [];
  const pick = rng.fork(2);
  const wanted = input.randomPairs ?? 100_000;
  for (let k = 0; k < wanted && n > 1; k++) {
    const i = pick.int(n);
    let j = pick.int(n - 1);
    if (j >= i) j += 1;
    randomPairs.push(compareFeatures(features[i] as RecordFeatures, features[j] as RecordFeatures));
  }

  const biographic = estimateFellegiSunter({
    fields: COMPARISON_FIELDS,
    candidatePairs,
    biometricLlr: bio,
    randomPairs,
    termFrequencies: termFrequencyTables(features),
  });
  return versionModel({ biographic, face, finger, qualityFloor: input.qualityFloor });
}
