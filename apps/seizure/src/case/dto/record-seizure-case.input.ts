import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { SeizureEventType, SeizureItemCategory } from '../seizure-case.model';
import { SeizureSubjectRole } from '../seizure-subject.model';
import { SeizureGraph } from '../../seizure-graph';

@InputType({ registerIn: SeizureGraph })
export class SeizureEventInput {
  @Field() eventId!: string;
  @Field(() => SeizureEventType) type!: SeizureEventType;
  @Field() occurredAt!: string;
  @Field(() => String, { nullable: true }) port!: string | null;
  @Field() location!: string;
}

@InputType({ registerIn: SeizureGraph })
export class SeizureItemInput {
  @Field() itemId!: string;
  @Field(() => SeizureItemCategory) category!: SeizureItemCategory;
  @Field() description!: string;
  @Field(() => Float) quantity!: number;
  @Field() unit!: string;
}

@InputType({ registerIn: SeizureGraph })
export class SeizureDocumentInput {
  @Field() type!: string;
  @Field() number!: string;
  @Field() issuingCountry!: string;
}

@InputType({ registerIn: SeizureGraph })
export class SeizureSubjectIdentifiersInput {
  @Field(() => [String]) phones!: string[];
  @Field(() => [String]) addresses!: string[];
  @Field(() => [String]) vehicles!: string[];
  @Field(() => [SeizureDocumentInput]) documents!: SeizureDocumentInput[];
}

@InputType({ registerIn: SeizureGraph })
export class SeizureFaceCaptureInput {
  @Field({ description: '512 little-endian float32 values, base64, unit norm' }) template!: string;
  @Field(() => Float) quality!: number;
  @Field() capturedAt!: string;
}

@InputType({ registerIn: SeizureGraph })
export class SeizureFingerCaptureInput {
  @Field(() => Int, { description: 'ANSI/NIST-ITL finger position 1–10' }) position!: number;
  @Field({ description: '256 little-endian float32 values, base64, unit norm' }) template!: string;
  @Field(() => Float) quality!: number;
}

@InputType({ registerIn: SeizureGraph })
export class SeizureSubjectInput {
  @Field() subjectId!: string;
  @Field(() => SeizureSubjectRole) role!: SeizureSubjectRole;
  @Field(() => String, { nullable: true }) givenNames!: string | null;
  @Field(() => String, { nullable: true }) surname!: string | null;
  @Field(() => String, { nullable: true }) dateOfBirth!: string | null;
  @Field(() => String, { nullable: true }) sex!: string | null;
  @Field(() => String, { nullable: true }) nationality!: string | null;
  @Field(() => SeizureSubjectIdentifiersInput) identifiers!: SeizureSubjectIdentifiersInput;
  @Field(() => SeizureFaceCaptureInput, { nullable: true }) face!: SeizureFaceCaptureInput | null;
  @Field(() => [SeizureFingerCaptureInput], {
    nullable: true,
    description: 'null when no prints were taken; up to 10 fingers, one per position',
  })
  fingerprints!: SeizureFingerCaptureInput[] | null;
}

@InputType({
  registerIn: SeizureGraph,
  description: 'One case, in the same shape as a line of a seizure import file.',
})
export class RecordSeizureCaseInput {
  @Field() recordId!: string;
  @Field() caseNumber!: string;
  @Field() agency!: string;
  @Field() openedAt!: string;
  @Field() narrative!: string;
  @Field(() => [SeizureEventInput]) events!: SeizureEventInput[];
  @Field(() => [SeizureSubjectInput]) subjects!: SeizureSubjectInput[];
  @Field(() => [SeizureItemInput]) items!: SeizureItemInput[];
}
