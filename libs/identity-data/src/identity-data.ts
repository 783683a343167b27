import { CreateCandidateIndex1764300000000 } from '@mosaic/candidate-index';
import { CreateOutbox1764200000000, OutboxMessage } from '@mosaic/outbox';
import { CannotLinkEntity } from './entities/cannot-link.entity';
import { DisputeEntity } from './entities/dispute.entity';
import { IdentityRecordEntity } from './entities/identity-record.entity';
import { LinkDecisionEntity } from './entities/link-decision.entity';
import { PersonLinkEntity } from './entities/person-link.entity';
import { PersonEntity } from './entities/person.entity';
import { ProcessedEventEntity } from './entities/processed-event.entity';
import { ResolutionModelEntity } from './entities/resolution-model.entity';
import { ReviewItemEntity } from './entities/review-item.entity';
import { ReviewVerdictEntity } from './entities/review-verdict.entity';
import { ThresholdSetEntity } from './entities/threshold-set.entity';
import { VerificationRequestEntity } from './entities/verification-request.entity';
import { VerificationReviewEntity } from './entities/verification-review.entity';
import { CreateIdentity1764300000100 } from './migrations/1764300000100-create-identity';
import { PersonProfileIndexes1764400000000 } from './migrations/1764400000000-person-profile-indexes';
import { VerificationAndDisputes1764600000000 } from './migrations/1764600000000-verification-and-disputes';
import { RetentionPurgedStates1764700000000 } from './migrations/1764700000000-retention-purged-states';
import { ConcurrentResolution1764900000000 } from './migrations/1764900000000-concurrent-resolution';
import { ReviewQueueRank1765000000000 } from './migrations/1765000000000-review-queue-rank';
import { ReviewWorkflow1764800000000 } from './migrations/1764800000000-review-workflow';

export const identityEntities = [
  IdentityRecordEntity,
  PersonEntity,
  PersonLinkEntity,
  LinkDecisionEntity,
  ReviewItemEntity,
  ReviewVerdictEntity,
  CannotLinkEntity,
  ProcessedEventEntity,
  ResolutionModelEntity,
  ThresholdSetEntity,
  VerificationRequestEntity,
  VerificationReviewEntity,
  DisputeEntity,
  OutboxMessage,
];

/**
 * The identity database: the outbox (for `identity.person.v1`), the embedded
 * candidate index (pgvector; it creates nothing on a server without it, where
 * the search engine holds the candidates), the identity tables, and the
 * verification and dispute tables.
 */
export const identityMigrations = [
  CreateOutbox1764200000000,
  CreateCandidateIndex1764300000000,
  CreateIdentity1764300000100,
  PersonProfileIndexes1764400000000,
  VerificationAndDisputes1764600000000,
  RetentionPurgedStates1764700000000,
  ReviewWorkflow1764800000000,
  ConcurrentResolution1764900000000,
  ReviewQueueRank1765000000000,
];
