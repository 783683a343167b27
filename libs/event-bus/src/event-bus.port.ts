import type { EventEnvelope } from './envelope';

export interface ConsumedEvent {
  topic: string;
  partition: number;
  offset: string;
  envelope: EventEnvelope;
}

interface SubscribeOptionsBase {
  /** Members of one group share the topic's partitions; each group sees every event. */
  groupId: string;
  topics: string[];
  /** A group with no committed offset starts at the earliest retained event (default true). */
  fromBeginning?: boolean;
  /** Attempts before the event is sent to `<topic>.dlq` and the group moves on (default 3). */
  maxAttempts?: number;
}

/** Events handed over one at a time. */
export interface EventSubscribeOptions extends SubscribeOptionsBase {
  handler: (event: ConsumedEvent) => Promise<void>;
  batchHandler?: undefined;
  maxBatchSize?: undefined;
}

/**
 * Events handed over in batches, for consumers that pay per call (one query and
 * one transaction per batch). A batch holds events of one partition in offset
 * order, so per-key order holds within and across batches, and never more than
 * `maxBatchSize` events (it may hold fewer: whatever is queued, or fetched, at
 * the time). Failure handling, so one poison event cannot hold back or take
 * down its batch:
 * 1. a batch whose handler throws is retried, up to `maxAttempts` calls in all,
 *    at once: as for single events, there is no backoff between attempts;
 * 2. if every attempt failed, the same events are handed over again one per
 *    call, in order, each with `maxAttempts` attempts of its own; an event that
 *    still fails goes to `<topic>.dlq` with its error and the next one is
 *    handled. A poison event is so handed over up to 2 × maxAttempts times,
 *    and the good events of its batch are still handled, one per call;
 * 3. a value that is not an envelope is never handed over: it goes to the DLQ
 *    and the rest of its batch is handled without it.
 * Offsets are committed only once the events are handled or dead-lettered, so
 * after a crash or a rebalance a batch may be handed over again (at-least-once):
 * the handler must be idempotent, e.g. deduplicating on `eventId`.
 */
export interface BatchSubscribeOptions extends SubscribeOptionsBase {
  batchHandler: (events: ConsumedEvent[]) => Promise<void>;
  /** The most events one batch may hold (default 500). */
  maxBatchSize?: number;
  handler?: undefined;
}

/** Exactly one of `handler` and `batchHandler`. */
export type SubscribeOptions = EventSubscribeOptions | BatchSubscribeOptions;

export const DEFAULT_MAX_BATCH_SIZE = 500;
export const DEFAULT_MAX_ATTEMPTS = 3;

export class InvalidSubscriptionError extends Error {
  readonly code = 'INVALID_SUBSCRIPTION';
  constructor(reason: string) {
    super(`Invalid subscription: ${reason}`);
    this.name = 'InvalidSubscriptionError';
  }
}

/** What an adapter runs on: the options checked, with their defaults filled in. */
export type ResolvedSubscription = {
  groupId: string;
  topics: string[];
  fromBeginning: boolean;
  maxAttempts: number;
} & (
  | { mode: 'event'; handler: (event: ConsumedEvent) => Promise<void> }
  | {
      mode: 'batch';
      batchHandler: (events: ConsumedEvent[]) => Promise<void>;
      maxBatchSize: number;
    }
);

/**
 * Checks subscribe options the type system cannot (callers in plain JavaScript,
 * casts, counts) and fills in the defaults; throws InvalidSubscriptionError.
 */
export function resolveSubscription(options: SubscribeOptions): ResolvedSubscription {
  const { groupId } = options;
  const hasHandler = typeof options.handler === 'function';
  const hasBatchHandler = typeof options.batchHandler === 'function';
  if (hasHandler === hasBatchHandler) {
    throw new InvalidSubscriptionError(
      `group "${groupId}" must give exactly one of handler and batchHandler`,
    );
  }
  const positive = (name: string, value: number | undefined, fallback: number): number => {
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || value < 1) {
      throw new InvalidSubscriptionError(
        `${name} must be a positive integer, got ${String(value)} (group "${groupId}")`,
      );
    }
    return value;
  };
  if (hasHandler && options.maxBatchSize !== undefined) {
    throw new InvalidSubscriptionError(
      `maxBatchSize applies to a batchHandler only (group "${groupId}")`,
    );
  }
  const common = {
    groupId,
    topics: options.topics,
    fromBeginning: options.fromBeginning ?? true,
    maxAttempts: positive('maxAttempts', options.maxAttempts, DEFAULT_MAX_ATTEMPTS),
  };
  return options.batchHandler
    ? {
        ...common,
        mode: 'batch',
        batchHandler: options.batchHandler,
        maxBatchSize: positive('maxBatchSize', options.maxBatchSize, DEFAULT_MAX_BATCH_SIZE),
      }
    : { ...common, mode: 'event', handler: options.handler };
}

export interface Subscription {
  /** Stops this member; the group's other members take over its partitions. */
  close(): Promise<void>;
}

/**
 * The event bus port. Delivery is at-least-once and ordered per key; a handler
 * that keeps failing sends the event to the topic's DLQ with the error. A
 * subscriber takes events one at a time (`handler`) or in batches
 * (`batchHandler`, see BatchSubscribeOptions for what a failing batch does). Adapters:
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

/** How far one consumer group is behind on one partition: events published but not yet handled. */
export interface ConsumerLag {
  groupId: string;
  topic: string;
  partition: number;
  lag: number;
}

/** Events one consumer group sent to one dead-letter topic through this bus since it started. */
export interface DeadLetterCount {
  groupId: string;
  topic: string;
  count: number;
}

/** What an adapter tells about its consumers, for metrics (Kafka and in-process alike). */
export interface EventBusStats {
  /** The lag of each partition of `topics` for `groupId` (a group that committed nothing: all of it). */
  consumerLag(groupId: string, topics: readonly string[]): Promise<ConsumerLag[]>;
  /** Dead letters published through this bus, by the group that wrote them and the DLQ topic. */
  deadLetterCounts(): DeadLetterCount[];
}

/** Whether `bus` can report its consumers' lag and dead letters. */
export function hasEventBusStats(bus: EventBus): bus is EventBus & EventBusStats {
  const candidate = bus as Partial<EventBusStats>;
  return (
    typeof candidate.consumerLag === 'function' && typeof candidate.deadLetterCounts === 'function'
  );
}

/** Counts dead letters by writing group (the envelope's `source`) and DLQ topic. */
export class DeadLetterCounter {
  private readonly counts = new Map<string, DeadLetterCount>();

  /** Called for every publish: counts the events of a `.dlq` topic, ignores the rest. */
  published(topic: string, events: readonly EventEnvelope[]): void {
    if (!topic.endsWith('.dlq')) return;
    for (const event of events) {
      const key = `${event.source}\u0000${topic}`;
      const entry = this.counts.get(key) ?? { groupId: event.source, topic, count: 0 };
      entry.count += 1;
      this.counts.set(key, entry);
    }
  }

  snapshot(): DeadLetterCount[] {
    return [...this.counts.values()].map((c) => ({ ...c }));
  }
}
