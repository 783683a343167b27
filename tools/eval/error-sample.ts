// Matcher- and decision-level error rates on a sample of record pairs drawn
// from the evaluated data: genuine pairs of the same person, impostor pairs of
// different people of the same demographic group (the harder and the
// customary comparison, ISO/IEC 19795-10). Every sampled pair is scored by the
// matcher (for the DET curve) and decided by the full model (for the
// operating point), so both sit on the same trials.
import {
  cosine,
  decide,
  pairEvidence,
  prepareRecord,
  type PreparedRecord,
  type RecordFeatures,
  type ResolutionModel,
  type ThresholdSet,
} from '@mosaic/resolution';
import { Rng } from '@mosaic/synth';
import type { GroundTruth } from '@mosaic/evaluation';

export type SampleModality = 'face' | 'finger';

export interface SampledTrials {
  modality: SampleModality;
  /** Matcher score (face cosine; mean cosine over shared finger positions). */
  score: Float64Array;
  genuine: Uint8Array;
  autoLinked: Uint8Array;
  group: string[];
}

function matcherScore(
  modality: SampleModality,
  a: PreparedRecord,
  b: PreparedRecord,
): number | null {
  if (modality === 'face') return a.face && b.face ? cosine(a.face, b.face) : null;
  let sum = 0;
  let n = 0;
  for (let p = 1; p <= 10; p++) {
    const x = a.fingers[p];
    const y = b.fingers[p];
    if (x && y) {
      sum += cosine(x, y);
      n += 1;
    }
  }
  return n === 0 ? null : sum / n;
}

export function sampleTrials(
  modality: SampleModality,
  features: ReadonlyMap<string, RecordFeatures>,
  truth: GroundTruth,
  model: ResolutionModel,
  thresholds: ThresholdSet,
  options: { genuinePerPerson: number; impostorsPerGroup: number; seed: number },
): SampledTrials {
  const rng = new Rng(options.seed);
  const byPerson = new Map<string, PreparedRecord[]>();
  const byGroup = new Map<string, PreparedRecord[]>();
  for (const [key, f] of features) {
    const prepared = prepareRecord(f, model);
    const usable = modality === 'face' ? prepared.face !== null : prepared.fingers.some((x) => x);
    if (!usable) continue;
    const person = truth.personOf.get(key);
    if (person === undefined) continue;
    const group = truth.groupOf.get(person) ?? 'UNKNOWN';
    (byPerson.get(person) ?? byPerson.set(person, []).get(person))?.push(prepared);
    (byGroup.get(group) ?? byGroup.set(group, []).get(group))?.push(prepared);
  }
  const score: number[] = [];
  const genuine: number[] = [];
  const auto: number[] = [];
  const groups: string[] = [];
  const trial = (a: PreparedRecord, b: PreparedRecord, isGenuine: boolean, group: string) => {
    const s = matcherScore(modality, a, b);
    if (s === null) return;
    const decision = decide(pairEvidence(model, a, b), model, thresholds);
    score.push(s);
    genuine.push(isGenuine ? 1 : 0);
    auto.push(decision.outcome === 'AUTO_LINK' ? 1 : 0);
    groups.push(group);
  };
  for (const [person, records] of byPerson) {
    const group = truth.groupOf.get(person) ?? 'UNKNOWN';
    let taken = 0;
    for (let i = 0; i < records.length && taken < options.genuinePerPerson; i++) {
      for (let j = i + 1; j < records.length && taken < options.genuinePerPerson; j++) {
        trial(records[i] as PreparedRecord, records[j] as PreparedRecord, true, group);
        taken += 1;
      }
    }
  }
  for (const [group, records] of [...byGroup].sort(([x], [y]) => (x < y ? -1 : 1))) {
    if (records.length < 2) continue;
    for (let k = 0; k < options.impostorsPerGroup; k++) {
      const a = records[rng.int(records.length)] as PreparedRecord;
      const b = records[rng.int(records.length)] as PreparedRecord;
      const pa = truth.personOf.get(a.features.record.key);
      if (pa === truth.personOf.get(b.features.record.key)) continue;
      trial(a, b, false, group);
    }
  }
  return {
    modality,
    score: Float64Array.from(score),
    genuine: Uint8Array.from(genuine),
    autoLinked: Uint8Array.from(auto),
    group: groups,
  };
}
