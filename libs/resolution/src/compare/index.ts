export {
  AgreementLevel,
  COMPARISON_FIELDS,
  createComparisonVector,
  DobLevel,
  DocumentLevel,
  FieldIndex,
  levelName,
  NameLevel,
  SharedLevel,
  type ComparisonFieldName,
} from './comparison-fields';
export {
  compareFeatures,
  compareFeaturesInto,
  compareFieldsButNamesInto,
} from './compare-features';
export { compareNameParts } from './compare-names';
export { termValues } from './term-values';
export { jaroWinkler } from './jaro-winkler';
export { withinOneEdit } from './edit-distance';
