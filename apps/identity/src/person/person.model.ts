import {
  Directive,
  Field,
  Float,
  ID,
  Int,
  InterfaceType,
  ObjectType,
  registerEnumType,
} from '@nestjs/graphql';
import { IdentityGraph } from '../identity-graph';

export enum RecordSource {
  TRAVEL = 'travel',
  SEIZURE = 'seizure',
  FINGERPRINT = 'fingerprint',
}
registerEnumType(RecordSource, {
  name: 'RecordSource',
  registerIn: IdentityGraph,
  description: 'The source service that holds a record.',
});

/** Prefixed: the sources each have their own modality enum, and all share one Nest type registry. */
export enum MatchModality {
  FACE = 'FACE',
  FINGER = 'FINGER',
}
registerEnumType(MatchModality, { name: 'MatchModality', registerIn: IdentityGraph });

export enum PersonStatus {
  ACTIVE = 'ACTIVE',
  MERGED = 'MERGED',
  SPLIT = 'SPLIT',
  PURGED = 'PURGED',
}
registerEnumType(PersonStatus, {
  name: 'PersonStatus',
  registerIn: IdentityGraph,
  valuesMap: {
    MERGED: {
      description: 'Merged into another person (see lineage.mergedInto); holds no records',
    },
    SPLIT: { description: 'Split; its records now belong to the persons in lineage.splitInto' },
    PURGED: { description: 'Every record was purged by retention; holds no records' },
  },
});

export enum VerificationState {
  UNVERIFIED = 'UNVERIFIED',
  PENDING = 'PENDING',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
}
registerEnumType(VerificationState, {
  name: 'VerificationState',
  registerIn: IdentityGraph,
  description:
    'Two-person verification: a link or identification is actionable only once two different reviewers confirmed it, each citing non-biometric evidence.',
  valuesMap: {
    UNVERIFIED: { description: 'Nobody has asked for verification: not actionable' },
    PENDING: {
      description:
        'Verification was requested; fewer than two different reviewers have confirmed it (see confirmations): not actionable',
    },
    VERIFIED: { description: 'Confirmed by two different reviewers: actionable' },
    REJECTED: { description: 'A reviewer rejected it: not actionable' },
  },
});

export enum DisputeState {
  OPEN = 'OPEN',
  UPHELD = 'UPHELD',
  REJECTED = 'REJECTED',
}
registerEnumType(DisputeState, {
  name: 'DisputeState',
  registerIn: IdentityGraph,
  valuesMap: {
    OPEN: {
      description:
        'Filed, not yet resolved: a disputed link counts for nothing (profile, link analysis, search) meanwhile',
    },
    UPHELD: {
      description:
        'Resolved for the person who disputed: a disputed record was separated for good; a disputed value stands marked as contested',
    },
    REJECTED: { description: 'Resolved against the dispute: the link or value counts again' },
  },
});

/** Entity references resolved by the source subgraphs: identity knows only their ids. */
@ObjectType('TravelEncounter', { registerIn: IdentityGraph })
@Directive('@key(fields: "id", resolvable: false)')
export class TravelEncounterReference {
  @Field(() => ID) id!: string;
}

@ObjectType('SeizureSubject', { registerIn: IdentityGraph })
@Directive('@key(fields: "id", resolvable: false)')
export class SeizureSubjectReference {
  @Field(() => ID) id!: string;
}

@ObjectType('FingerprintEnrollment', { registerIn: IdentityGraph })
@Directive('@key(fields: "id", resolvable: false)')
export class FingerprintEnrollmentReference {
  @Field(() => ID) id!: string;
}

@ObjectType({ registerIn: IdentityGraph, description: 'Where a value was recorded.' })
export class AttributeProvenance {
  @Field(() => RecordSource) source!: RecordSource;
  @Field(() => [ID], { description: "The source's record ids, in order of observation" })
  recordIds!: string[];
  @Field({ description: 'When the earliest of those records was observed' }) firstSeen!: Date;
  @Field({ description: 'When the latest of those records was observed' }) lastSeen!: Date;
}

@ObjectType({ registerIn: IdentityGraph, description: 'How much speaks for a value.' })
export class AttributeSupport {
  @Field(() => Int, { description: "The person's records that carry the value" }) records!: number;
  @Field(() => [RecordSource]) sources!: RecordSource[];
  @Field(() => [MatchModality], {
    description:
      'Biometric modalities of the link decisions that tied those records to this person (empty: tied by biographic evidence only, or the only record)',
  })
  modalities!: MatchModality[];
}

@InterfaceType('AttestedValue', {
  registerIn: IdentityGraph,
  description: 'One value of an attribute as recorded, with its support and provenance.',
  resolveType: (value: object) =>
    'number' in value ? 'DocumentValue' : 'givenNames' in value ? 'NameValue' : 'AttributeValue',
})
export abstract class AttestedValue {
  @Field({ description: 'As recorded (white space normalised); never merged with other values' })
  value!: string;
  @Field(() => AttributeSupport) support!: AttributeSupport;
  @Field(() => [AttributeProvenance]) provenance!: AttributeProvenance[];
  @Field({
    description:
      'Whether a dispute contests this value: one that is open, or one that was upheld (see disputeState and Person.disputes)',
  })
  disputed!: boolean;
  @Field(() => DisputeState, {
    nullable: true,
    description: 'OPEN or UPHELD when a dispute contests the value; null when none does',
  })
  disputeState!: DisputeState | null;
}

@ObjectType({
  registerIn: IdentityGraph,
  implements: () => [AttestedValue],
  description: 'One value of an attribute as recorded, with its support and provenance.',
})
export class AttributeValue extends AttestedValue {}

@ObjectType({ registerIn: IdentityGraph, implements: () => [AttestedValue] })
export class NameValue extends AttestedValue {
  @Field(() => String, { nullable: true }) givenNames!: string | null;
  @Field(() => String, { nullable: true }) surname!: string | null;
}

@ObjectType({ registerIn: IdentityGraph, implements: () => [AttestedValue] })
export class DocumentValue extends AttestedValue {
  @Field() type!: string;
  @Field() number!: string;
  @Field({ description: 'ISO 3166-1 alpha-3' }) issuingCountry!: string;
}

@ObjectType({
  registerIn: IdentityGraph,
  description:
    "Everything the person's records say, value by value. Where records disagree every value is listed, most supported first.",
})
export class PersonAttributes {
  @Field(() => [NameValue]) names!: NameValue[];
  @Field(() => [AttributeValue], { description: 'YYYY-MM-DD, YYYY-MM or YYYY as recorded' })
  datesOfBirth!: AttributeValue[];
  @Field(() => [AttributeValue]) sexes!: AttributeValue[];
  @Field(() => [AttributeValue], { description: 'ISO 3166-1 alpha-3' })
  nationalities!: AttributeValue[];
  @Field(() => [DocumentValue]) documents!: DocumentValue[];
  @Field(() => [AttributeValue]) phones!: AttributeValue[];
  @Field(() => [AttributeValue]) addresses!: AttributeValue[];
  @Field(() => [AttributeValue]) vehicles!: AttributeValue[];
}

@ObjectType({ registerIn: IdentityGraph, description: 'A source record resolved into a person.' })
export class PersonRecord {
  @Field(() => RecordSource) source!: RecordSource;
  @Field(() => ID) recordId!: string;
  @Field({ description: 'When the source observed the person' }) observedAt!: Date;
  @Field({ description: 'When identity resolved the record' }) resolvedAt!: Date;
  @Field(() => [MatchModality], { description: 'Biometric captures the record holds' })
  captures!: MatchModality[];
  @Field(() => [String], {
    description: 'Why some of its evidence was left out, e.g. FACE_BELOW_QUALITY_FLOOR',
  })
  flags!: string[];
}

@ObjectType({ registerIn: IdentityGraph })
export class RecordRef {
  @Field(() => RecordSource) source!: RecordSource;
  @Field(() => ID) recordId!: string;
}

@ObjectType({
  registerIn: IdentityGraph,
  description: 'One bar of the explanation waterfall: what a comparison added to the LLR.',
})
export class DecisionContribution {
  @Field({ description: 'PRIOR, BIOGRAPHIC or BIOMETRIC' }) kind!: string;
  @Field({ description: 'The field or biometric compared' }) name!: string;
  @Field({ description: 'The comparison level or score' }) detail!: string;
  @Field(() => Float, { description: 'Log-likelihood ratio added (natural log)' }) weight!: number;
}

@ObjectType({ registerIn: IdentityGraph })
export class BiometricScore {
  @Field(() => MatchModality) modality!: MatchModality;
  @Field(() => Int, { nullable: true, description: 'Finger position 1–10' })
  position!: number | null;
  @Field(() => Float, { description: 'Raw similarity score' }) score!: number;
  @Field(() => Float, { description: 'Calibrated log-likelihood ratio' }) llr!: number;
}

@ObjectType({ registerIn: IdentityGraph })
export class DecisionThresholds {
  @Field(() => Float, { nullable: true, description: 'null: this evidence may never auto-link' })
  autoLink!: number | null;
  @Field(() => Float) review!: number;
  @Field(() => Float, { nullable: true }) biometric!: number | null;
}

@ObjectType({
  registerIn: IdentityGraph,
  description:
    'Two-person verification of a link or an identification: actionable only when state is VERIFIED.',
})
export class Verification {
  @Field(() => VerificationState) state!: VerificationState;
  @Field(() => Int, { description: 'Confirmations by different reviewers so far' })
  confirmations!: number;
  @Field(() => Int, { description: 'Confirmations by different reviewers needed' })
  required!: number;
  @Field(() => [String], { description: 'Reviewers who confirmed, in order' })
  confirmedBy!: string[];
  @Field(() => [String], { description: 'Reviewers who rejected it' })
  rejectedBy!: string[];
  @Field(() => ID, {
    nullable: true,
    description:
      'The verification request this state comes from (null: none was made); confirmVerification takes it',
  })
  requestId!: string | null;
  @Field(() => String, { nullable: true, description: 'Who asked for the verification' })
  requestedBy!: string | null;
}

@ObjectType({
  registerIn: IdentityGraph,
  description: "A decision that joined two of this person's records, and why.",
})
export class MatchDecision {
  @Field(() => ID, {
    nullable: true,
    description: 'null for a link made without a scored decision',
  })
  id!: string | null;
  @Field(() => [RecordRef]) records!: RecordRef[];
  @Field({ description: 'How the link was made: AUTO_LINK or a review outcome' })
  linkedBy!: string;
  @Field() linkedAt!: Date;
  @Field(() => String, { nullable: true, description: 'AUTO_LINK, REVIEW or NO_LINK' })
  outcome!: string | null;
  @Field(() => Float, { nullable: true, description: 'Total log-likelihood ratio' })
  llr!: number | null;
  @Field(() => Float, { nullable: true }) biometricLlr!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Calibrated probability that both records are the same person',
  })
  probability!: number | null;
  @Field(() => String, { nullable: true, description: 'Evidence profile, e.g. face+finger4' })
  profile!: string | null;
  @Field(() => DecisionThresholds, { nullable: true }) thresholds!: DecisionThresholds | null;
  @Field(() => [DecisionContribution]) contributions!: DecisionContribution[];
  @Field(() => [BiometricScore]) biometrics!: BiometricScore[];
  @Field(() => [String]) flags!: string[];
  @Field(() => String, { nullable: true }) modelVersion!: string | null;
  @Field(() => String, { nullable: true }) thresholdVersion!: string | null;
  @Field(() => Verification) verification!: Verification;
}

@ObjectType({ registerIn: IdentityGraph })
export class PersonLineage {
  @Field(() => ID, { nullable: true, description: 'The person this one was merged into' })
  mergedInto!: string | null;
  @Field(() => [ID], { description: 'Persons merged into this one, oldest first' })
  mergedFrom!: string[];
  @Field(() => ID, { nullable: true, description: 'The person this one was split from' })
  splitFrom!: string | null;
  @Field(() => [ID], { description: 'Persons split from this one' })
  splitInto!: string[];
}

@ObjectType({
  registerIn: IdentityGraph,
  description: 'A resolved person: the records Mosaic believes belong to one human being, and why.',
})
@Directive('@key(fields: "id")')
export class Person {
  @Field(() => ID) id!: string;
  @Field(() => PersonStatus) status!: PersonStatus;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => Int, { description: 'Incremented by every change to the person' }) version!: number;
  @Field({
    description:
      'Whether an open dispute concerns the person: a contested link (its record is left out of the profile until it is resolved) or a contested value (see disputes)',
  })
  underDispute!: boolean;
}
