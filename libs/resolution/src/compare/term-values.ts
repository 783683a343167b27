import type { RecordFeatures } from '../features';

const NONE: readonly string[] = [];

/**
 * The values a record holds for a term-frequency field, in the form
 * `compareFeatures` reports agreed values in `tfValues`, so frequency tables
 * built from these look up exactly what comparisons report.
 */
export function termValues(features: RecordFeatures, field: string): readonly string[] {
  switch (field) {
    case 'given':
      return features.nameParts.given ? [features.nameParts.given.joined] : NONE;
    case 'surname':
      return features.nameParts.surname ? [features.nameParts.surname.joined] : NONE;
    case 'phone':
      return features.phones;
    case 'address':
      return features.addresses;
    default:
      return NONE;
  }
}
