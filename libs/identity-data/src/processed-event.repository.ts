import type { EntityManager } from 'typeorm';

export interface HandledEvent {
  eventId: string;
  topic: string;
  outcome: 'RESOLVED' | 'DEAD_LETTERED';
}

/**
 * The consumer's idempotency: an event is claimed in the transaction that
 * applies it, so it is applied once however often it is delivered.
 */
export class ProcessedEventRepository {
  /** Records the events as processed; returns the ids that were not processed before. */
  async claim(manager: EntityManager, events: readonly HandledEvent[]): Promise<Set<string>> {
    const unique = [...new Map(events.map((e) => [e.eventId, e])).values()];
    if (unique.length === 0) return new Set();
    const rows = (await manager.query(
      `INSERT INTO processed_event (event_id, topic, outcome)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])
       ON CONFLICT (event_id) DO NOTHING
       RETURNING event_id`,
      [unique.map((e) => e.eventId), unique.map((e) => e.topic), unique.map((e) => e.outcome)],
    )) as { event_id: string }[];
    return new Set(rows.map((r) => r.event_id));
  }
}
