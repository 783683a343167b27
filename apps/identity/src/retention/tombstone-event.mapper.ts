import type { ConsumedEvent } from '@mosaic/event-bus';
import { eventSchemas, type EventSchemas } from '@mosaic/outbox';
import type { RetentionTombstone } from '@mosaic/retention';

/** A tombstone the identity service cannot apply, and why. */
export class InvalidTombstoneError extends Error {
  readonly code = 'INVALID_TOMBSTONE';
  constructor(
    readonly topic: string,
    reason: string,
  ) {
    super(`event on ${topic} is not a valid tombstone: ${reason}`);
    this.name = 'InvalidTombstoneError';
  }
}

export type MappedTombstone =
  | { kind: 'tombstone'; eventId: string; topic: string; tombstone: RetentionTombstone }
  | { kind: 'rejected'; event: ConsumedEvent; error: Error };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `retention.tombstone.v1` event → tombstone, checked against the committed
 * JSON Schema as its producer did; anything else goes to the dead-letter
 * topic rather than failing the batch it came in.
 */
export class TombstoneEventMapper {
  constructor(private readonly schemas: EventSchemas = eventSchemas()) {}

  map(event: ConsumedEvent): MappedTombstone {
    try {
      const { envelope } = event;
      if (!UUID.test(envelope.eventId)) {
        throw new InvalidTombstoneError(event.topic, `eventId ${envelope.eventId} is not a UUID`);
      }
      this.schemas.validate(event.topic, envelope.payload);
      return {
        kind: 'tombstone',
        eventId: envelope.eventId,
        topic: event.topic,
        tombstone: envelope.payload as RetentionTombstone,
      };
    } catch (error) {
      return {
        kind: 'rejected',
        event,
        error:
          error instanceof Error ? error : new InvalidTombstoneError(event.topic, String(error)),
      };
    }
  }
}
