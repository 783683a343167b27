import { createPersonSearchIndexer, type ReadModelListener } from '@mosaic/analysis-data';
import { createSearchClient } from '@mosaic/search-engine';
import type { DataSource } from 'typeorm';
import type { AnalysisReadModelConfig } from './reindex-databases';

export interface ReindexListeners {
  listeners: ReadModelListener[];
  /** What the listeners keep up to date, for the report (null: nothing beyond the read model). */
  target: string | null;
  close: () => Promise<void>;
}

/**
 * What `mosaic reindex` tells about every person once the read model is
 * rebuilt: the same listeners the analysis service registers. Infra mode: the
 * search engine's person index (the service's own indexer). Embedded mode:
 * none, person search runs on the read model itself.
 */
export async function reindexListeners(
  config: AnalysisReadModelConfig,
  analysis: DataSource,
): Promise<ReindexListeners> {
  if (config.search?.kind !== 'engine') {
    return { listeners: [], target: null, close: async () => undefined };
  }
  const client = createSearchClient(config.search.url);
  const index = config.extra.MOSAIC_ANALYSIS_SEARCH_INDEX;
  const indexer = createPersonSearchIndexer({ session: analysis, client, index });
  await indexer.ensureIndex();
  return {
    listeners: [indexer],
    target: `search index ${index}`,
    close: () => client.close(),
  };
}
