import { Field, ID, InputType } from '@nestjs/graphql';
import { IdentityGraph } from '../../identity-graph';
import { RecordRefInput } from '../../person/dto/record-ref.input';
import { VerificationTarget } from '../verification.model';

@InputType({
  registerIn: IdentityGraph,
  description:
    'What to verify: a link (decisionId, from Person.matchEvidence) or an identification (probe and personId, from identify).',
})
export class RequestVerificationInput {
  @Field(() => VerificationTarget) target!: VerificationTarget;

  @Field(() => ID, { nullable: true, description: 'LINK: the decision that made the link' })
  decisionId?: string | null;

  @Field(() => RecordRefInput, {
    nullable: true,
    description: 'IDENTIFICATION: the probe record (as given to identify)',
  })
  probe?: RecordRefInput | null;

  @Field(() => ID, { nullable: true, description: 'IDENTIFICATION: the candidate person' })
  personId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why verification is asked for (up to 1,000 characters)',
  })
  note?: string | null;
}
