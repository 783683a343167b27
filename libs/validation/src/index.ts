export { countryCode, decodeTemplate, quality, recordedDate, template, timestamp } from './fields';
export {
  parseRecord,
  RecordValidationError,
  validateRecord,
  type FieldIssue,
  type Validated,
} from './record-validation';
