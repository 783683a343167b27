export {
  BatchResolutionWriter,
  type BatchToWrite,
  type WrittenBatch,
} from './batch-resolution.writer';
export { ClusterRepository, type ClusterSlice, type NewLink } from './cluster.repository';
export { DecisionRepository, isDecisionKept, type StoredDecision } from './decision.repository';
export {
  DisputeRepository,
  type DisputeResolution,
  type DisputeRow,
  type NewDispute,
} from './dispute.repository';
export { CannotLinkEntity } from './entities/cannot-link.entity';
export {
  DisputeEntity,
  type DisputeStateKind,
  type DisputeTargetKind,
} from './entities/dispute.entity';
export { IdentityRecordEntity } from './entities/identity-record.entity';
export { LinkDecisionEntity } from './entities/link-decision.entity';
export { PersonLinkEntity } from './entities/person-link.entity';
export { PersonEntity, type PersonStatus } from './entities/person.entity';
export { ProcessedEventEntity } from './entities/processed-event.entity';
export { ResolutionModelEntity } from './entities/resolution-model.entity';
export {
  OPEN_REVIEW_STATES,
  ReviewItemEntity,
  type ReviewDecisionKind,
  type ReviewState,
} from './entities/review-item.entity';
export { ReviewVerdictEntity, type ReviewStage } from './entities/review-verdict.entity';
export { ThresholdSetEntity } from './entities/threshold-set.entity';
export {
  VerificationRequestEntity,
  type VerificationRequestState,
  type VerificationTargetKind,
} from './entities/verification-request.entity';
export {
  VerificationReviewEntity,
  type CitedEvidence,
  type ReviewVerdict,
} from './entities/verification-review.entity';
export { identityEntities, identityMigrations } from './identity-data';
export {
  IDENTITY_PERSON_CHANGES,
  IDENTITY_PERSON_EVENT,
  IDENTITY_PERSON_TOPIC,
  identityPersonEventSchema,
  personChangeEvents,
  recordStateEvent,
  type IdentityPersonChange,
  type IdentityPersonEvent,
  type RecordStateChange,
} from './identity-person-event';
export { CreateIdentity1764300000100 } from './migrations/1764300000100-create-identity';
export { PersonProfileIndexes1764400000000 } from './migrations/1764400000000-person-profile-indexes';
export { VerificationAndDisputes1764600000000 } from './migrations/1764600000000-verification-and-disputes';
export { RetentionPurgedStates1764700000000 } from './migrations/1764700000000-retention-purged-states';
export { ConcurrentResolution1764900000000 } from './migrations/1764900000000-concurrent-resolution';
export { ReviewQueueRank1765000000000 } from './migrations/1765000000000-review-queue-rank';
export { ReviewWorkflow1764800000000 } from './migrations/1764800000000-review-workflow';
export {
  REVIEW_PRIORITY_WEIGHTS,
  ReviewRepository,
  type NewReviewVerdict,
  type OversightVerdictRow,
  type ReviewItemRow,
  type ReviewPriorityParts,
  type ReviewQueueQuery,
  type ReviewQueueRow,
  type ReviewVerdictRow,
  type SettledCandidate,
} from './review.repository';
export {
  PersonProfileRepository,
  type AttributeDisputeMark,
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
export {
  BATCH_TICKET_LOCK_SPACE,
  ResolutionBatchRepository,
  type RegisteredBatch,
} from './resolution-batch.repository';
export { connectedParts } from './record-parts';
export { RecordSeparator, type RecordSeparation } from './record-separator';
export { ResolutionModelRepository } from './resolution-model.repository';
export { activeVersions, NO_VERSION } from './resolution-versions';
export { ThresholdSetRepository } from './threshold-set.repository';
export {
  VerificationRepository,
  type NewVerificationRequest,
  type NewVerificationReview,
  type VerificationRequestRow,
  type VerificationReviewRow,
} from './verification.repository';
export {
  seedResolutionVersions,
  seedResolvedPerson,
  TEST_MODEL_VERSION,
  TEST_THRESHOLD_VERSION,
  type SeededPerson,
  type SeededRecord,
} from './identity-testing';
