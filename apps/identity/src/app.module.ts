import { Module, type DynamicModule } from '@nestjs/common';
import { identityEntities, identityMigrations } from '@mosaic/identity-data';
import { ServiceModule, subgraphModule } from '@mosaic/service-kit';
import type { IdentityConfig } from './config/identity.config';
import { DisputeModule } from './dispute/dispute.module';
import { IdentificationModule } from './identification/identification.module';
import { IdentityGraph } from './identity-graph';
import { ResolutionMetrics } from './metrics/resolution-metrics';
import { PersonModule } from './person/person.module';
import { ResolutionModule, type ResolutionModuleOptions } from './resolution/resolution.module';
import { RetentionModule } from './retention/retention.module';
import { ReviewModule } from './review/review.module';
import { VerificationModule } from './verification/verification.module';

@Module({})
export class IdentityAppModule {
  static register(config: IdentityConfig, options: ResolutionModuleOptions = {}): DynamicModule {
    const resolution = ResolutionModule.register(config, options);
    return {
      module: IdentityAppModule,
      providers: [ResolutionMetrics],
      imports: [
        ServiceModule.forRoot({
          config,
          entities: identityEntities,
          migrations: identityMigrations,
          outbox: true,
        }),
        resolution,
        subgraphModule(IdentityGraph),
        PersonModule,
        IdentificationModule.register(resolution),
        RetentionModule.register(config, resolution),
        VerificationModule,
        DisputeModule,
        ReviewModule,
      ],
    };
  }
}
