import { Module } from '@nestjs/common';
import { FingerprintEnrollmentResolver } from './fingerprint-enrollment.resolver';
import { FingerprintEnrollmentService } from './fingerprint-enrollment.service';

@Module({ providers: [FingerprintEnrollmentResolver, FingerprintEnrollmentService] })
export class EnrollmentModule {}
