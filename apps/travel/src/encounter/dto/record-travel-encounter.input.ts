import { TravelGraph } from '../../travel-graph';
import { Field, Float, InputType } from '@nestjs/graphql';
import { TravelDirection } from '../travel-encounter.model';

@InputType({ registerIn: TravelGraph })
export class TravelDocumentInput {
  @Field() type!: string;
  @Field() number!: string;
  @Field() issuingCountry!: string;
}

@InputType({ registerIn: TravelGraph })
export class RecordedTravelerInput {
  @Field(() => String, { nullable: true }) givenNames!: string | null;
  @Field(() => String, { nullable: true }) surname!: string | null;
  @Field(() => String, { nullable: true }) dateOfBirth!: string | null;
  @Field(() => String, { nullable: true }) sex!: string | null;
  @Field(() => String, { nullable: true }) nationality!: string | null;
}

@InputType({ registerIn: TravelGraph })
export class BookingContactInput {
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
}

@InputType({ registerIn: TravelGraph })
export class FaceCaptureInput {
  @Field({ description: '512 little-endian float32 values, base64, unit norm' }) template!: string;
  @Field(() => Float) quality!: number;
  @Field() capturedAt!: string;
}

@InputType({
  registerIn: TravelGraph,
  description: 'One encounter, in the same shape as a line of a travel import file.',
})
export class RecordTravelEncounterInput {
  @Field() recordId!: string;
  @Field() encounteredAt!: string;
  @Field() port!: string;
  @Field(() => TravelDirection) direction!: TravelDirection;
  @Field() carrier!: string;
  @Field() flight!: string;
  @Field(() => TravelDocumentInput, { nullable: true }) document!: TravelDocumentInput | null;
  @Field(() => RecordedTravelerInput) traveler!: RecordedTravelerInput;
  @Field(() => BookingContactInput, { nullable: true }) contact!: BookingContactInput | null;
  @Field(() => FaceCaptureInput, { nullable: true }) face!: FaceCaptureInput | null;
}
