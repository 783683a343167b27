export { blockingKeys, pairedBlockingKeys } from './blocking-keys';
export {
  foldAddress,
  foldDocumentNumber,
  foldText,
  nameTokens,
  normalisePhone,
  parseDateOfBirth,
} from '@mosaic/normalise';
export { normaliseRecord } from './normalise-record';
