import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ConsumedEvent, EventBus, Subscription } from '@mosaic/event-bus';
import { RETENTION_TOMBSTONE_TOPIC } from '@mosaic/retention';
import { EVENT_BUS, logger } from '@mosaic/service-kit';
import type { IdentityConfig } from '../config/identity.config';
import {
  RemovePurgedRecordsUseCase,
  type RemovePurgedRecordsCommand,
} from './remove-purged-records.use-case';
import { RETENTION_IDENTITY_CONFIG } from './retention.tokens';
import { TombstoneEventMapper } from './tombstone-event.mapper';

/** What this worker has applied since it started (redeliveries count as duplicates). */
export interface RetentionProgress {
  events: number;
  batches: number;
  recordsRemoved: number;
  personsPurged: number;
  personsSplit: number;
  duplicates: number;
  deadLettered: number;
}

/**
 * Feeds `retention.tombstone.v1` to the identity service: each batch of
 * tombstones removes the records they name from identity, in one transaction
 * (RemovePurgedRecordsUseCase). Its own consumer group, next to the
 * resolver's: tombstones never wait behind a backlog of source events.
 */
@Injectable()
export class RetentionConsumer implements OnModuleInit, OnModuleDestroy {
  readonly progress: RetentionProgress = {
    events: 0,
    batches: 0,
    recordsRemoved: 0,
    personsPurged: 0,
    personsSplit: 0,
    duplicates: 0,
    deadLettered: 0,
  };
  private readonly mapper = new TombstoneEventMapper();
  private subscription: Subscription | undefined;

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(RETENTION_IDENTITY_CONFIG) private readonly config: IdentityConfig,
    private readonly removePurged: RemovePurgedRecordsUseCase,
  ) {}

  get groupId(): string {
    return `${this.config.extra.MOSAIC_IDENTITY_CONSUMER_GROUP}-retention`;
  }

  async onModuleInit(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      groupId: this.groupId,
      topics: [RETENTION_TOMBSTONE_TOPIC],
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
    const tombstones: RemovePurgedRecordsCommand['tombstones'][number][] = [];
    const rejected: RemovePurgedRecordsCommand['rejected'][number][] = [];
    for (const event of events) {
      const mapped = this.mapper.map(event);
      if (mapped.kind === 'tombstone') tombstones.push(mapped);
      else rejected.push(mapped);
    }
    const result = await this.removePurged.execute({
      groupId: this.groupId,
      tombstones,
      rejected,
    });
    this.progress.events += events.length;
    this.progress.batches += 1;
    this.progress.recordsRemoved += result.recordsRemoved;
    this.progress.personsPurged += result.personsPurged;
    this.progress.personsSplit += result.personsSplit;
    this.progress.duplicates += result.duplicates;
    this.progress.deadLettered += result.deadLettered;
    if (result.deadLettered > 0) {
      logger.warn(
        {
          service: 'identity',
          deadLettered: result.deadLettered,
          reasons: rejected.map((r) => r.error.message),
        },
        'retention tombstones sent to the dead-letter topic',
      );
    }
  }
}
