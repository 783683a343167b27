import { FingerprintGraph } from '../fingerprint-graph';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum FingerprintEnrollmentReason {
  BORDER_ENCOUNTER = 'BORDER_ENCOUNTER',
  VISA_APPLICATION = 'VISA_APPLICATION',
  ARREST = 'ARREST',
  ASYLUM_CLAIM = 'ASYLUM_CLAIM',
  RESIDENCE_PERMIT = 'RESIDENCE_PERMIT',
}
registerEnumType(FingerprintEnrollmentReason, {
  registerIn: FingerprintGraph,
  name: 'FingerprintEnrollmentReason',
});

export enum FingerprintMissingFingerReason {
  AMPUTATED = 'AMPUTATED',
  BANDAGED = 'BANDAGED',
  UNPRINTABLE = 'UNPRINTABLE',
}
registerEnumType(FingerprintMissingFingerReason, {
  registerIn: FingerprintGraph,
  name: 'FingerprintMissingFingerReason',
});

/**
 * Prefixed although travel has the same enum: every service's code-first
 * types share one Nest registry when `npm start` runs them in one process,
 * so a second `BiometricModality` would break schema generation.
 */
export enum FingerprintBiometricModality {
  FACE = 'FACE',
  FINGER = 'FINGER',
}
registerEnumType(FingerprintBiometricModality, {
  registerIn: FingerprintGraph,
  name: 'FingerprintBiometricModality',
});

@ObjectType({
  registerIn: FingerprintGraph,
  description:
    'Biographic data as given at enrollment; any field may be missing or differ from other records.',
})
export class FingerprintSubject {
  @Field(() => String, { nullable: true }) givenNames!: string | null;
  @Field(() => String, { nullable: true }) surname!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD, or partial YYYY-MM / YYYY, as recorded',
  })
  dateOfBirth!: string | null;
  @Field(() => String, { nullable: true }) sex!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3' })
  nationality!: string | null;
}

@ObjectType({
  registerIn: FingerprintGraph,
  description: 'Metadata of one captured finger. The template itself never leaves the service.',
})
export class FingerprintFingerCapture {
  @Field(() => Int, { description: 'ANSI/NIST-ITL position: 1 right thumb … 10 left little' })
  position!: number;
  @Field(() => Float, { description: '0 (unusable) to 1 (best)' }) quality!: number;
}

@ObjectType({
  registerIn: FingerprintGraph,
  description: 'A finger the enrollment could not capture, and why.',
})
export class FingerprintMissingFinger {
  @Field(() => Int, { description: 'ANSI/NIST-ITL position: 1 right thumb … 10 left little' })
  position!: number;
  @Field(() => FingerprintMissingFingerReason) reason!: FingerprintMissingFingerReason;
}

@ObjectType({
  registerIn: FingerprintGraph,
  description: 'Metadata of the face capture. The template itself never leaves the service.',
})
export class FingerprintFaceCapture {
  @Field(() => FingerprintBiometricModality) modality!: FingerprintBiometricModality;
  @Field(() => Float, { description: '0 (unusable) to 1 (best)' }) quality!: number;
  @Field() capturedAt!: Date;
}

/** `fingers` and `missingFingers` are resolved fields (FingerprintEnrollmentResolver), batched per request. */
@ObjectType({
  registerIn: FingerprintGraph,
  description:
    'A fingerprint enrollment: one encounter with an agency, up to ten fingers, maybe a face.',
})
@Directive('@key(fields: "id")')
export class FingerprintEnrollment {
  @Field(() => ID, { description: "The fingerprint source's record id" }) id!: string;
  @Field({ description: "The enrolling system's own enrollment id" }) enrollmentId!: string;
  @Field() enrolledAt!: Date;
  @Field({ description: 'The enrolling agency, e.g. BORDER_FORCE' }) agency!: string;
  @Field(() => FingerprintEnrollmentReason) reason!: FingerprintEnrollmentReason;
  @Field(() => FingerprintSubject) subject!: FingerprintSubject;
  @Field(() => FingerprintFaceCapture, { nullable: true }) face!: FingerprintFaceCapture | null;
}

/** The finger metadata of one enrollment, as the captures loader returns it. */
export interface FingerprintCaptures {
  fingers: FingerprintFingerCapture[];
  missingFingers: FingerprintMissingFinger[];
}
