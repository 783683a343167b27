import { v7 as uuidv7 } from 'uuid';

/** The one shape every event has on every topic (DESIGN.md "Events"). */
export interface EventEnvelope<P = unknown> {
  /** UUIDv7: unique, and sorts by creation time. Consumers deduplicate on it. */
  eventId: string;
  type: string;
  occurredAt: string;
  source: string;
  /** Ordering key: events with the same key are delivered in publish order. */
  key: string;
  schemaVersion: number;
  payload: P;
}

export interface NewEvent<P> {
  type: string;
  source: string;
  key: string;
  schemaVersion?: number;
  payload: P;
}

export function createEnvelope<P>(
  event: NewEvent<P>,
  now: () => Date = () => new Date(),
): EventEnvelope<P> {
  return {
    eventId: uuidv7(),
    type: event.type,
    occurredAt: now().toISOString(),
    source: event.source,
    key: event.key,
    schemaVersion: event.schemaVersion ?? 1,
    payload: event.payload,
  };
}

/** Poison messages go to `<topic>.dlq` (DESIGN.md "Events"). */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** What a dead-letter topic carries: the original event and why it could not be handled. */
export interface DeadLetter {
  topic: string;
  partition: number;
  offset: string;
  groupId: string;
  attempts: number;
  error: { name: string; message: string };
  failedAt: string;
  /** The original message value, verbatim (it may not even be valid JSON). */
  value: string;
}
