export {
  BatchResolutionWriter,
  type BatchToWrite,
  type WrittenBatch,
} from './batch-resolution.writer';
export { ClusterRepository, type ClusterSlice, type NewLink } from './cluster.repository';
export { DecisionRepository, isDecisionKept, type StoredDecision } from './decision.repository';
export { CannotLinkEntity } from './entities/cannot-link.entity';
export { IdentityRecordEntity } from './entities/identity-record.entity';
export { LinkDecisionEntity } from './entities/link-decision.entity';
export { PersonLinkEntity } from './entities/person-link.entity';
export { PersonEntity, type PersonStatus } from './entities/person.entity';
export { ProcessedEventEntity } from './entities/processed-event.entity';
export { ResolutionModelEntity } from './entities/resolution-model.entity';
export { ReviewItemEntity, type ReviewState } from './entities/review-item.entity';
export { ThresholdSetEntity } from './entities/threshold-set.entity';
export { identityEntities, identityMigrations } from './identity-data';
export {
  IDENTITY_PERSON_EVENT,
  IDENTITY_PERSON_TOPIC,
  identityPersonEventSchema,
  personChangeEvents,
  type IdentityPersonEvent,
} from './identity-person-event';
export { CreateIdentity1764300000100 } from './migrations/1764300000100-create-identity';
export { PersonProfileIndexes1764400000000 } from './migrations/1764400000000-person-profile-indexes';
export {
  PersonProfileRepository,
  type LineageRow,
  type PersonLinkRow,
  type PersonRecordRow,
  type PersonRow,
} from './person-profile.repository';
export { PostgresRecordStore, type ResolvedRecordRow } from './postgres-record-store';
export { ProcessedEventRepository, type HandledEvent } from './processed-event.repository';
export {
  decodeRecord,
  encodeRecord,
  packFingers,
  StoredRecordError,
  unpackFingers,
  type EncodedRecord,
  type StoredBiographic,
  type StoredRecordRow,
} from './record-codec';
export { RecordFeaturesCache } from './record-features-cache';
export { ResolutionModelRepository } from './resolution-model.repository';
export { ThresholdSetRepository } from './threshold-set.repository';
