import {
  PERSON_TOPIC,
  RECORD_STATE_CHANGES,
  type PersonChange,
  type ReadModelPersonEvent,
  type ReadModelRecordEvent,
} from '@mosaic/analysis-data';
import { analysisRecordFromEvent } from '@mosaic/analysis-model';
import type { ConsumedEvent } from '@mosaic/event-bus';
import { eventSchemas, type EventSchemas } from '@mosaic/outbox';

/** An event the read model cannot take, and why. */
export class UnprojectableEventError extends Error {
  readonly code = 'UNPROJECTABLE_EVENT';
  constructor(
    readonly topic: string,
    reason: string,
  ) {
    super(`event on ${topic} cannot be projected: ${reason}`);
    this.name = 'UnprojectableEventError';
  }
}

export type MappedProjectionEvent =
  | ({ kind: 'record' } & ReadModelRecordEvent)
  | ({ kind: 'person' } & ReadModelPersonEvent)
  | { kind: 'rejected'; event: ConsumedEvent; error: Error };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Consumed event → what the read model writer takes, or the reason it cannot
 * (the event then goes to `<topic>.dlq` and the rest of its batch is
 * applied). Payloads are checked against their topic's committed JSON Schema,
 * as identity's resolution consumer checks source events; a person event must
 * also hold together (a MERGED change names the person it merged into; a
 * SUSPENDED, RESTORED or RECORDS_REMOVED change names its records).
 */
export class ProjectionEventMapper {
  constructor(private readonly schemas: EventSchemas = eventSchemas()) {}

  map(event: ConsumedEvent): MappedProjectionEvent {
    try {
      const { envelope } = event;
      if (!UUID.test(envelope.eventId)) {
        throw new UnprojectableEventError(event.topic, `eventId ${envelope.eventId} is not a UUID`);
      }
      this.schemas.validate(event.topic, envelope.payload);
      if (event.topic === PERSON_TOPIC) {
        const change = envelope.payload as PersonChange;
        if (change.change === 'MERGED' && change.mergedInto === null) {
          throw new UnprojectableEventError(event.topic, 'a MERGED change must name mergedInto');
        }
        if (change.mergedInto === change.personId) {
          throw new UnprojectableEventError(event.topic, 'a person cannot be merged into itself');
        }
        if (RECORD_STATE_CHANGES.includes(change.change) && change.records.length === 0) {
          throw new UnprojectableEventError(
            event.topic,
            `a ${change.change} change must name the records it concerns`,
          );
        }
        return { kind: 'person', eventId: envelope.eventId, topic: event.topic, change };
      }
      const record = analysisRecordFromEvent(event.topic, envelope.payload);
      return { kind: 'record', eventId: envelope.eventId, topic: event.topic, record };
    } catch (error) {
      return {
        kind: 'rejected',
        event,
        error:
          error instanceof Error ? error : new UnprojectableEventError(event.topic, String(error)),
      };
    }
  }
}
