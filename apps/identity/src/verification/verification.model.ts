import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IdentityGraph } from '../identity-graph';
import { Person, RecordRef, Verification } from '../person/person.model';
import { EVIDENCE_KINDS, type EvidenceKindName } from './verification-evidence';

export enum VerificationTarget {
  LINK = 'LINK',
  IDENTIFICATION = 'IDENTIFICATION',
}
registerEnumType(VerificationTarget, {
  name: 'VerificationTarget',
  registerIn: IdentityGraph,
  valuesMap: {
    LINK: { description: "A link holding a person's records together (by its decision id)" },
    IDENTIFICATION: { description: 'That a probe record belongs to a candidate person' },
  },
});

export enum VerificationDecision {
  CONFIRM = 'CONFIRM',
  REJECT = 'REJECT',
}
registerEnumType(VerificationDecision, {
  name: 'VerificationDecision',
  registerIn: IdentityGraph,
});

export const EvidenceKind = Object.fromEntries(EVIDENCE_KINDS.map((k) => [k, k])) as {
  [K in EvidenceKindName]: K;
};
registerEnumType(EvidenceKind, {
  name: 'EvidenceKind',
  registerIn: IdentityGraph,
  description:
    'What corroborates (or refutes) a match. A confirmation must cite at least one non-biometric kind.',
  valuesMap: {
    TRAVEL_DOCUMENT: { description: 'A travel or identity document examined' },
    TRAVEL_HISTORY: { description: 'Travel records consistent with the match' },
    CASE_FILE: { description: 'A case file or report' },
    INTERVIEW: { description: 'An interview with the person' },
    OTHER_NON_BIOMETRIC: { description: 'Other non-biometric evidence (say what in the note)' },
    FACE_COMPARISON: {
      description: 'A face comparison: biometric, cannot corroborate a biometric match on its own',
    },
    FINGERPRINT_COMPARISON: {
      description:
        'A fingerprint comparison: biometric, cannot corroborate a biometric match on its own',
    },
  },
});

@ObjectType({ registerIn: IdentityGraph })
export class VerificationEvidence {
  @Field(() => EvidenceKind) kind!: EvidenceKindName;
  @Field({ description: 'Where the evidence is, e.g. a document or case file number' })
  reference!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType({ registerIn: IdentityGraph, description: "One reviewer's verdict and its evidence." })
export class VerificationReview {
  @Field() reviewer!: string;
  @Field(() => VerificationDecision) decision!: VerificationDecision;
  @Field(() => [VerificationEvidence]) evidence!: VerificationEvidence[];
  @Field({ description: 'The purpose the reviewer declared' }) purpose!: string;
  @Field({ description: 'The case the reviewer declared' }) caseNumber!: string;
  @Field() reviewedAt!: Date;
}

@ObjectType({
  registerIn: IdentityGraph,
  description:
    'A request that two different reviewers confirm a link or an identification. Nothing may rest on it until verification.state is VERIFIED.',
})
export class VerificationRequest {
  @Field(() => ID) id!: string;
  @Field(() => VerificationTarget) target!: VerificationTarget;
  @Field(() => ID, { nullable: true, description: 'LINK: the decision that made the link' })
  decisionId!: string | null;
  @Field(() => [RecordRef], {
    description: 'LINK: the two linked records; IDENTIFICATION: the probe record',
  })
  records!: RecordRef[];
  @Field(() => Person, {
    nullable: true,
    description:
      'IDENTIFICATION: the candidate person; LINK: the person the link held together when asked',
  })
  person!: { id: string } | null;
  @Field() requestedBy!: string;
  @Field({ description: 'The purpose the requester declared' }) purpose!: string;
  @Field({ description: 'The case the requester declared' }) caseNumber!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field() requestedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it became VERIFIED or REJECTED' })
  closedAt!: Date | null;
  @Field(() => Verification) verification!: Verification;
  @Field(() => [VerificationReview], { description: 'Every verdict so far, oldest first' })
  reviews!: VerificationReview[];
}

@ObjectType({
  registerIn: IdentityGraph,
  description: 'A page of verification requests waiting for reviewers, the longest-waiting first.',
})
export class PendingVerificationPage {
  @Field(() => [VerificationRequest]) requests!: VerificationRequest[];
  @Field() hasNextPage!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'Pass as after for the next page; null when this page is empty',
  })
  endCursor!: string | null;
}
