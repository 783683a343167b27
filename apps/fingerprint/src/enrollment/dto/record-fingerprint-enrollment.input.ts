import { FingerprintGraph } from '../../fingerprint-graph';
import { Field, Float, InputType, Int } from '@nestjs/graphql';
import {
  FingerprintEnrollmentReason,
  FingerprintMissingFingerReason,
} from '../fingerprint-enrollment.model';

@InputType({ registerIn: FingerprintGraph })
export class FingerprintSubjectInput {
  @Field(() => String, { nullable: true }) givenNames!: string | null;
  @Field(() => String, { nullable: true }) surname!: string | null;
  @Field(() => String, { nullable: true }) dateOfBirth!: string | null;
  @Field(() => String, { nullable: true }) sex!: string | null;
  @Field(() => String, { nullable: true }) nationality!: string | null;
}

@InputType({ registerIn: FingerprintGraph })
export class FingerprintFingerCaptureInput {
  @Field(() => Int, { description: 'ANSI/NIST-ITL position 1–10' }) position!: number;
  @Field({ description: '256 little-endian float32 values, base64, unit norm' }) template!: string;
  @Field(() => Float) quality!: number;
}

@InputType({ registerIn: FingerprintGraph })
export class FingerprintMissingFingerInput {
  @Field(() => Int, { description: 'ANSI/NIST-ITL position 1–10' }) position!: number;
  @Field(() => FingerprintMissingFingerReason) reason!: FingerprintMissingFingerReason;
}

@InputType({ registerIn: FingerprintGraph })
export class FingerprintFaceCaptureInput {
  @Field({ description: '512 little-endian float32 values, base64, unit norm' }) template!: string;
  @Field(() => Float) quality!: number;
  @Field() capturedAt!: string;
}

@InputType({
  registerIn: FingerprintGraph,
  description: 'One enrollment, in the same shape as a line of a fingerprint import file.',
})
export class RecordFingerprintEnrollmentInput {
  @Field() recordId!: string;
  @Field() enrollmentId!: string;
  @Field() enrolledAt!: string;
  @Field() agency!: string;
  @Field(() => FingerprintEnrollmentReason) reason!: FingerprintEnrollmentReason;
  @Field(() => FingerprintSubjectInput) subject!: FingerprintSubjectInput;
  @Field(() => [FingerprintFingerCaptureInput], {
    description: 'Captured fingers; a position appears once across fingers and missingFingers',
  })
  fingers!: FingerprintFingerCaptureInput[];
  @Field(() => [FingerprintMissingFingerInput]) missingFingers!: FingerprintMissingFingerInput[];
  @Field(() => FingerprintFaceCaptureInput, { nullable: true })
  face!: FingerprintFaceCaptureInput | null;
}
