import { compareFieldsButNamesInto, createComparisonVector, FieldIndex } from '../compare';
import type { ComparisonVector } from '../comparison';
import type { BiometricComparison } from '../decision/decide';
import { profileKey, type ThresholdSet } from '../decision/thresholds';
import type { NamePartFeatures, RecordFeatures } from '../features';
import { fieldWeight, type FellegiSunterModel } from '../model/fellegi-sunter';
import { termProbability } from '../model/term-frequency';

/** Floor of m and u in the model's weights (fieldWeight clamps to the same). */
const MIN_PROBABILITY = 1e-6;

interface NameBound {
  /** Largest weight of a level below the top one (not adjusted by term frequency). */
  belowTop: number;
  /** Top-level m, floored as fieldWeight floors it. */
  topM: number;
}

const nameBounds = new WeakMap<FellegiSunterModel, NameBound[]>();

function boundsOf(model: FellegiSunterModel): NameBound[] {
  let bounds = nameBounds.get(model);
  if (!bounds) {
    bounds = [FieldIndex.given, FieldIndex.surname].map((f) => {
      const field = model.fields[f];
      let belowTop = 0;
      if (field) {
        for (let level = 1; level < field.levels.length; level++) {
          belowTop = Math.max(belowTop, fieldWeight(model, f, level, null));
        }
      }
      return { belowTop, topM: Math.max(MIN_PROBABILITY, field?.m[0] ?? 0) };
    });
    nameBounds.set(model, bounds);
  }
  return bounds;
}

/**
 * The most one name field can add to this pair's LLR. At its top level
 * (EXACT) the weight is adjusted by the frequency of the agreed value, and
 * that value is one side's joined name for the field (which side depends on
 * the reading chosen for swapped names): the larger of those two weights, or
 * the largest weight of a lower level. Confounding only ever removes weight,
 * so it is left out.
 */
function nameFieldBound(
  model: FellegiSunterModel,
  f: number,
  bound: NameBound,
  a: NamePartFeatures | null,
  b: NamePartFeatures | null,
): number {
  if (!a && !b) return 0;
  let best = bound.belowTop;
  const field = model.fields[f];
  if (!field) return best;
  const table = field.termFrequency ? model.termFrequencies[field.field] : undefined;
  for (const side of [a, b]) {
    if (!side) continue;
    const u = table
      ? Math.max(MIN_PROBABILITY, termProbability(table, side.joined))
      : Math.max(MIN_PROBABILITY, field.u[0] as number);
    best = Math.max(best, Math.log(bound.topM / u));
  }
  return best;
}

/** The most the given name and the surname together can add to this pair's LLR. */
export function nameWeightBound(
  model: FellegiSunterModel,
  a: RecordFeatures,
  b: RecordFeatures,
): number {
  if (!a.name || !b.name) return 0;
  const [given, surname] = boundsOf(model) as [NameBound, NameBound];
  return (
    Math.max(
      0,
      nameFieldBound(model, FieldIndex.given, given, a.nameParts.given, b.nameParts.given),
    ) +
    Math.max(
      0,
      nameFieldBound(model, FieldIndex.surname, surname, a.nameParts.surname, b.nameParts.surname),
    )
  );
}

/**
 * An upper bound on a pair's total LLR that needs no name comparison: the
 * biometric LLR and every field but the names exactly (without confounding,
 * which can only lower them), plus the most the names could add given how
 * common each side's names are.
 * `scratch` is overwritten.
 */
export function llrUpperBound(
  model: FellegiSunterModel,
  a: RecordFeatures,
  b: RecordFeatures,
  biometrics: readonly BiometricComparison[],
  scratch: ComparisonVector = createComparisonVector(),
): number {
  compareFieldsButNamesInto(a, b, scratch);
  let bound = 0;
  for (const bio of biometrics) bound += bio.llr;
  for (let f = 0; f < model.fields.length; f++) {
    if (f === FieldIndex.given || f === FieldIndex.surname) continue;
    const level = scratch.levels[f] as number;
    if (level >= 0) bound += fieldWeight(model, f, level, scratch.tfValues[f] ?? null);
  }
  bound += nameWeightBound(model, a, b);
  return bound;
}

/**
 * The lowest total LLR at which a pair with these biometrics could be
 * anything but NO_LINK: the review threshold, or the auto-link threshold when
 * it is lower (AUTO_LINK does not test the review threshold). Null when the
 * threshold set has no profile for this evidence (decide reports that).
 */
export function lowestLinkingLlr(
  thresholds: ThresholdSet,
  biometrics: readonly BiometricComparison[],
): number | null {
  let face = false;
  let fingers = 0;
  for (const b of biometrics) {
    if (b.modality === 'FACE') face = true;
    else fingers += 1;
  }
  const limits = thresholds.profiles[profileKey({ face, fingers })];
  if (!limits) return null;
  return limits.autoLink === null ? limits.review : Math.min(limits.review, limits.autoLink);
}
