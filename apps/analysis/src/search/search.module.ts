import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import {
  createPersonSearchIndexer,
  ElasticsearchPersonSearch,
  PgPersonSearch,
} from '@mosaic/analysis-data';
import type { PersonSearchIndex } from '@mosaic/analysis-model';
import type { SearchClient } from '@mosaic/search-engine';
import { SEARCH_CLIENT, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource } from 'typeorm';
import type { AnalysisConfig } from '../config/analysis.config';
import { READ_MODEL_LISTENERS, type ReadModelListeners } from '../projection/projection.tokens';
import { PersonSearchResolver } from './person-search.resolver';
import { PERSON_SEARCH } from './person-search.tokens';

/**
 * Person search: on the read model itself in embedded mode (pg_trgm), on the
 * search engine in infra mode, where it also provides the READ_MODEL_LISTENERS
 * that re-index the persons each projected batch changed. Global, so the
 * projection finds the listeners.
 */
@Module({})
export class SearchModule {
  static register(config: AnalysisConfig): DynamicModule {
    const engine = config.search?.kind === 'engine';
    const index = config.extra.MOSAIC_ANALYSIS_SEARCH_INDEX;
    const providers: Provider[] = [
      engine
        ? {
            provide: PERSON_SEARCH,
            inject: [SEARCH_CLIENT],
            useFactory: async (client: SearchClient): Promise<PersonSearchIndex> => {
              const search = new ElasticsearchPersonSearch({ client, index });
              await search.ensureIndex();
              return search;
            },
          }
        : {
            provide: PERSON_SEARCH,
            inject: [SERVICE_DATA_SOURCE],
            useFactory: (dataSource: DataSource): PersonSearchIndex =>
              new PgPersonSearch({ session: dataSource }),
          },
      {
        provide: READ_MODEL_LISTENERS,
        // After PERSON_SEARCH: the index exists before the first batch is synced into it.
        inject: [SERVICE_DATA_SOURCE, PERSON_SEARCH, { token: SEARCH_CLIENT, optional: true }],
        useFactory: (
          dataSource: DataSource,
          _search: PersonSearchIndex,
          client: SearchClient | undefined,
        ): ReadModelListeners =>
          engine && client
            ? [createPersonSearchIndexer({ session: dataSource, client, index })]
            : [],
      },
      PersonSearchResolver,
    ];
    return {
      module: SearchModule,
      global: true,
      providers,
      exports: [PERSON_SEARCH, READ_MODEL_LISTENERS],
    };
  }
}
