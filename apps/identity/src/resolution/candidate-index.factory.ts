import { Inject, Injectable, Optional } from '@nestjs/common';
import { ElasticsearchCandidateIndex, PgvectorCandidateIndex } from '@mosaic/candidate-index';
import type { CandidateIndex } from '@mosaic/resolution';
import type { SearchClient } from '@mosaic/search-engine';
import { SEARCH_CLIENT } from '@mosaic/service-kit';
import type { EntityManager } from 'typeorm';
import type { IdentityConfig } from '../config/identity.config';
import { IDENTITY_CONFIG } from './resolution.tokens';

/** Optional: one candidate index used in every mode instead of the mode's own (benchmarks, tools). */
export const CANDIDATE_INDEX_OVERRIDE = Symbol('CANDIDATE_INDEX_OVERRIDE');

/**
 * The candidate index of the run mode. Embedded: pgvector in the identity
 * database, on the batch's own transaction (PGlite has one connection, and the
 * index rows then commit or roll back with the batch). Infra: the search
 * engine, written without a refresh per batch; until the engine's refresh
 * makes a batch's records searchable, later batches on any worker find them
 * through resolution_batch (docs/adr/0013-resolution-without-a-global-lock.md).
 */
@Injectable()
export class CandidateIndexFactory {
  private readonly engine: ElasticsearchCandidateIndex | null;

  constructor(
    @Inject(IDENTITY_CONFIG) config: IdentityConfig,
    @Optional() @Inject(SEARCH_CLIENT) client?: SearchClient,
    @Optional() @Inject(CANDIDATE_INDEX_OVERRIDE) private readonly override?: CandidateIndex,
  ) {
    this.engine =
      !override && config.search?.kind === 'engine' && client
        ? new ElasticsearchCandidateIndex({
            client,
            index: config.extra.MOSAIC_IDENTITY_CANDIDATE_INDEX,
            refreshOnWrite: false,
          })
        : null;
  }

  /**
   * The shared search engine index, when batches use it: several workers
   * then resolve at once and must coordinate (ResolveBatchUseCase). Null in
   * embedded mode (one connection, one batch at a time) and with an override.
   */
  get shared(): ElasticsearchCandidateIndex | null {
    return this.engine;
  }

  /** Creates the search engine index if needed (boot). */
  async prepare(): Promise<void> {
    await this.engine?.ensureIndex();
  }

  forTransaction(manager: EntityManager): CandidateIndex {
    if (this.override) return this.override;
    // ef_search 40 (the adapter raises it to 4 × (k + 1) = 44): on PGlite, HNSW searches at the
    // adapter's default of 64 measured some 40× slower (24 s against 0.6 s for 50 face queries on
    // 600 records), with no recall to show for it at these gallery sizes.
    return this.engine ?? new PgvectorCandidateIndex({ session: manager, efSearch: 40 });
  }
}
