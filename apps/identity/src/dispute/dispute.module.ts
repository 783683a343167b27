import { Module } from '@nestjs/common';
import { PersonModule } from '../person/person.module';
import { DisputeResolver, PersonDisputesResolver } from './dispute.resolver';
import { FileDisputeUseCase } from './file-dispute.use-case';
import { ResolveDisputeUseCase } from './resolve-dispute.use-case';

/** Disputes and redress (DESIGN.md "Accountability controls" 4). */
@Module({
  imports: [PersonModule],
  providers: [DisputeResolver, PersonDisputesResolver, FileDisputeUseCase, ResolveDisputeUseCase],
})
export class DisputeModule {}
