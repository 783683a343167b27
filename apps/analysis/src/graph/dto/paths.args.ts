import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { EdgeType } from '../link-graph.model';

@ArgsType()
export class PathsArgs {
  @Field(() => ID, { description: 'The other person' })
  to!: string;

  @Field(() => Int, { description: 'The longest path looked for: 1 to 4 hops' })
  maxHops!: number;

  @Field(() => [EdgeType], { nullable: true, description: 'Only these ties (default: all)' })
  edgeTypes?: EdgeType[] | null;
}
