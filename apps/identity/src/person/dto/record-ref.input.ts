import { Field, ID, InputType } from '@nestjs/graphql';
import { IdentityGraph } from '../../identity-graph';
import { RecordSource } from '../person.model';

@InputType({ registerIn: IdentityGraph, description: 'A source record, by source and record id.' })
export class RecordRefInput {
  @Field(() => RecordSource) source!: RecordSource;
  @Field(() => ID) recordId!: string;
}
