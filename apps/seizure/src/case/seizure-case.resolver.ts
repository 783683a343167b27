import {
  Args,
  Context,
  Field,
  ID,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import { plainInput, withUserInputErrors, type SubgraphContext } from '@mosaic/service-kit';
import { RecordSeizureCaseInput } from './dto/record-seizure-case.input';
import { seizureCaseLoader, seizureEventsLoader, seizureItemsLoader } from './seizure-case.loader';
import { SeizureCase, SeizureEvent, SeizureItem } from './seizure-case.model';
import { SeizureCaseService } from './seizure-case.service';
import { seizureCaseSubjectsLoader } from './seizure-subject.loader';
import { SeizureSubject } from './seizure-subject.model';
import { SeizureSubjectService } from './seizure-subject.service';
import { SeizureGraph } from '../seizure-graph';

@ObjectType({ registerIn: SeizureGraph })
export class RecordSeizureCaseResult {
  @Field(() => SeizureCase) case!: SeizureCase;
  @Field({
    description:
      'false when this record id was already stored (nothing changed, nothing published)',
  })
  created!: boolean;
}

@Resolver(() => SeizureCase)
export class SeizureCaseResolver {
  constructor(
    private readonly cases: SeizureCaseService,
    private readonly subjectService: SeizureSubjectService,
  ) {}

  @Query(() => SeizureCase, { nullable: true, description: 'One case by its record id' })
  seizureCase(@Args('id', { type: () => ID }) id: string, @Context() context: SubgraphContext) {
    return seizureCaseLoader(context, this.cases).load(id);
  }

  @Query(() => SeizureCase, { nullable: true, description: "One case by the agency's case number" })
  seizureCaseByNumber(@Args('caseNumber') caseNumber: string) {
    return this.cases.findByNumber(caseNumber);
  }

  @Mutation(() => RecordSeizureCaseResult, {
    description: 'Record one case with its subjects (idempotent by record id)',
  })
  async recordSeizureCase(
    @Args('input') input: RecordSeizureCaseInput,
  ): Promise<RecordSeizureCaseResult> {
    return withUserInputErrors('seizure case', () => this.cases.record(plainInput(input)));
  }

  @ResolveField(() => [SeizureEvent], { description: 'In recorded order' })
  events(@Parent() parent: SeizureCase, @Context() context: SubgraphContext) {
    return seizureEventsLoader(context, this.cases).load(parent.id);
  }

  // Nullable: item details are for supervisors, and a refusal must not null the whole case.
  @ResolveField(() => [SeizureItem], { nullable: true, description: 'In recorded order' })
  items(@Parent() parent: SeizureCase, @Context() context: SubgraphContext) {
    return seizureItemsLoader(context, this.cases).load(parent.id);
  }

  @ResolveField(() => [SeizureSubject], { description: 'In recorded order' })
  subjects(@Parent() parent: SeizureCase, @Context() context: SubgraphContext) {
    return seizureCaseSubjectsLoader(context, this.subjectService).load(parent.id);
  }

  @ResolveReference()
  resolveReference(reference: { __typename: string; id: string }, context: SubgraphContext) {
    return seizureCaseLoader(context, this.cases).load(reference.id);
  }
}
