import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { AnalysisGraph } from './analysis-graph';

/**
 * The person the identity subgraph owns and resolves; the analysis subgraph
 * knows it by id and adds its own fields to it (link analysis resolvers in
 * graph/). Every analysis answer about a person returns this reference.
 */
@ObjectType('Person', { registerIn: AnalysisGraph })
@Directive('@key(fields: "id")')
export class Person {
  @Field(() => ID) id!: string;
}
