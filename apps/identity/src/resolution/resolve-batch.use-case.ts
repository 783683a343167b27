import { Inject, Injectable } from '@nestjs/common';
import { publishDeadLetters, type ConsumedEvent, type EventBus } from '@mosaic/event-bus';
import {
  BatchResolutionWriter,
  ClusterRepository,
  PostgresRecordStore,
  ProcessedEventRepository,
  RecordFeaturesCache,
} from '@mosaic/identity-data';
import {
  ClusterState,
  DEFAULT_RESOLVER_OPTIONS,
  Resolver,
  type ResolutionRecord,
} from '@mosaic/resolution';
import { EVENT_BUS, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { IdentityConfig } from '../config/identity.config';
import { CandidateIndexFactory } from './candidate-index.factory';
import type { ModelProvider } from './model.provider';
import { candidateQueries, PrefetchedCandidateIndex } from './prefetched-candidate-index';
import { RESOLUTION_LOCK } from './resolution-lock';
import { IDENTITY_CONFIG, MODEL_PROVIDER } from './resolution.tokens';
import { ThresholdProvider } from './threshold.provider';

export interface ResolveBatchCommand {
  /** Consumer group the events came to (named in dead letters). */
  groupId: string;
  /** Events that map to a record, in delivery order. */
  records: readonly { eventId: string; topic: string; record: ResolutionRecord }[];
  /** Events that do not, with the reason: they go to `<topic>.dlq`. */
  rejected: readonly { event: ConsumedEvent; error: Error }[];
}

export interface ResolveBatchResult {
  /** Records stored and clustered by this batch. */
  resolved: number;
  /** Events processed before (redelivered), or records already stored under another event. */
  duplicates: number;
  deadLettered: number;
  decisions: number;
  reviews: number;
  personEvents: number;
  modelVersion: string | null;
  thresholdVersion: string | null;
}

/**
 * Resolves one batch of source records in one transaction: claim the events,
 * dead-letter the rejected ones, restore the persons the batch can touch, run
 * the resolver, and store records, persons, links, decisions, review items
 * and `identity.person.v1` events. Either all of it commits or none of it, so
 * a batch retried after a failure starts from the same state.
 */
@Injectable()
export class ResolveBatchUseCase {
  private readonly cache: RecordFeaturesCache;
  private readonly processed = new ProcessedEventRepository();
  private readonly clusters = new ClusterRepository();
  private readonly writer = new BatchResolutionWriter();
  private readonly options = DEFAULT_RESOLVER_OPTIONS;

  constructor(
    @Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(MODEL_PROVIDER) private readonly models: ModelProvider,
    @Inject(IDENTITY_CONFIG) config: IdentityConfig,
    private readonly thresholds: ThresholdProvider,
    private readonly indexes: CandidateIndexFactory,
  ) {
    this.cache = new RecordFeaturesCache(config.extra.MOSAIC_IDENTITY_RECORD_CACHE);
  }

  async execute(command: ResolveBatchCommand): Promise<ResolveBatchResult> {
    let store: PostgresRecordStore | undefined;
    // PGlite has one connection: everything below runs on the transaction's manager.
    const result = await this.dataSource.transaction(
      async (manager): Promise<ResolveBatchResult> => {
        // See RESOLUTION_LOCK: one batch at a time across all workers of this database.
        await manager.query('SELECT pg_advisory_xact_lock($1)', [RESOLUTION_LOCK]);
        const fresh = await this.processed.claim(manager, [
          ...command.records.map((r) => ({
            eventId: r.eventId,
            topic: r.topic,
            outcome: 'RESOLVED' as const,
          })),
          ...command.rejected.map((r) => ({
            eventId: r.event.envelope.eventId,
            topic: r.event.topic,
            outcome: 'DEAD_LETTERED' as const,
          })),
        ]);
        const rejected = command.rejected.filter((r) => fresh.has(r.event.envelope.eventId));
        // Published before commit: should the commit fail, the batch is redelivered and the
        // letter sent again, a duplicate on the DLQ rather than a letter lost.
        await publishDeadLetters(this.bus, command.groupId, rejected);

        store = new PostgresRecordStore(manager, this.cache);
        const claimed = command.records.filter((r) => fresh.has(r.eventId));
        const stored = await store.existing(claimed.map((r) => r.record.key));
        const todo = claimed.filter((r) => !stored.has(r.record.key));
        const empty = {
          resolved: 0,
          duplicates: command.records.length - todo.length,
          deadLettered: rejected.length,
          decisions: 0,
          reviews: 0,
          personEvents: 0,
          modelVersion: null,
          thresholdVersion: null,
        };
        if (todo.length === 0) return empty;

        const model = await this.models.current(manager);
        const index = this.indexes.forTransaction(manager);
        const thresholds = await this.thresholds.current(manager, model, index);
        const records = todo.map((r) => r.record);
        const searchOptions = { k: this.options.k, maxBlockSize: this.options.maxBlockSize };
        const prefetched = await PrefetchedCandidateIndex.prefetch(
          index,
          candidateQueries(records, model, this.options),
          searchOptions,
        );
        const candidates = [...prefetched.values()].flatMap((r) => r.candidates.map((c) => c.key));
        const slice = await this.clusters.loadSlice(manager, [
          ...records.map((r) => r.key),
          ...candidates,
        ]);
        const state = ClusterState.restore(() => uuidv7(), slice);
        const resolver = new Resolver(
          model,
          thresholds,
          new PrefetchedCandidateIndex(index, prefetched, searchOptions, slice.recordKeys),
          store,
          state,
          this.options,
        );
        const resolution = await resolver.resolveBatch(records);
        const written = await this.writer.write(manager, store, {
          state,
          resolution,
          records: todo,
          modelVersion: model.version,
          thresholdVersion: thresholds.version,
        });
        return {
          ...empty,
          resolved: written.records,
          duplicates: empty.duplicates + resolution.skipped.length,
          decisions: written.decisions,
          reviews: written.reviews,
          personEvents: written.personEvents,
          modelVersion: model.version,
          thresholdVersion: thresholds.version,
        };
      },
    );
    store?.committed();
    return result;
  }
}
