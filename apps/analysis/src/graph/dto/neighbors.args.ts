import { ArgsType, Field, GraphQLISODateTime, Int } from '@nestjs/graphql';
import { EdgeType } from '../link-graph.model';

@ArgsType()
export class NeighborsArgs {
  @Field(() => Int, { description: 'How far out: 1 to 3' })
  hops!: number;

  @Field(() => [EdgeType], { nullable: true, description: 'Only these ties (default: all)' })
  edgeTypes?: EdgeType[] | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Only evidence from records observed at or after this time',
  })
  from?: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Only evidence from records observed at or before this time',
  })
  to?: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: 'At most this many persons (1 to 500, default 500)',
  })
  maxNodes?: number | null;
}
