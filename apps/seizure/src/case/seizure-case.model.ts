import { Directive, Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SeizureGraph } from '../seizure-graph';

export enum SeizureEventType {
  SEIZURE = 'SEIZURE',
  APPREHENSION = 'APPREHENSION',
  INTERDICTION = 'INTERDICTION',
}
registerEnumType(SeizureEventType, { name: 'SeizureEventType', registerIn: SeizureGraph });

export enum SeizureItemCategory {
  NARCOTICS = 'NARCOTICS',
  CURRENCY = 'CURRENCY',
  WEAPON = 'WEAPON',
  FRAUDULENT_DOCUMENT = 'FRAUDULENT_DOCUMENT',
  WILDLIFE = 'WILDLIFE',
  TOBACCO = 'TOBACCO',
}
registerEnumType(SeizureItemCategory, { name: 'SeizureItemCategory', registerIn: SeizureGraph });

@ObjectType({
  registerIn: SeizureGraph,
  description: 'A seizure, apprehension or interdiction recorded in a case.',
})
export class SeizureEvent {
  @Field({ description: "The source's event id" }) eventId!: string;
  @Field(() => SeizureEventType) type!: SeizureEventType;
  @Field() occurredAt!: Date;
  @Field(() => String, { nullable: true, description: 'IATA port code, when at a port' })
  port!: string | null;
  @Field() location!: string;
}

@ObjectType({ registerIn: SeizureGraph, description: 'An item seized in a case.' })
export class SeizureItem {
  @Field({ description: "The source's item id" }) itemId!: string;
  @Field(() => SeizureItemCategory) category!: SeizureItemCategory;
  @Field() description!: string;
  @Field(() => Float) quantity!: number;
  @Field() unit!: string;
}

@ObjectType({
  registerIn: SeizureGraph,
  description:
    'A seizure case: what happened, what was seized and who was involved (events, items and subjects are resolved per batch of cases).',
})
@Directive('@key(fields: "id")')
export class SeizureCase {
  @Field(() => ID, { description: "The seizure source's record id" }) id!: string;
  @Field({ description: "The agency's case number" }) caseNumber!: string;
  @Field() agency!: string;
  @Field() openedAt!: Date;
  // Nullable: a reader outside the field's rule gets null and a FORBIDDEN error, not a nulled case.
  @Field(() => String, {
    nullable: true,
    description: "What happened, in the agency's words (SUPERVISOR only)",
  })
  narrative!: string;
}
