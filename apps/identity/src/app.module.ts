import { Module, type DynamicModule } from '@nestjs/common';
import { identityEntities, identityMigrations } from '@mosaic/identity-data';
import { ServiceModule } from '@mosaic/service-kit';
import type { IdentityConfig } from './config/identity.config';
import { ResolutionModule, type ResolutionModuleOptions } from './resolution/resolution.module';

@Module({})
export class IdentityAppModule {
  static register(config: IdentityConfig, options: ResolutionModuleOptions = {}): DynamicModule {
    return {
      module: IdentityAppModule,
      imports: [
        ServiceModule.forRoot({
          config,
          entities: identityEntities,
          migrations: identityMigrations,
          outbox: true,
        }),
        ResolutionModule.register(config, options),
      ],
    };
  }
}
