import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IdentityGraph } from '../identity-graph';
import {
  BiometricScore,
  DecisionContribution,
  DecisionThresholds,
  Person,
  PersonRecord,
  RecordRef,
} from '../person/person.model';
import { VerificationEvidence } from '../verification/verification.model';

export enum ReviewItemState {
  PENDING = 'PENDING',
  ESCALATED = 'ESCALATED',
  LINKED = 'LINKED',
  NOT_LINKED = 'NOT_LINKED',
  CLOSED = 'CLOSED',
}
registerEnumType(ReviewItemState, {
  name: 'ReviewItemState',
  registerIn: IdentityGraph,
  valuesMap: {
    PENDING: { description: 'Waiting for two different reviewers' },
    ESCALATED: {
      description: 'The reviewers disagreed or one was unsure: a supervisor settles it',
    },
    LINKED: { description: 'LINK applied: the two persons were merged (or already were one)' },
    NOT_LINKED: { description: 'NOT_LINK applied: the pair is cannot-link for good' },
    CLOSED: {
      description: 'Settled without a change of its own (see reason): another decision decided it',
    },
  },
});

export enum ReviewDecision {
  LINK = 'LINK',
  NOT_LINK = 'NOT_LINK',
  UNSURE = 'UNSURE',
}
registerEnumType(ReviewDecision, {
  name: 'ReviewDecision',
  registerIn: IdentityGraph,
  valuesMap: {
    LINK: { description: 'Same person (cite at least one non-biometric evidence item)' },
    NOT_LINK: { description: 'Different persons' },
    UNSURE: { description: 'Cannot tell: the item goes to a supervisor' },
  },
});

export enum SettlingDecision {
  LINK = 'LINK',
  NOT_LINK = 'NOT_LINK',
}
registerEnumType(SettlingDecision, { name: 'SettlingDecision', registerIn: IdentityGraph });

export enum ReviewStage {
  FIRST = 'FIRST',
  SECOND = 'SECOND',
  SUPERVISOR = 'SUPERVISOR',
}
registerEnumType(ReviewStage, { name: 'ReviewStage', registerIn: IdentityGraph });

@ObjectType({
  registerIn: IdentityGraph,
  description:
    'Why an item stands where it does in the queue: score = 4·officerWaiting + 2/(1+|llr − operatingPoint|) + ln(records of both persons) + days waiting.',
})
export class ReviewPriority {
  @Field(() => Float) score!: number;
  @Field(() => [Int], {
    description: 'Records of each of the two persons (what a LINK joins, a NOT_LINK keeps apart)',
  })
  personSizes!: number[];
  @Field(() => Float) probability!: number;
  @Field(() => Float) llr!: number;
  @Field(() => Float, {
    description:
      'The LLR of the operating point: the profile’s auto-link threshold (review threshold for biographic-only evidence)',
  })
  operatingPoint!: number;
  @Field(() => Float, { description: '|llr − operatingPoint|: the smaller, the more uncertain' })
  distanceToOperatingPoint!: number;
  @Field(() => Float, { description: 'Hours the item has waited, at asOf' }) ageHours!: number;
  @Field({
    description:
      'A pending verification request names one of the two persons. Identify results are not stored, so an officer waiting on one is not known here',
  })
  officerWaiting!: boolean;
  @Field({ description: 'Evidence profile, e.g. face+finger4 or biographic' }) profile!: string;
}

@ObjectType({ registerIn: IdentityGraph })
export class ReviewLease {
  @Field() claimedBy!: string;
  @Field({ description: 'After this the item is free again' }) expiresAt!: Date;
}

@ObjectType({ registerIn: IdentityGraph, description: "One person's verdict on a review item." })
export class ReviewVerdict {
  @Field() reviewer!: string;
  @Field(() => ReviewStage) stage!: ReviewStage;
  @Field(() => ReviewDecision) decision!: ReviewDecision;
  @Field(() => [VerificationEvidence]) evidence!: VerificationEvidence[];
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field({ description: 'The purpose the reviewer declared' }) purpose!: string;
  @Field({ description: 'The case the reviewer declared' }) caseNumber!: string;
  @Field() decidedAt!: Date;
}

@ObjectType({ registerIn: IdentityGraph })
export class FingerQuality {
  @Field(() => Int, { description: 'Finger position 1–10' }) position!: number;
  @Field(() => Float) quality!: number;
}

@ObjectType({
  registerIn: IdentityGraph,
  description: 'One side of a review comparison: the record, its captures, and its person.',
})
export class ComparedRecord {
  @Field(() => PersonRecord) record!: PersonRecord;
  @Field(() => Person, { nullable: true, description: 'The person holding the record now' })
  person!: { id: string } | null;
  @Field(() => Float, { nullable: true, description: 'Face capture quality (null: no face)' })
  faceQuality!: number | null;
  @Field(() => [FingerQuality]) fingerQualities!: FingerQuality[];
  @Field(() => [PersonRecord], {
    description: 'The other records of that person (what a LINK would also join)',
  })
  otherRecords!: PersonRecord[];
}

@ObjectType({ registerIn: IdentityGraph, description: 'One compared field, on both records.' })
export class ComparedField {
  @Field({ description: 'The field as the comparison names it (given, surname, dob, …)' })
  field!: string;
  @Field({
    description: 'The comparison level (and term value), or NOT_COMPARED when a side lacks it',
  })
  level!: string;
  @Field(() => Float, { description: 'LLR the level added' }) weight!: number;
  @Field(() => [String]) left!: string[];
  @Field(() => [String]) right!: string[];
}

@ObjectType({
  registerIn: IdentityGraph,
  description: 'Everything a reviewer compares, from the stored decision and the two records.',
})
export class ReviewComparison {
  @Field(() => ComparedRecord, { nullable: true, description: 'null: the record was purged' })
  left!: ComparedRecord | null;
  @Field(() => ComparedRecord, { nullable: true, description: 'null: the record was purged' })
  right!: ComparedRecord | null;
  @Field(() => [ComparedField]) fields!: ComparedField[];
  @Field(() => [DecisionContribution], {
    description: 'The explanation waterfall, in the order the LLR was built',
  })
  waterfall!: DecisionContribution[];
  @Field(() => [BiometricScore]) biometrics!: BiometricScore[];
  @Field(() => [String], {
    description:
      'Why the pair was held from auto-linking: BIOGRAPHIC_ONLY, BIOMETRIC_BELOW_OPERATING_POINT, BELOW_AUTO_LINK_THRESHOLD, BIOGRAPHIC_DISAGREES, POSSIBLE_TWIN',
  })
  heldBecause!: string[];
  @Field(() => Float) probability!: number;
  @Field(() => Float) llr!: number;
  @Field(() => Float) biometricLlr!: number;
  @Field() profile!: string;
  @Field(() => DecisionThresholds) thresholds!: DecisionThresholds;
  @Field() modelVersion!: string;
  @Field() thresholdVersion!: string;
  @Field(() => [String]) flags!: string[];
}

@ObjectType({
  registerIn: IdentityGraph,
  description:
    'A pair of records the resolver held for people to decide: claimed under a lease, decided by two different reviewers, settled by a supervisor when they disagree.',
})
export class ReviewItem {
  @Field(() => ID, { description: 'The id of the REVIEW decision' }) id!: string;
  @Field(() => ReviewItemState) state!: ReviewItemState;
  @Field(() => [RecordRef], { description: 'The two records' }) records!: RecordRef[];
  @Field(() => [Person], {
    description: 'The persons holding the two records now (one when they are already one person)',
  })
  persons!: { id: string }[];
  @Field() createdAt!: Date;
  @Field(() => ReviewLease, { nullable: true, description: 'The live lease, if any' })
  lease!: ReviewLease | null;
  @Field(() => [ReviewVerdict], { description: 'Every verdict, oldest first' })
  verdicts!: ReviewVerdict[];
  @Field(() => Date, { nullable: true }) escalatedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The supervisor who settled it' })
  settledBy!: string | null;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'How it closed, and why' })
  reason!: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'CLOSED: the review item whose applied decision settled this one',
  })
  closedByItem!: string | null;
  @Field(() => ReviewPriority, {
    nullable: true,
    description: 'Its place in the queue (only when read through reviewQueue)',
  })
  priority!: ReviewPriority | null;
}

@ObjectType({ registerIn: IdentityGraph })
export class ReviewItemEdge {
  @Field() cursor!: string;
  @Field(() => ReviewItem) node!: ReviewItem;
}

@ObjectType({ registerIn: IdentityGraph })
export class ReviewQueuePage {
  @Field(() => [ReviewItemEdge]) edges!: ReviewItemEdge[];
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field({ description: 'The moment priorities were computed at (kept by the cursor)' })
  asOf!: Date;
}

@ObjectType({ registerIn: IdentityGraph })
export class ReviewerFigures {
  @Field() reviewer!: string;
  @Field(() => Int, { description: 'Verdicts as first or second reviewer' }) verdicts!: number;
  @Field(() => Int) links!: number;
  @Field(() => Int) notLinks!: number;
  @Field(() => Int) unsure!: number;
  @Field(() => Int, { description: 'Escalated items settled as supervisor' }) settlements!: number;
  @Field(() => Int, { description: 'Verdicts another reviewer also gave one on' })
  pairedVerdicts!: number;
  @Field(() => Int) agreements!: number;
  @Field(() => Float, {
    nullable: true,
    description: "Cohen's kappa against the other reviewer of the same items (null: too few)",
  })
  kappa!: number | null;
  @Field(() => Int, { description: 'LINK / NOT_LINK verdicts a supervisor settled the other way' })
  overturnedBySupervisor!: number;
  @Field(() => Int, { description: 'LINK verdicts whose link an upheld dispute later separated' })
  overturnedByDispute!: number;
}

@ObjectType({ registerIn: IdentityGraph, description: 'Oversight of reviewers (OVERSIGHT only).' })
export class ReviewerOversight {
  @Field(() => Date, { nullable: true }) since!: Date | null;
  @Field(() => [ReviewerFigures]) reviewers!: ReviewerFigures[];
  @Field(() => Int, { description: 'Items decided by two reviewers' }) pairedItems!: number;
  @Field(() => Float, {
    nullable: true,
    description: "Cohen's kappa between first and second reviewers over all paired items",
  })
  kappa!: number | null;
}
