export { parseDateOfBirth, type DateParts } from './date-of-birth';
export { foldText, nameTokens } from './fold-text';
export { confusableFold, foldAddress, foldDocumentNumber, normalisePhone } from './identifiers';
export { metaphonePair, phoneticCodes } from './phonetic';
