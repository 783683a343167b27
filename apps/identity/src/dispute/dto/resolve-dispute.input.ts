import { Field, ID, InputType } from '@nestjs/graphql';
import { IdentityGraph } from '../../identity-graph';
import { DisputeOutcome } from '../dispute.model';

@InputType({ registerIn: IdentityGraph })
export class ResolveDisputeInput {
  @Field(() => ID) disputeId!: string;
  @Field(() => DisputeOutcome) outcome!: DisputeOutcome;
  @Field({ description: 'What the resolution rests on, 1–2,000 characters' }) note!: string;
}
