import { createEnvelope, type EventEnvelope } from '@mosaic/event-bus';
import type { EntityManager } from 'typeorm';
import { eventSchemas, type EventSchemas } from './event-schemas';

export interface OutboxEvent {
  topic: string;
  type: string;
  source: string;
  key: string;
  payload: unknown;
  schemaVersion?: number;
}

/**
 * Appends events to the outbox inside the caller's transaction: they are
 * published if and only if the change they describe commits. Each payload is
 * validated against its topic's committed JSON Schema first.
 */
export async function appendToOutbox(
  manager: EntityManager,
  events: readonly OutboxEvent[],
  schemas: EventSchemas = eventSchemas(),
): Promise<EventEnvelope[]> {
  if (events.length === 0) return [];
  const envelopes = events.map((event) => {
    schemas.validate(event.topic, event.payload);
    return createEnvelope({
      type: event.type,
      source: event.source,
      key: event.key,
      payload: event.payload,
      schemaVersion: event.schemaVersion ?? 1,
    });
  });
  // Chunked so one statement stays well under PostgreSQL's 65,535 parameters.
  for (let i = 0; i < envelopes.length; i += 2_000) {
    const chunk = envelopes.slice(i, i + 2_000);
    const params: unknown[] = [];
    const values = chunk.map((envelope, j) => {
      params.push(
        envelope.eventId,
        (events[i + j] as OutboxEvent).topic,
        envelope.key,
        JSON.stringify(envelope),
      );
      const p = j * 4;
      return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}::json)`;
    });
    await manager.query(
      `INSERT INTO outbox (event_id, topic, key, envelope) VALUES ${values.join(', ')}`,
      params,
    );
  }
  return envelopes;
}
