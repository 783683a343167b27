import { Module } from '@nestjs/common';
import { ConfirmVerificationUseCase } from './confirm-verification.use-case';
import { PendingVerificationsUseCase } from './pending-verifications.use-case';
import { RequestVerificationUseCase } from './request-verification.use-case';
import { VerificationResolver } from './verification.resolver';

/** Two-person verification of links and identifications (DESIGN.md "Accountability controls" 3). */
@Module({
  providers: [
    VerificationResolver,
    RequestVerificationUseCase,
    ConfirmVerificationUseCase,
    PendingVerificationsUseCase,
  ],
})
export class VerificationModule {}
