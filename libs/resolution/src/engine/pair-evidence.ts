import { cosine } from '../biometric/similarity';
import { scoreToLlr } from '../biometric/calibration';
import { compareFeatures, DobLevel, FieldIndex, NameLevel } from '../compare';
import type { ComparisonVector } from '../comparison';
import type { RecordFeatures } from '../features';
import type { BiometricComparison, PairEvidence } from '../decision/decide';
import { DOCUMENT_ANCHOR_FLAG, isDocumentAnchor } from '../decision/document-anchor-rule';
import { scoreComparison } from '../model/fellegi-sunter';
import type { ResolutionModel } from '../model/resolution-model';
import type { PreparedRecord } from './prepared-record';

/** A given name and its short form share their first three letters (Dave/David, Max/Maximilian). */
function diminutive(a: RecordFeatures, b: RecordFeatures): boolean {
  const x = a.nameParts.given?.tokens[0] ?? '';
  const y = b.nameParts.given?.tokens[0] ?? '';
  return x.length >= 2 && y.length >= 2 && x.slice(0, 3) === y.slice(0, 3);
}

/**
 * Same family name, a birth date that does not differ (same, day and month
 * swapped, partial or missing), a different given name: the
 * signature of twins and other multiple births, whose faces a matcher cannot
 * tell apart and whose shared surname, birth date and address the
 * independence model would add up as strong agreement. Master-person-index
 * practice is to never merge them automatically; the flag sends the pair to
 * review. The family name may sit in the given-name slot of both records
 * (family-name-first recording): then the agreeing "given name" is one the
 * gallery knows as a surname. A short form of the same given name is not a
 * twin.
 */
export function possibleTwins(
  vector: ComparisonVector,
  model: ResolutionModel,
  a: RecordFeatures,
  b: RecordFeatures,
): boolean {
  const dob = vector.levels[FieldIndex.dob] as number;
  const surname = vector.levels[FieldIndex.surname] as number;
  const given = vector.levels[FieldIndex.given] as number;
  const agrees = (level: number) => level >= 0 && level <= NameLevel.PHONETIC;
  // Siblings with compatible birth dates: a missing or partial date does not rule twins out,
  // and a surname recorded with a typo is still the family's.
  const sameFamily = surname >= 0 && surname !== NameLevel.DIFFERENT;
  if (sameFamily && given === NameLevel.DIFFERENT && dob !== DobLevel.DIFFERENT) {
    return !diminutive(a, b);
  }
  if (dob !== DobLevel.EXACT && dob !== DobLevel.DAY_MONTH_SWAPPED) return false;
  if (agrees(given) && surname === NameLevel.DIFFERENT) {
    const value = vector.tfValues[FieldIndex.given];
    const surnames = model.biographic.termFrequencies.surname;
    return value !== null && value !== undefined && (surnames?.counts[value] ?? 0) > 1;
  }
  return false;
}

/** The biometric comparisons of a pair: the face, and every finger position both sides have. */
export function biometricEvidence(
  model: ResolutionModel,
  a: PreparedRecord,
  b: PreparedRecord,
): BiometricComparison[] {
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
  return biometrics;
}

/** Every comparison the model knows for one pair: biographic fields, face, each shared finger. */
export function pairEvidence(
  model: ResolutionModel,
  a: PreparedRecord,
  b: PreparedRecord,
  biometrics: BiometricComparison[] = biometricEvidence(model, a, b),
): PairEvidence {
  const vector = compareFeatures(a.features, b.features);
  const biographic = scoreComparison(model.biographic, vector);
  const flags = [
    ...(possibleTwins(vector, model, a.features, b.features) ? ['POSSIBLE_TWIN'] : []),
    ...(isDocumentAnchor(vector, a.features, b.features) ? [DOCUMENT_ANCHOR_FLAG] : []),
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
