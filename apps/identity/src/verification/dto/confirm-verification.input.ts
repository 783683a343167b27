import { Field, ID, InputType } from '@nestjs/graphql';
import { IdentityGraph } from '../../identity-graph';
import { EvidenceKind, VerificationDecision } from '../verification.model';
import type { EvidenceKindName } from '../verification-evidence';

@InputType({ registerIn: IdentityGraph })
export class VerificationEvidenceInput {
  @Field(() => EvidenceKind) kind!: EvidenceKindName;

  @Field({
    description:
      'Where the evidence is, e.g. a document or case file number: one line, 1–200 characters',
  })
  reference!: string;

  @Field(() => String, { nullable: true, description: 'Up to 1,000 characters' })
  note?: string | null;
}

@InputType({
  registerIn: IdentityGraph,
  description:
    "A reviewer's verdict on a verification request. A CONFIRM must cite at least one non-biometric evidence item.",
})
export class ConfirmVerificationInput {
  @Field(() => ID) requestId!: string;
  @Field(() => VerificationDecision) decision!: VerificationDecision;
  @Field(() => [VerificationEvidenceInput]) evidence!: VerificationEvidenceInput[];
}
