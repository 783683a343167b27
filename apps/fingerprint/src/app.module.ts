import { FingerprintGraph } from './fingerprint-graph';
import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@mosaic/config';
import { fingerprintEntities, fingerprintMigrations } from '@mosaic/fingerprint-data';
import { ServiceModule, subgraphModule } from '@mosaic/service-kit';
import { EnrollmentModule } from './enrollment/enrollment.module';

@Module({})
export class FingerprintAppModule {
  static register(config: ServiceConfig<unknown>): DynamicModule {
    return {
      module: FingerprintAppModule,
      imports: [
        ServiceModule.forRoot({
          config,
          entities: fingerprintEntities,
          migrations: fingerprintMigrations,
          outbox: true,
        }),
        subgraphModule(FingerprintGraph),
        EnrollmentModule,
      ],
    };
  }
}
