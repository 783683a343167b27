import {
  Args,
  Context,
  Field,
  ID,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import type { SubgraphContext } from '@mosaic/service-kit';
import { seizureCaseLoader } from './seizure-case.loader';
import { SeizureCase } from './seizure-case.model';
import { SeizureCaseService } from './seizure-case.service';
import {
  seizureSubjectFingerprintsLoader,
  seizureSubjectIdentifiersLoader,
  seizureSubjectLoader,
} from './seizure-subject.loader';
import {
  SeizureFingerCapture,
  SeizureSubject,
  SeizureSubjectIdentifiers,
} from './seizure-subject.model';
import { DOCUMENT_LOOKUP_LIMIT, SeizureSubjectService } from './seizure-subject.service';
import { SeizureGraph } from '../seizure-graph';

@ObjectType({ registerIn: SeizureGraph })
export class SeizureSubjectsByDocumentResult {
  @Field(() => [SeizureSubject]) subjects!: SeizureSubject[];
  @Field({ description: `true when more than ${DOCUMENT_LOOKUP_LIMIT} subjects matched` })
  truncated!: boolean;
}

@Resolver(() => SeizureSubject)
export class SeizureSubjectResolver {
  constructor(
    private readonly subjects: SeizureSubjectService,
    private readonly cases: SeizureCaseService,
  ) {}

  @Query(() => SeizureSubject, { nullable: true, description: 'One subject by its subject id' })
  seizureSubject(@Args('id', { type: () => ID }) id: string, @Context() context: SubgraphContext) {
    return seizureSubjectLoader(context, this.subjects).load(id);
  }

  @Query(() => SeizureSubjectsByDocumentResult, {
    description: `Subjects with this document number recorded, oldest case first (at most ${DOCUMENT_LOOKUP_LIMIT})`,
  })
  seizureSubjectsByDocument(
    @Args('number') number: string,
    @Args('issuingCountry', { nullable: true }) issuingCountry?: string,
  ) {
    return this.subjects.findByDocument(number, issuingCountry ?? undefined);
  }

  @ResolveField(() => SeizureSubjectIdentifiers)
  identifiers(@Parent() parent: SeizureSubject, @Context() context: SubgraphContext) {
    return seizureSubjectIdentifiersLoader(context, this.subjects).load(parent.id);
  }

  @ResolveField(() => [SeizureFingerCapture], {
    nullable: true,
    description: 'null when no prints were taken; empty when none was usable',
  })
  fingerprints(@Parent() parent: SeizureSubject, @Context() context: SubgraphContext) {
    if (!parent.fingerprintsTaken) return null;
    return seizureSubjectFingerprintsLoader(context, this.subjects).load(parent.id);
  }

  @ResolveField('case', () => SeizureCase, { description: 'The case that recorded this subject' })
  caseOf(@Parent() parent: SeizureSubject, @Context() context: SubgraphContext) {
    return seizureCaseLoader(context, this.cases).load(parent.caseId);
  }

  @ResolveReference()
  resolveReference(reference: { __typename: string; id: string }, context: SubgraphContext) {
    return seizureSubjectLoader(context, this.subjects).load(reference.id);
  }
}
