export * from './candidate-index.errors';
export {
  DEFAULT_CANDIDATE_DIMENSIONS,
  FINGER_POSITIONS,
  type CandidateDimensions,
} from '@mosaic/resolution';
export * from './elasticsearch-candidate-index';
export * from './in-memory-candidate-index';
export * from './pgvector-candidate-index';
export {
  CreateCandidateIndex1764300000000,
  PGVECTOR_FACE_DIMENSIONS,
  PGVECTOR_FINGER_DIMENSIONS,
} from './migrations/1764300000000-create-candidate-index';
export {
  describeCandidateIndexContract,
  type CandidateIndexContractTarget,
} from './testing/candidate-index.contract';
