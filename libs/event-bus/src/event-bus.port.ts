import type { EventEnvelope } from './envelope';

export interface ConsumedEvent {
  topic: string;
  partition: number;
  offset: string;
  envelope: EventEnvelope;
}

export interface SubscribeOptions {
  /** Members of one group share the topic's partitions; each group sees every event. */
  groupId: string;
  topics: string[];
  handler: (event: ConsumedEvent) => Promise<void>;
  /** A group with no committed offset starts at the earliest retained event (default true). */
  fromBeginning?: boolean;
  /** Attempts before the event is sent to `<topic>.dlq` and the group moves on (default 3). */
  maxAttempts?: number;
}

export interface Subscription {
  /** Stops this member; the group's other members take over its partitions. */
  close(): Promise<void>;
}

/**
 * The event bus port. Delivery is at-least-once and ordered per key; a handler
 * that keeps failing sends the event to the topic's DLQ with the error. Adapters:
 * Kafka (infra mode) and an in-process bus (embedded mode), held to the same
 * contract suite.
 */
export interface EventBus {
  publish(topic: string, events: readonly EventEnvelope[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Resolves when the bus can carry events; rejects with the reason otherwise (health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class EventDecodeError extends Error {
  readonly code = 'EVENT_DECODE_FAILED';
  constructor(reason: string) {
    super(`Event could not be decoded: ${reason}`);
    this.name = 'EventDecodeError';
  }
}

/** Parses a wire value into an envelope, rejecting anything without the envelope's fields. */
export function decodeEnvelope(value: string): EventEnvelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new EventDecodeError('value is not JSON');
  }
  const e = parsed as Partial<EventEnvelope> | null;
  const missing = (
    ['eventId', 'type', 'occurredAt', 'source', 'key', 'schemaVersion'] as const
  ).filter((field) => e === null || typeof e !== 'object' || e[field] === undefined);
  if (missing.length > 0) throw new EventDecodeError(`missing ${missing.join(', ')}`);
  return e as EventEnvelope;
}
