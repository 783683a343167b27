import {
  Args,
  Context,
  Field,
  ID,
  Int,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import type { PersonRow } from '@mosaic/identity-data';
import { notFoundError, type SubgraphContext } from '@mosaic/service-kit';
import { IdentityGraph } from '../identity-graph';
import { isPersonId, parsePersonId, parseRecordId } from './person-ids';
import { PersonLoaders } from './person.loader';
import {
  FingerprintEnrollmentReference,
  MatchDecision,
  Person,
  PersonAttributes,
  PersonLineage,
  PersonRecord,
  RecordSource,
  SeizureSubjectReference,
  TravelEncounterReference,
  VerificationState,
} from './person.model';
import { PersonService } from './person.service';
import { attributesView, matchDecisionView, recordView } from './person-views';

@ObjectType({ registerIn: IdentityGraph })
export class PersonVerification {
  @Field(() => Int, { description: "Links holding the person's records together" })
  links!: number;
  @Field(() => Int, { description: 'Of those, links confirmed by two different reviewers' })
  verifiedLinks!: number;
  @Field(() => VerificationState, {
    nullable: true,
    description:
      'VERIFIED only when every link is; REJECTED when any link was rejected; null for a single-record person',
  })
  state!: VerificationState | null;
}

@Resolver(() => Person)
export class PersonResolver {
  constructor(private readonly service: PersonService) {}

  private loaders(context: SubgraphContext): PersonLoaders {
    return new PersonLoaders(context, this.service);
  }

  @Query(() => Person, {
    nullable: true,
    description:
      'One person by id. A merged person is returned with status MERGED and its lineage.',
  })
  async person(
    @Args('id', { type: () => ID }) id: string,
    @Context() context: SubgraphContext,
  ): Promise<PersonRow> {
    const personId = parsePersonId(id);
    const person = await this.loaders(context).persons.load(personId);
    if (!person) throw notFoundError('person', id);
    return person;
  }

  @Query(() => Person, {
    nullable: true,
    description:
      'The person a source record was resolved into. NOT_FOUND until the identity service has resolved the record.',
  })
  async personByRecord(
    @Args('source', { type: () => RecordSource }) source: RecordSource,
    @Args('recordId', { type: () => ID }) recordId: string,
    @Context() context: SubgraphContext,
  ): Promise<PersonRow> {
    const key = `${source}:${parseRecordId(recordId)}`;
    const loaders = this.loaders(context);
    const personId = await loaders.personIdByRecord.load(key);
    const person = personId === null ? null : await loaders.persons.load(personId);
    if (!person) throw notFoundError(`resolved ${source} record`, recordId);
    return person;
  }

  @ResolveReference()
  async resolveReference(
    reference: { id: string },
    context: SubgraphContext,
  ): Promise<PersonRow | null> {
    // A reference that is not a person id names no person (and must not reach SQL as a uuid).
    if (!isPersonId(reference.id)) return null;
    return this.loaders(context).persons.load(reference.id.toLowerCase());
  }

  @ResolveField(() => PersonAttributes)
  async attributes(
    @Parent() person: PersonRow,
    @Context() context: SubgraphContext,
  ): Promise<PersonAttributes> {
    const loaders = this.loaders(context);
    const [records, links] = await Promise.all([
      loaders.records.load(person.id),
      loaders.links.load(person.id),
    ]);
    return attributesView(records, links);
  }

  @ResolveField(() => [PersonRecord], {
    description: 'Every source record of the person, in the order identity resolved them',
  })
  async records(
    @Parent() person: PersonRow,
    @Context() context: SubgraphContext,
  ): Promise<PersonRecord[]> {
    return (await this.loaders(context).records.load(person.id)).map(recordView);
  }

  private async refs(person: PersonRow, context: SubgraphContext, source: string) {
    const records = await this.loaders(context).records.load(person.id);
    return records.filter((r) => r.source === source).map((r) => ({ id: r.recordId }));
  }

  @ResolveField(() => [TravelEncounterReference], {
    description: 'Resolved by the travel subgraph',
  })
  travelEncounters(@Parent() person: PersonRow, @Context() context: SubgraphContext) {
    return this.refs(person, context, 'travel');
  }

  @ResolveField(() => [SeizureSubjectReference], {
    description: 'The seizure-case subjects that are this person; resolved by the seizure subgraph',
  })
  seizureRecords(@Parent() person: PersonRow, @Context() context: SubgraphContext) {
    return this.refs(person, context, 'seizure');
  }

  @ResolveField(() => [FingerprintEnrollmentReference], {
    description: 'Resolved by the fingerprint subgraph',
  })
  fingerprintEnrollments(@Parent() person: PersonRow, @Context() context: SubgraphContext) {
    return this.refs(person, context, 'fingerprint');
  }

  @ResolveField(() => [MatchDecision], {
    description:
      "The decisions that joined this person's records: scores, calibrated probability, the waterfall of contributions, model and threshold versions, verification",
  })
  async matchEvidence(
    @Parent() person: PersonRow,
    @Context() context: SubgraphContext,
  ): Promise<MatchDecision[]> {
    return (await this.loaders(context).links.load(person.id)).map(matchDecisionView);
  }

  @ResolveField(() => PersonVerification)
  async verification(
    @Parent() person: PersonRow,
    @Context() context: SubgraphContext,
  ): Promise<PersonVerification> {
    const states = (await this.loaders(context).links.load(person.id)).map(
      (l) => matchDecisionView(l).verification.state,
    );
    const verified = states.filter((s) => s === VerificationState.VERIFIED).length;
    return {
      links: states.length,
      verifiedLinks: verified,
      state:
        states.length === 0
          ? null
          : states.includes(VerificationState.REJECTED)
            ? VerificationState.REJECTED
            : verified === states.length
              ? VerificationState.VERIFIED
              : VerificationState.UNVERIFIED,
    };
  }

  @ResolveField(() => PersonLineage)
  async lineage(
    @Parent() person: PersonRow,
    @Context() context: SubgraphContext,
  ): Promise<PersonLineage> {
    const { merged, split } = await this.loaders(context).lineage.load(person.id);
    return {
      mergedInto: person.mergedInto,
      mergedFrom: merged.map((p) => p.id),
      splitFrom: person.splitFrom,
      splitInto: split.map((p) => p.id),
    };
  }
}
