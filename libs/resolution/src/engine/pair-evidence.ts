import { cosine } from '../biometric/similarity';
import { scoreToLlr } from '../biometric/calibration';
import { compareFeatures, DobLevel, FieldIndex, NameLevel } from '../compare';
import type { ComparisonVector } from '../comparison';
import type { BiometricComparison, PairEvidence } from '../decision/decide';
import { scoreComparison } from '../model/fellegi-sunter';
import type { ResolutionModel } from '../model/resolution-model';
import type { PreparedRecord } from './prepared-record';

/**
 * One name agrees, the other is different, same date of birth: the signature of
 * twins and other multiple births, whose faces a matcher cannot tell apart
 * and whose records the Fellegi–Sunter independence assumption would add up
 * as strong agreement. Master-person-index practice is to never merge them
 * automatically; the flag sends the pair to review.
 */
export function possibleTwins(vector: ComparisonVector): boolean {
  const surname = vector.levels[FieldIndex.surname] as number;
  const dob = vector.levels[FieldIndex.dob] as number;
  const given = vector.levels[FieldIndex.given] as number;
  // Either way round: family-name-first records put the shared name in the given slot.
  const agrees = (level: number) => level >= 0 && level <= NameLevel.PHONETIC;
  return (
    (dob === DobLevel.EXACT || dob === DobLevel.DAY_MONTH_SWAPPED) &&
    ((agrees(surname) && given === NameLevel.DIFFERENT) ||
      (agrees(given) && surname === NameLevel.DIFFERENT))
  );
}

/** Every comparison the model knows for one pair: biographic fields, face, each shared finger. */
export function pairEvidence(
  model: ResolutionModel,
  a: PreparedRecord,
  b: PreparedRecord,
): PairEvidence {
  const vector = compareFeatures(a.features, b.features);
  const biographic = scoreComparison(model.biographic, vector);
  const biometrics: BiometricComparison[] = [];
  if (model.face && a.face && b.face) {
    const score = cosine(a.face, b.face);
    biometrics.push({ modality: 'FACE', score, llr: scoreToLlr(model.face, score) });
  }
  if (model.finger) {
    for (let p = 1; p <= 10; p++) {
      const fa = a.fingers[p];
      const fb = b.fingers[p];
      if (!fa || !fb) continue;
      const score = cosine(fa, fb);
      biometrics.push({
        modality: 'FINGER',
        position: p,
        score,
        llr: scoreToLlr(model.finger, score),
      });
    }
  }
  const flags = [
    ...(possibleTwins(vector) ? ['POSSIBLE_TWIN'] : []),
    ...a.flags.map((f) => `${f}:${a.features.record.key}`),
    ...b.flags.map((f) => `${f}:${b.features.record.key}`),
  ];
  return {
    a: a.features.record.key,
    b: b.features.record.key,
    biographicLlr: biographic.llr,
    fields: biographic.contributions,
    biometrics,
    flags,
  };
}
