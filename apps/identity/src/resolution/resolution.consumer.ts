import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ConsumedEvent, EventBus, Subscription } from '@mosaic/event-bus';
import { SOURCE_TOPICS } from '@mosaic/resolution';
import { EVENT_BUS, logger } from '@mosaic/service-kit';
import type { IdentityConfig } from '../config/identity.config';
import { CandidateIndexFactory } from './candidate-index.factory';
import type { ModelProvider } from './model.provider';
import { ResolveBatchUseCase, type ResolveBatchCommand } from './resolve-batch.use-case';
import { IDENTITY_CONFIG, MODEL_PROVIDER } from './resolution.tokens';
import { SourceEventMapper } from './source-event.mapper';

/** What this worker has handled since it started (events delivered again count again). */
export interface ResolutionProgress {
  events: number;
  batches: number;
  resolved: number;
  duplicates: number;
  deadLettered: number;
}

/**
 * Feeds the source topics to the resolver: the group's members share the
 * topics' partitions, each batch is one partition's events in order. An event
 * that is not a valid, resolvable record goes to `<topic>.dlq` with its reason
 * and the rest of its batch is resolved; a batch that fails for any other
 * reason is retried by the bus, then replayed one event at a time so that
 * only a poison event is dead-lettered.
 */
@Injectable()
export class ResolutionConsumer implements OnModuleInit, OnModuleDestroy {
  readonly progress: ResolutionProgress = {
    events: 0,
    batches: 0,
    resolved: 0,
    duplicates: 0,
    deadLettered: 0,
  };
  private readonly mapper = new SourceEventMapper();
  private subscription: Subscription | undefined;

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(MODEL_PROVIDER) private readonly models: ModelProvider,
    private readonly indexes: CandidateIndexFactory,
    private readonly resolveBatch: ResolveBatchUseCase,
  ) {}

  get groupId(): string {
    return this.config.extra.MOSAIC_IDENTITY_CONSUMER_GROUP;
  }

  async onModuleInit(): Promise<void> {
    await this.indexes.prepare();
    await this.models.ready();
    this.subscription = await this.bus.subscribe({
      groupId: this.groupId,
      topics: Object.values(SOURCE_TOPICS),
      maxBatchSize: this.config.extra.MOSAIC_IDENTITY_BATCH_SIZE,
      batchHandler: (events) => this.handle(events),
    });
  }

  // Before the database closes (ServiceModule closes it on application shutdown).
  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
  }

  private async handle(events: readonly ConsumedEvent[]): Promise<void> {
    const records: ResolveBatchCommand['records'][number][] = [];
    const rejected: ResolveBatchCommand['rejected'][number][] = [];
    for (const event of events) {
      const mapped = this.mapper.map(event);
      if (mapped.kind === 'record') records.push(mapped);
      else rejected.push(mapped);
    }
    const result = await this.resolveBatch.execute({ groupId: this.groupId, records, rejected });
    this.progress.events += events.length;
    this.progress.batches += 1;
    this.progress.resolved += result.resolved;
    this.progress.duplicates += result.duplicates;
    this.progress.deadLettered += result.deadLettered;
    if (result.deadLettered > 0) {
      logger.warn(
        {
          service: 'identity',
          deadLettered: result.deadLettered,
          reasons: rejected.map((r) => r.error.message),
        },
        'source events sent to the dead-letter topic',
      );
    }
  }
}
