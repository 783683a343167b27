import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@mosaic/config';
import { seizureEntities, seizureMigrations } from '@mosaic/seizure-data';
import { ServiceModule, subgraphModule } from '@mosaic/service-kit';
import { CaseModule } from './case/case.module';
import { SeizureGraph } from './seizure-graph';

@Module({})
export class SeizureAppModule {
  static register(config: ServiceConfig<unknown>): DynamicModule {
    return {
      module: SeizureAppModule,
      imports: [
        ServiceModule.forRoot({
          config,
          entities: seizureEntities,
          migrations: seizureMigrations,
          outbox: true,
        }),
        subgraphModule(SeizureGraph),
        CaseModule,
      ],
    };
  }
}
