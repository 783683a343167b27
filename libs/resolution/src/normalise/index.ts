export { blockingKeys } from './blocking-keys';
export { parseDateOfBirth } from './date-of-birth';
export { foldText, nameTokens } from './fold-text';
export { foldAddress, foldDocumentNumber, normalisePhone } from './identifiers';
export { normaliseRecord } from './normalise-record';
