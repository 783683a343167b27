import { Inject, Injectable } from '@nestjs/common';
import { publishDeadLetters, type ConsumedEvent, type EventBus } from '@mosaic/event-bus';
import {
  BatchResolutionWriter,
  ClusterRepository,
  PostgresRecordStore,
  ProcessedEventRepository,
  RecordFeaturesCache,
  ResolutionBatchRepository,
} from '@mosaic/identity-data';
import {
  ClusterState,
  DEFAULT_RESOLVER_OPTIONS,
  Resolver,
  type CandidateQuery,
  type CandidateSearchResult,
  type ResolutionModel,
  type ResolutionRecord,
} from '@mosaic/resolution';
import { EVENT_BUS, logger, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { IdentityConfig } from '../config/identity.config';
import { CandidateIndexFactory } from './candidate-index.factory';
import type { ModelProvider } from './model.provider';
import {
  candidateQueries,
  mergeCandidates,
  PrefetchedCandidateIndex,
  preparedBatch,
} from './prefetched-candidate-index';
import { RecentBatches } from './recent-batches';
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

/** What a batch found before its transaction (shared candidate index only). */
interface SearchedAhead {
  model: ResolutionModel;
  /** Candidates per record key: the index's and those of other registered batches. */
  candidates: Map<string, CandidateSearchResult>;
  /** Per record key: batches not finished when read whose records are among its candidates. */
  waitFor: Map<string, number[]>;
}

/** PostgreSQL broke a deadlock by failing this transaction. */
const isDeadlock = (error: unknown) =>
  (error as { code?: string; driverError?: { code?: string } }).code === '40P01' ||
  (error as { driverError?: { code?: string } }).driverError?.code === '40P01';

/** Attempts of one batch that PostgreSQL failed to break a deadlock, before giving up to the bus. */
const DEADLOCK_ATTEMPTS = 5;
/** How often a worker makes finished batches searchable and drops them from resolution_batch. */
const PRUNE_INTERVAL_MS = 1_000;

/**
 * Resolves one batch of source records in one transaction: claim the events,
 * dead-letter the rejected ones, restore and lock the persons the batch can
 * touch, run the resolver, and store records, persons, links, decisions,
 * review items and `identity.person.v1` events. Either all of it commits or
 * none of it, so a batch retried after a failure starts from the same state.
 *
 * No lock is global (docs/adr/0013-resolution-without-a-global-lock.md). With
 * the shared search engine index, where several workers resolve at once, a
 * batch first registers its records in `resolution_batch` under its ticket
 * lock, then searches the index and the records other batches registered
 * (those the index may not show yet), all outside its transaction. In the
 * transaction it waits for the unfinished batches whose records it found,
 * then locks the persons of its candidates, reading them again until none
 * changed. Two batches that each found the other's records deadlock on
 * their tickets; PostgreSQL fails one, which searches again and finds the
 * other's records committed.
 */
@Injectable()
export class ResolveBatchUseCase {
  private readonly cache: RecordFeaturesCache;
  private readonly processed = new ProcessedEventRepository();
  private readonly clusters = new ClusterRepository();
  private readonly writer = new BatchResolutionWriter();
  private readonly batches = new ResolutionBatchRepository();
  private readonly recent = new RecentBatches();
  private readonly options = DEFAULT_RESOLVER_OPTIONS;
  private readonly searchOptions = { k: this.options.k, maxBlockSize: this.options.maxBlockSize };
  /** The worker's batches take turns at its copy of the registered batches. */
  private recentTurn: Promise<unknown> = Promise.resolve();
  private lastPrune = 0;

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
    if (!this.indexes.shared || command.records.length === 0) {
      // PGlite has one connection: everything below runs on the transaction's manager.
      const applied = await this.dataSource.transaction((manager) =>
        this.apply(manager, command, null, null),
      );
      applied.store?.committed();
      return applied.result;
    }
    return this.executeShared(command);
  }

  private async executeShared(command: ResolveBatchCommand): Promise<ResolveBatchResult> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const session = runner.manager;
    let ticket: number | null = null;
    try {
      const model = await this.models.current(session);
      const records = [...new Map(command.records.map((r) => [r.record.key, r.record])).values()];
      const prepared = preparedBatch(records, model, this.options);
      ticket = await this.batches.register(session, prepared.indexed);
      for (let attempt = 1; ; attempt++) {
        const ahead = await this.searchAhead(session, ticket, model, prepared.queries);
        await runner.startTransaction();
        try {
          const { result, store } = await this.apply(session, command, ahead, ticket);
          await runner.commitTransaction();
          store?.committed();
          return result;
        } catch (error) {
          await runner.rollbackTransaction();
          if (!isDeadlock(error) || attempt >= DEADLOCK_ATTEMPTS) throw error;
          // The batches waiting on this one's ticket go first; the next search finds their records.
          await this.batches.yieldTicket(session, ticket);
        }
      }
    } finally {
      try {
        if (ticket !== null) await this.batches.release(session, ticket);
        await this.prune(session);
      } finally {
        await runner.release();
      }
    }
  }

  /** The index's candidates and those among other registered batches' records, outside any transaction. */
  private async searchAhead(
    session: EntityManager,
    ticket: number,
    model: ResolutionModel,
    queries: readonly CandidateQuery[],
  ): Promise<SearchedAhead> {
    const index = this.indexes.shared as NonNullable<CandidateIndexFactory['shared']>;
    const fromIndex = await PrefetchedCandidateIndex.prefetch(index, queries, this.searchOptions);
    const turn = this.recentTurn.then(async () => {
      this.recent.compact();
      const others = await this.batches.others(session, ticket, this.recent.known);
      await this.recent.sync(others);
      const found = await this.recent.search(queries, this.searchOptions);
      return { others, found };
    });
    this.recentTurn = turn.catch(() => undefined);
    const { others, found } = await turn;
    const unfinished = new Set(others.filter((b) => !b.finished).map((b) => b.ticket));
    const waitFor = new Map<string, number[]>();
    queries.forEach((query, i) => {
      const tickets = (found.results[i]?.candidates ?? [])
        .map((c) => found.tickets.get(c.key))
        .filter((t): t is number => t !== undefined && unfinished.has(t));
      if (tickets.length > 0) waitFor.set(query.key, tickets);
    });
    return { model, candidates: mergeCandidates(fromIndex, queries, found.results), waitFor };
  }

  private async prune(session: EntityManager): Promise<void> {
    const index = this.indexes.shared;
    if (!index || Date.now() - this.lastPrune < PRUNE_INTERVAL_MS) return;
    this.lastPrune = Date.now();
    try {
      await this.batches.prune(session, () => index.refresh());
    } catch (error) {
      // The batch has committed; the next round prunes what this one could not.
      logger.warn(
        { service: 'identity', error: error instanceof Error ? error.message : String(error) },
        'pruning resolution_batch failed',
      );
    }
  }

  private async apply(
    manager: EntityManager,
    command: ResolveBatchCommand,
    ahead: SearchedAhead | null,
    ticket: number | null,
  ): Promise<{ result: ResolveBatchResult; store: PostgresRecordStore | null }> {
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

    const store = new PostgresRecordStore(manager, this.cache);
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
    if (todo.length === 0) return { result: empty, store: null };

    const model = await this.models.current(manager);
    if (ahead && ahead.model.version !== model.version) {
      throw new Error(
        `The active resolution model changed from ${ahead.model.version} to ${model.version} while the batch searched; it is resolved again`,
      );
    }
    const index = this.indexes.forTransaction(manager);
    const thresholds = await this.thresholds.current(manager, model, index);
    const records = todo.map((r) => r.record);
    let prefetched: Map<string, CandidateSearchResult>;
    if (ahead) {
      // The batches whose records this one found must have committed (or failed) first.
      await this.batches.waitFor(
        manager,
        records.flatMap((r) => ahead.waitFor.get(r.key) ?? []),
      );
      prefetched = ahead.candidates;
    } else {
      prefetched = await PrefetchedCandidateIndex.prefetch(
        index,
        candidateQueries(records, model, this.options),
        this.searchOptions,
      );
    }
    const candidates = records.flatMap(
      (r) => prefetched.get(r.key)?.candidates.map((c) => c.key) ?? [],
    );
    const slice = await this.clusters.lockSlice(manager, [
      ...records.map((r) => r.key),
      ...candidates,
    ]);
    const state = ClusterState.restore(() => uuidv7(), slice);
    const resolver = new Resolver(
      model,
      thresholds,
      new PrefetchedCandidateIndex(index, prefetched, this.searchOptions, slice.recordKeys),
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
    if (ticket !== null) await this.batches.finish(manager, ticket);
    return {
      result: {
        ...empty,
        resolved: written.records,
        duplicates: empty.duplicates + resolution.skipped.length,
        decisions: written.decisions,
        reviews: written.reviews,
        personEvents: written.personEvents,
        modelVersion: model.version,
        thresholdVersion: thresholds.version,
      },
      store,
    };
  }
}
