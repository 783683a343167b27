import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SeizureGraph } from '../seizure-graph';

export enum SeizureSubjectRole {
  SUSPECT = 'SUSPECT',
  COURIER = 'COURIER',
  DRIVER = 'DRIVER',
  ORGANIZER = 'ORGANIZER',
  ASSOCIATE = 'ASSOCIATE',
}
registerEnumType(SeizureSubjectRole, { name: 'SeizureSubjectRole', registerIn: SeizureGraph });

export enum SeizureBiometricModality {
  FACE = 'FACE',
  FINGER = 'FINGER',
}
registerEnumType(SeizureBiometricModality, {
  name: 'SeizureBiometricModality',
  registerIn: SeizureGraph,
});

@ObjectType({
  registerIn: SeizureGraph,
  description: 'An identity document recorded for a subject.',
})
export class SeizureDocument {
  @Field() type!: string;
  @Field() number!: string;
  @Field({ description: 'ISO 3166-1 alpha-3' }) issuingCountry!: string;
}

@ObjectType({
  registerIn: SeizureGraph,
  description: 'Phones, addresses, vehicles and documents recorded for a subject.',
})
export class SeizureSubjectIdentifiers {
  @Field(() => [String]) phones!: string[];
  @Field(() => [String]) addresses!: string[];
  @Field(() => [String]) vehicles!: string[];
  @Field(() => [SeizureDocument]) documents!: SeizureDocument[];
}

@ObjectType({
  registerIn: SeizureGraph,
  description: 'Metadata of a booking photo. The template itself never leaves the service.',
})
export class SeizureFaceCapture {
  @Field(() => SeizureBiometricModality) modality!: SeizureBiometricModality;
  @Field(() => Float, { description: '0 (unusable) to 1 (best)' }) quality!: number;
  @Field() capturedAt!: Date;
}

@ObjectType({
  registerIn: SeizureGraph,
  description: 'Metadata of one finger capture. The template itself never leaves the service.',
})
export class SeizureFingerCapture {
  @Field(() => SeizureBiometricModality) modality!: SeizureBiometricModality;
  @Field(() => Int, {
    description: 'ANSI/NIST-ITL finger position: 1 right thumb … 10 left little',
  })
  position!: number;
  @Field(() => Float, { description: '0 (unusable) to 1 (best)' }) quality!: number;
}

@ObjectType({
  registerIn: SeizureGraph,
  description:
    'A person involved in a seizure case, as recorded there; any biographic field may be missing or differ from other records.',
})
@Directive('@key(fields: "id")')
export class SeizureSubject {
  @Field(() => ID, { description: "The seizure source's subject id" }) id!: string;
  @Field(() => SeizureSubjectRole) role!: SeizureSubjectRole;
  @Field(() => String, { nullable: true }) givenNames!: string | null;
  @Field(() => String, { nullable: true }) surname!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD, or partial YYYY-MM / YYYY, as recorded',
  })
  dateOfBirth!: string | null;
  @Field(() => String, { nullable: true }) sex!: string | null;
  @Field(() => String, { nullable: true }) nationality!: string | null;
  @Field(() => SeizureFaceCapture, { nullable: true }) face!: SeizureFaceCapture | null;

  /** The case the subject belongs to; exposed as `case`. */
  caseId!: string;
  /** Whether prints were taken: `fingerprints` is null when not, a list (maybe empty) when they were. */
  fingerprintsTaken!: boolean;
}
