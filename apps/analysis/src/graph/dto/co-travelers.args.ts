import { ArgsType, Field, GraphQLISODateTime, Int } from '@nestjs/graphql';

@ArgsType()
export class CoTravelersArgs {
  @Field(() => Int, {
    nullable: true,
    description:
      'Travellers at the same port in the same direction within this many minutes count too (1 to 1440, default 120); the same flight always does',
  })
  windowMinutes?: number | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Only encounters at or after this time',
  })
  from?: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Only encounters at or before this time',
  })
  to?: Date | null;
}
