import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@mosaic/config';
import { ServiceModule, subgraphModule } from '@mosaic/service-kit';
import { travelEntities, travelMigrations } from '@mosaic/travel-data';
import { EncounterModule } from './encounter/encounter.module';
import { TravelGraph } from './travel-graph';

@Module({})
export class TravelAppModule {
  static register(config: ServiceConfig<unknown>): DynamicModule {
    return {
      module: TravelAppModule,
      imports: [
        ServiceModule.forRoot({
          config,
          entities: travelEntities,
          migrations: travelMigrations,
          outbox: true,
        }),
        subgraphModule(TravelGraph),
        EncounterModule,
      ],
    };
  }
}
