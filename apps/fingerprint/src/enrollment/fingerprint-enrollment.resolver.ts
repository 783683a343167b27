import { FingerprintGraph } from '../fingerprint-graph';
import {
  Args,
  Context,
  Field,
  ID,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import { plainInput, withUserInputErrors, type SubgraphContext } from '@mosaic/service-kit';
import { RecordFingerprintEnrollmentInput } from './dto/record-fingerprint-enrollment.input';
import {
  fingerprintCapturesLoader,
  fingerprintEnrollmentLoader,
} from './fingerprint-enrollment.loader';
import {
  FingerprintEnrollment,
  FingerprintFingerCapture,
  FingerprintMissingFinger,
} from './fingerprint-enrollment.model';
import { FingerprintEnrollmentService } from './fingerprint-enrollment.service';

@ObjectType({ registerIn: FingerprintGraph })
export class RecordFingerprintEnrollmentResult {
  @Field(() => FingerprintEnrollment) enrollment!: FingerprintEnrollment;
  @Field({
    description:
      'false when this record id was already stored (nothing changed, nothing published)',
  })
  created!: boolean;
}

@Resolver(() => FingerprintEnrollment)
export class FingerprintEnrollmentResolver {
  constructor(private readonly service: FingerprintEnrollmentService) {}

  @Query(() => FingerprintEnrollment, {
    nullable: true,
    description: 'One enrollment by its record id',
  })
  fingerprintEnrollment(
    @Args('id', { type: () => ID }) id: string,
    @Context() context: SubgraphContext,
  ) {
    return fingerprintEnrollmentLoader(context, this.service).load(id);
  }

  @Query(() => FingerprintEnrollment, {
    nullable: true,
    description: "One enrollment by the enrolling system's enrollment id",
  })
  fingerprintEnrollmentByEnrollmentId(@Args('enrollmentId') enrollmentId: string) {
    return this.service.findByEnrollmentId(enrollmentId);
  }

  @Mutation(() => RecordFingerprintEnrollmentResult, {
    description: 'Record one enrollment (idempotent by record id)',
  })
  async recordFingerprintEnrollment(
    @Args('input') input: RecordFingerprintEnrollmentInput,
  ): Promise<RecordFingerprintEnrollmentResult> {
    return withUserInputErrors('fingerprint enrollment', () =>
      this.service.record(plainInput(input)),
    );
  }

  @ResolveField('fingers', () => [FingerprintFingerCapture], {
    description: 'Captured fingers by position: metadata only, never a template',
  })
  async fingers(
    @Parent() enrollment: FingerprintEnrollment,
    @Context() context: SubgraphContext,
  ): Promise<FingerprintFingerCapture[]> {
    return (await fingerprintCapturesLoader(context, this.service).load(enrollment.enrollmentId))
      .fingers;
  }

  @ResolveField('missingFingers', () => [FingerprintMissingFinger], {
    description: 'Fingers that could not be captured, by position',
  })
  async missingFingers(
    @Parent() enrollment: FingerprintEnrollment,
    @Context() context: SubgraphContext,
  ): Promise<FingerprintMissingFinger[]> {
    return (await fingerprintCapturesLoader(context, this.service).load(enrollment.enrollmentId))
      .missingFingers;
  }

  @ResolveReference()
  resolveReference(reference: { __typename: string; id: string }, context: SubgraphContext) {
    return fingerprintEnrollmentLoader(context, this.service).load(reference.id);
  }
}
