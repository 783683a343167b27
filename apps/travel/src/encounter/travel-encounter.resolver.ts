import { TravelGraph } from '../travel-graph';
import {
  Args,
  Context,
  Field,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import { plainInput, withUserInputErrors, type SubgraphContext } from '@mosaic/service-kit';
import { RecordTravelEncounterInput } from './dto/record-travel-encounter.input';
import { travelEncounterLoader } from './travel-encounter.loader';
import { TravelEncounter } from './travel-encounter.model';
import { TravelEncounterService } from './travel-encounter.service';

@ObjectType({ registerIn: TravelGraph })
export class RecordTravelEncounterResult {
  @Field(() => TravelEncounter) encounter!: TravelEncounter;
  @Field({
    description:
      'false when this record id was already stored (nothing changed, nothing published)',
  })
  created!: boolean;
}

@ObjectType({ registerIn: TravelGraph })
export class TravelEncountersByDocument {
  @Field(() => [TravelEncounter]) encounters!: TravelEncounter[];
  @Field({ description: 'true when more encounters matched than were returned' })
  truncated!: boolean;
}

@Resolver(() => TravelEncounter)
export class TravelEncounterResolver {
  constructor(private readonly service: TravelEncounterService) {}

  @Query(() => TravelEncounter, { nullable: true, description: 'One encounter by its record id' })
  travelEncounter(@Args('id', { type: () => ID }) id: string, @Context() context: SubgraphContext) {
    return travelEncounterLoader(context, this.service).load(id);
  }

  @Query(() => TravelEncountersByDocument, {
    description:
      'Encounters that read this document number, oldest first (at most 500; `truncated` when there were more)',
  })
  travelEncountersByDocument(
    @Args('number') number: string,
    @Args('issuingCountry', { nullable: true }) issuingCountry?: string,
  ) {
    return this.service.findByDocument(number, issuingCountry ?? undefined);
  }

  @Mutation(() => RecordTravelEncounterResult, {
    description: 'Record one encounter (idempotent by record id)',
  })
  async recordTravelEncounter(
    @Args('input') input: RecordTravelEncounterInput,
  ): Promise<RecordTravelEncounterResult> {
    return withUserInputErrors('travel encounter', () => this.service.record(plainInput(input)));
  }

  @ResolveReference()
  resolveReference(reference: { __typename: string; id: string }, context: SubgraphContext) {
    return travelEncounterLoader(context, this.service).load(reference.id);
  }
}
