import { Module, type DynamicModule } from '@nestjs/common';
import { analysisEntities, analysisMigrations } from '@mosaic/analysis-data';
import { ServiceModule, subgraphModule } from '@mosaic/service-kit';
import { AnalysisGraph } from './analysis-graph';
import type { AnalysisConfig } from './config/analysis.config';
import { GraphModule } from './graph/graph.module';
import { ProjectionModule } from './projection/projection.module';
import { SearchModule } from './search/search.module';

/**
 * The analysis service: projects source and identity events into its read
 * model (ProjectionModule) and serves person search (SearchModule) and link
 * analysis (GraphModule) as the analysis subgraph.
 */
@Module({})
export class AnalysisAppModule {
  static register(config: AnalysisConfig): DynamicModule {
    return {
      module: AnalysisAppModule,
      imports: [
        ServiceModule.forRoot({
          config,
          entities: analysisEntities,
          migrations: analysisMigrations,
        }),
        subgraphModule(AnalysisGraph),
        ProjectionModule.register(config),
        SearchModule.register(config),
        GraphModule.register(config),
      ],
    };
  }
}
