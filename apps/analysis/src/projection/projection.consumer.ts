import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  READ_MODEL_TOPICS,
  type ReadModelPersonEvent,
  type ReadModelRecordEvent,
} from '@mosaic/analysis-data';
import type { ConsumedEvent, EventBus, Subscription } from '@mosaic/event-bus';
import { EVENT_BUS, logger } from '@mosaic/service-kit';
import type { AnalysisConfig } from '../config/analysis.config';
import {
  ApplyReadModelBatchUseCase,
  type ApplyReadModelBatchCommand,
} from './apply-read-model-batch.use-case';
import { ProjectionEventMapper } from './projection-event.mapper';
import { PROJECTION_CONFIG } from './projection.tokens';

/** What this worker has projected since it started (events delivered again count again). */
export interface ProjectionProgress {
  events: number;
  batches: number;
  applied: number;
  duplicates: number;
  deadLettered: number;
  /** Persons the listeners were told about (a person changed by several batches counts each time). */
  personsNotified: number;
}

/**
 * Feeds the source topics and `identity.person.v1` to the read model: the
 * group's members share the topics' partitions, each batch is one
 * partition's events in order. An event that cannot be projected goes to
 * `<topic>.dlq` with its reason and the rest of its batch is applied; a batch
 * that fails for any other reason is retried by the bus, then replayed one
 * event at a time so that only a poison event is dead-lettered.
 */
@Injectable()
export class ProjectionConsumer implements OnModuleInit, OnModuleDestroy {
  readonly progress: ProjectionProgress = {
    events: 0,
    batches: 0,
    applied: 0,
    duplicates: 0,
    deadLettered: 0,
    personsNotified: 0,
  };
  private readonly mapper = new ProjectionEventMapper();
  private subscription: Subscription | undefined;

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(PROJECTION_CONFIG) private readonly config: AnalysisConfig,
    private readonly applyBatch: ApplyReadModelBatchUseCase,
  ) {}

  get groupId(): string {
    return this.config.extra.MOSAIC_ANALYSIS_CONSUMER_GROUP;
  }

  async onModuleInit(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      groupId: this.groupId,
      topics: [...READ_MODEL_TOPICS],
      maxBatchSize: this.config.extra.MOSAIC_ANALYSIS_BATCH_SIZE,
      batchHandler: (events) => this.handle(events),
    });
  }

  // Before the database closes (ServiceModule closes it on application shutdown).
  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
  }

  private async handle(events: readonly ConsumedEvent[]): Promise<void> {
    const records: ReadModelRecordEvent[] = [];
    const persons: ReadModelPersonEvent[] = [];
    const rejected: ApplyReadModelBatchCommand['rejected'][number][] = [];
    for (const event of events) {
      const mapped = this.mapper.map(event);
      if (mapped.kind === 'record') records.push(mapped);
      else if (mapped.kind === 'person') persons.push(mapped);
      else rejected.push(mapped);
    }
    const result = await this.applyBatch.execute({
      groupId: this.groupId,
      records,
      persons,
      rejected,
    });
    this.progress.events += events.length;
    this.progress.batches += 1;
    this.progress.applied += result.applied;
    this.progress.duplicates += result.duplicates;
    this.progress.deadLettered += result.deadLettered;
    this.progress.personsNotified += result.notified;
    if (result.deadLettered > 0) {
      logger.warn(
        {
          service: 'analysis',
          deadLettered: result.deadLettered,
          reasons: rejected.map((r) => r.error.message),
        },
        'events sent to the dead-letter topic',
      );
    }
  }
}
