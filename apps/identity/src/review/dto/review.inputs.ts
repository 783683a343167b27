import { Field, ID, InputType } from '@nestjs/graphql';
import { IdentityGraph } from '../../identity-graph';
import { VerificationEvidenceInput } from '../../verification/dto/confirm-verification.input';
import { ReviewDecision, ReviewItemState, SettlingDecision } from '../review.model';

@InputType({ registerIn: IdentityGraph })
export class ReviewQueueFilter {
  @Field(() => [ReviewItemState], {
    nullable: true,
    description: 'Default: the open states, PENDING and ESCALATED',
  })
  states?: ReviewItemState[] | null;
  @Field(() => String, { nullable: true, description: 'Only this evidence profile' })
  profile?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Only items an officer waits on (or not)' })
  officerWaiting?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'Only items the caller may claim now: not leased to someone else, no verdict of theirs (default false)',
  })
  claimableOnly?: boolean | null;
}

@InputType({
  registerIn: IdentityGraph,
  description:
    "A reviewer's verdict on a review item they hold the lease of. LINK must cite at least one non-biometric evidence item; every verdict cites at least one.",
})
export class DecideReviewItemInput {
  @Field(() => ID) itemId!: string;
  @Field(() => ReviewDecision) decision!: ReviewDecision;
  @Field(() => [VerificationEvidenceInput]) evidence!: VerificationEvidenceInput[];
  @Field(() => String, { nullable: true, description: 'Up to 2,000 characters' })
  note?: string | null;
}

@InputType({
  registerIn: IdentityGraph,
  description: "A supervisor's decision on an escalated review item; it applies.",
})
export class SettleReviewItemInput {
  @Field(() => ID) itemId!: string;
  @Field(() => SettlingDecision) decision!: SettlingDecision;
  @Field(() => [VerificationEvidenceInput]) evidence!: VerificationEvidenceInput[];
  @Field(() => String, { nullable: true, description: 'Up to 2,000 characters' })
  note?: string | null;
}
