import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  ReadModelWriter,
  type ReadModelBatchResult,
  type ReadModelPersonEvent,
  type ReadModelRecordEvent,
} from '@mosaic/analysis-data';
import { publishDeadLetters, type ConsumedEvent, type EventBus } from '@mosaic/event-bus';
import { EVENT_BUS, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource } from 'typeorm';
import { READ_MODEL_LISTENERS, type ReadModelListeners } from './projection.tokens';

export interface ApplyReadModelBatchCommand {
  /** Consumer group the events came to (named in dead letters). */
  groupId: string;
  records: readonly ReadModelRecordEvent[];
  persons: readonly ReadModelPersonEvent[];
  /** Events that cannot be projected, with the reason: they go to `<topic>.dlq`. */
  rejected: readonly { event: ConsumedEvent; error: Error }[];
}

export interface ApplyReadModelBatchResult extends ReadModelBatchResult {
  deadLettered: number;
  /** Persons the listeners were told about. */
  notified: number;
}

/**
 * Applies one batch to the read model in one transaction (records, persons,
 * memberships, processed events, and the dead letters of rejected events
 * published before it commits), then tells the listeners which persons
 * changed. A listener that fails fails the batch: the bus redelivers it, the
 * writer recognises every event as processed, and the listeners are told
 * about the same persons again.
 */
@Injectable()
export class ApplyReadModelBatchUseCase {
  private readonly writer = new ReadModelWriter();

  constructor(
    @Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Optional() @Inject(READ_MODEL_LISTENERS) private readonly listeners: ReadModelListeners = [],
  ) {}

  async execute(command: ApplyReadModelBatchCommand): Promise<ApplyReadModelBatchResult> {
    let deadLettered = 0;
    const result = await this.writer.write(
      this.dataSource,
      {
        records: command.records,
        persons: command.persons,
        rejected: command.rejected.map((r) => ({
          eventId: r.event.envelope.eventId,
          topic: r.event.topic,
        })),
      },
      {
        // Published before commit: should the commit fail, the batch is redelivered and the
        // letter sent again, a duplicate on the DLQ rather than a letter lost.
        beforeCommit: async (written) => {
          const fresh = command.rejected.filter((r) =>
            written.freshRejected.has(r.event.envelope.eventId.toLowerCase()),
          );
          await publishDeadLetters(this.bus, command.groupId, fresh);
          deadLettered = fresh.length;
        },
      },
    );
    const persons = [...new Set([...result.changedPersons, ...result.redeliveredPersons])];
    if (persons.length > 0) {
      for (const listener of this.listeners ?? []) await listener.personsChanged(persons);
    }
    return { ...result, deadLettered, notified: persons.length };
  }
}
