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
import { GraphQLError } from 'graphql';
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
  PersonStatus,
  RecordSource,
  SeizureSubjectReference,
  TravelEncounterReference,
  VerificationState,
} from './person.model';
import { PersonService } from './person.service';
import {
  attributesView,
  countingLinks,
  countingRecords,
  matchDecisionView,
  recordView,
} from './person-views';

/** A Person as a parent: a full row, or a bare reference (e.g. an identification candidate). */
type PersonParent = PersonRow | { id: string };

@ObjectType({ registerIn: IdentityGraph })
export class PersonVerification {
  @Field(() => Int, {
    description: "Links holding the person's records together (none under an open dispute)",
  })
  links!: number;
  @Field(() => Int, { description: 'Of those, links confirmed by two different reviewers' })
  verifiedLinks!: number;
  @Field(() => VerificationState, {
    nullable: true,
    description:
      'VERIFIED only when every link is; REJECTED when any link was rejected; PENDING while a verification of some link is under way; UNVERIFIED otherwise; null for a person with no counting link',
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
    const placement = await loaders.recordPlacement.load(key);
    if (placement?.suspended) {
      // The link under dispute is what would name the person: it says nothing until resolved.
      throw new GraphQLError(
        `The link of ${source} record ${JSON.stringify(recordId)} to its person is under an open dispute; it names no person until the dispute is resolved`,
        { extensions: { code: 'CONFLICT', reason: 'UNDER_DISPUTE' } },
      );
    }
    const person = placement === null ? null : await loaders.persons.load(placement.personId);
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

  /** The person's row, loaded when the parent is a bare reference. */
  private async row(person: PersonParent, context: SubgraphContext): Promise<PersonRow | null> {
    return 'status' in person ? person : this.loaders(context).persons.load(person.id);
  }

  // A bare reference (an identification candidate, a verification's or dispute's person) has
  // only its id: these read the row, which a full parent already is.
  @ResolveField(() => PersonStatus)
  async status(@Parent() person: PersonParent, @Context() context: SubgraphContext) {
    return (await this.existing(person, context)).status;
  }

  @ResolveField(() => Date)
  async createdAt(@Parent() person: PersonParent, @Context() context: SubgraphContext) {
    return (await this.existing(person, context)).createdAt;
  }

  @ResolveField(() => Date)
  async updatedAt(@Parent() person: PersonParent, @Context() context: SubgraphContext) {
    return (await this.existing(person, context)).updatedAt;
  }

  @ResolveField(() => Int)
  async version(@Parent() person: PersonParent, @Context() context: SubgraphContext) {
    return (await this.existing(person, context)).version;
  }

  private async existing(person: PersonParent, context: SubgraphContext): Promise<PersonRow> {
    const row = await this.row(person, context);
    if (!row) throw notFoundError('person', person.id);
    return row;
  }

  @ResolveField(() => PersonAttributes, {
    description:
      'What the counting records say: a record whose link is under an open dispute is left out',
  })
  async attributes(
    @Parent() person: PersonParent,
    @Context() context: SubgraphContext,
  ): Promise<PersonAttributes> {
    const loaders = this.loaders(context);
    const [records, links, row] = await Promise.all([
      loaders.records.load(person.id),
      loaders.links.load(person.id),
      this.row(person, context),
    ]);
    return attributesView(
      countingRecords(records),
      countingLinks(links),
      row?.attributeDisputes ?? [],
    );
  }

  @ResolveField(() => [PersonRecord], {
    description:
      'Every source record of the person, in the order identity resolved them; a record whose link is under an open dispute is left out (see disputes)',
  })
  async records(
    @Parent() person: PersonParent,
    @Context() context: SubgraphContext,
  ): Promise<PersonRecord[]> {
    return countingRecords(await this.loaders(context).records.load(person.id)).map(recordView);
  }

  private async refs(person: PersonParent, context: SubgraphContext, source: string) {
    const records = countingRecords(await this.loaders(context).records.load(person.id));
    return records.filter((r) => r.source === source).map((r) => ({ id: r.recordId }));
  }

  @ResolveField(() => [TravelEncounterReference], {
    description: 'Resolved by the travel subgraph',
  })
  travelEncounters(@Parent() person: PersonParent, @Context() context: SubgraphContext) {
    return this.refs(person, context, 'travel');
  }

  @ResolveField(() => [SeizureSubjectReference], {
    description: 'The seizure-case subjects that are this person; resolved by the seizure subgraph',
  })
  seizureRecords(@Parent() person: PersonParent, @Context() context: SubgraphContext) {
    return this.refs(person, context, 'seizure');
  }

  @ResolveField(() => [FingerprintEnrollmentReference], {
    description: 'Resolved by the fingerprint subgraph',
  })
  fingerprintEnrollments(@Parent() person: PersonParent, @Context() context: SubgraphContext) {
    return this.refs(person, context, 'fingerprint');
  }

  @ResolveField(() => [MatchDecision], {
    description:
      "The decisions that joined this person's records: scores, calibrated probability, the waterfall of contributions, model and threshold versions, verification. Links of a record under an open dispute are left out",
  })
  async matchEvidence(
    @Parent() person: PersonParent,
    @Context() context: SubgraphContext,
  ): Promise<MatchDecision[]> {
    return countingLinks(await this.loaders(context).links.load(person.id)).map(matchDecisionView);
  }

  @ResolveField(() => PersonVerification)
  async verification(
    @Parent() person: PersonParent,
    @Context() context: SubgraphContext,
  ): Promise<PersonVerification> {
    const states = countingLinks(await this.loaders(context).links.load(person.id)).map(
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
              : states.includes(VerificationState.PENDING)
                ? VerificationState.PENDING
                : VerificationState.UNVERIFIED,
    };
  }

  @ResolveField(() => Boolean)
  async underDispute(
    @Parent() person: PersonParent,
    @Context() context: SubgraphContext,
  ): Promise<boolean> {
    return (await this.row(person, context))?.underDispute ?? false;
  }

  @ResolveField(() => PersonLineage)
  async lineage(
    @Parent() person: PersonParent,
    @Context() context: SubgraphContext,
  ): Promise<PersonLineage> {
    const [{ merged, split }, row] = await Promise.all([
      this.loaders(context).lineage.load(person.id),
      this.row(person, context),
    ]);
    return {
      mergedInto: row?.mergedInto ?? null,
      mergedFrom: merged.map((p) => p.id),
      splitFrom: row?.splitFrom ?? null,
      splitInto: split.map((p) => p.id),
    };
  }
}
