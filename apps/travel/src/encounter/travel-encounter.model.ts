import { TravelGraph } from '../travel-graph';
import { Directive, Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum TravelDirection {
  ARRIVAL = 'ARRIVAL',
  DEPARTURE = 'DEPARTURE',
}
registerEnumType(TravelDirection, { name: 'TravelDirection', registerIn: TravelGraph });

export enum BiometricModality {
  FACE = 'FACE',
  FINGER = 'FINGER',
}
registerEnumType(BiometricModality, { name: 'BiometricModality', registerIn: TravelGraph });

@ObjectType({
  registerIn: TravelGraph,
  description: 'An identity document as read at the encounter.',
})
export class TravelDocument {
  @Field() type!: string;
  @Field() number!: string;
  @Field({ description: 'ISO 3166-1 alpha-3' }) issuingCountry!: string;
}

@ObjectType({
  registerIn: TravelGraph,
  description:
    'Biographic data as recorded; any field may be missing or differ from other records.',
})
export class RecordedTraveler {
  @Field(() => String, { nullable: true }) givenNames!: string | null;
  @Field(() => String, { nullable: true }) surname!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD, or partial YYYY-MM / YYYY, as recorded',
  })
  dateOfBirth!: string | null;
  @Field(() => String, { nullable: true }) sex!: string | null;
  @Field(() => String, { nullable: true }) nationality!: string | null;
}

@ObjectType({
  registerIn: TravelGraph,
  description: 'Booking contact data supplied by the carrier.',
})
export class TravelBookingContact {
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
}

@ObjectType({
  registerIn: TravelGraph,
  description: 'Metadata of a biometric capture. The template itself never leaves the service.',
})
export class TravelFaceCapture {
  @Field(() => BiometricModality) modality!: BiometricModality;
  @Field(() => Float, { description: '0 (unusable) to 1 (best)' }) quality!: number;
  @Field() capturedAt!: Date;
}

@ObjectType({
  registerIn: TravelGraph,
  description: 'A traveler encounter at a port: one crossing, one document, maybe a face capture.',
})
@Directive('@key(fields: "id")')
export class TravelEncounter {
  @Field(() => ID, { description: "The travel source's record id" }) id!: string;
  @Field() encounteredAt!: Date;
  @Field({ description: 'IATA port code' }) port!: string;
  @Field(() => TravelDirection) direction!: TravelDirection;
  @Field() carrier!: string;
  @Field() flight!: string;
  @Field(() => TravelDocument, { nullable: true }) document!: TravelDocument | null;
  @Field(() => RecordedTraveler) traveler!: RecordedTraveler;
  @Field(() => TravelBookingContact, { nullable: true }) contact!: TravelBookingContact | null;
  @Field(() => TravelFaceCapture, { nullable: true }) face!: TravelFaceCapture | null;
}
