import { Module, type DynamicModule } from '@nestjs/common';
import { PgLinkGraph } from '@mosaic/analysis-data';
import type { LinkGraph } from '@mosaic/analysis-model';
import { SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource } from 'typeorm';
import type { AnalysisConfig } from '../config/analysis.config';
import { LINK_GRAPH } from './link-graph.tokens';
import { PersonLinksResolver } from './person-links.resolver';

/**
 * Link analysis: neighbours, shortest paths and co-travellers of a Person,
 * on the analysis read model in both modes (PGlite embedded, PostgreSQL in
 * infra mode; the search engine holds no edges).
 */
@Module({})
export class GraphModule {
  static register(_config: AnalysisConfig): DynamicModule {
    return {
      module: GraphModule,
      providers: [
        {
          provide: LINK_GRAPH,
          inject: [SERVICE_DATA_SOURCE],
          useFactory: (dataSource: DataSource): LinkGraph =>
            new PgLinkGraph({ session: dataSource }),
        },
        PersonLinksResolver,
      ],
    };
  }
}
