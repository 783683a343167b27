import { deadLetterEnvelope } from './dead-letter';
import type { DeadLetter, EventEnvelope } from './envelope';
import { decodeEnvelope, type ConsumedEvent } from './event-bus.port';

export type DeadLetterRecord = { topic: string; envelope: EventEnvelope<DeadLetter> };

export interface Delivery {
  topic: string;
  partition: number;
  offset: string;
  groupId: string;
  key: string;
  /** The message value as it came off the log. */
  value: string;
  maxAttempts: number;
  handler: (event: ConsumedEvent) => Promise<void>;
}

/** Calls `attempt` until it resolves or has failed maxAttempts times; returns the last failure. */
async function withAttempts(
  maxAttempts: number,
  attempt: () => Promise<void>,
): Promise<{ attempts: number; error: unknown } | null> {
  let error: unknown;
  for (let attempts = 1; attempts <= maxAttempts; attempts++) {
    try {
      await attempt();
      return null;
    } catch (e) {
      error = e;
    }
  }
  return { attempts: maxAttempts, error };
}

/**
 * Decodes one message and hands it to the handler, retrying up to maxAttempts.
 * Returns the dead letter to publish when it could not be handled (undecodable
 * values are not retried), or null when the handler succeeded. Both adapters
 * share this so the DLQ means the same thing on either.
 */
export async function deliver(d: Delivery): Promise<DeadLetterRecord | null> {
  let envelope: EventEnvelope;
  try {
    envelope = decodeEnvelope(d.value);
  } catch (decodeError) {
    return letter(d, d, { attempts: 0, error: decodeError });
  }
  const event = { topic: d.topic, partition: d.partition, offset: d.offset, envelope };
  const failure = await withAttempts(d.maxAttempts, () => d.handler(event));
  return failure ? letter(d, d, failure) : null;
}

export interface LoggedMessage {
  offset: string;
  key: string;
  value: string;
}

export interface BatchDelivery {
  topic: string;
  partition: number;
  groupId: string;
  /** Messages of this partition in offset order, at most maxBatchSize of them. */
  messages: readonly LoggedMessage[];
  maxAttempts: number;
  batchHandler: (events: ConsumedEvent[]) => Promise<void>;
  /** Writes a dead letter; rejects when it could not, so the message is not marked handled. */
  deadLetter: (record: DeadLetterRecord) => Promise<void>;
  /** The messages up to and including `offset` are done and their offsets may be committed. */
  markHandled: (offset: string) => Promise<void>;
  /** False once this member lost the partition: the rest is left for the new owner. */
  owned: () => boolean;
}

/**
 * Hands a batch to a batch handler with the failure rules of BatchSubscribeOptions:
 * the whole batch up to maxAttempts times, then one event per call so that only
 * the events that still fail go to the DLQ. Shared by both adapters, like `deliver`.
 * Rejects only if a dead letter could not be written; what was marked handled by
 * then stays handled.
 */
export async function deliverBatch(b: BatchDelivery): Promise<void> {
  const last = b.messages.at(-1);
  if (!last) return;
  const decoded = b.messages.map((message): Decoded => {
    try {
      const envelope = decodeEnvelope(message.value);
      return {
        message,
        event: { topic: b.topic, partition: b.partition, offset: message.offset, envelope },
      };
    } catch (error) {
      return { message, event: null, decodeError: error };
    }
  });
  const events = decoded.flatMap((d) => (d.event ? [d.event] : []));

  // A batch of one is its own one-event retry: running it again alone would only
  // double its attempts.
  if (events.length > 1) {
    const failure = await withAttempts(b.maxAttempts, () => b.batchHandler(events));
    if (!failure) {
      for (const d of decoded) {
        if (!d.event)
          await b.deadLetter(letter(b, d.message, { attempts: 0, error: d.decodeError }));
      }
      await b.markHandled(last.offset);
      return;
    }
  }

  for (const { message, event, decodeError } of decoded) {
    if (!b.owned()) return;
    const failure = event
      ? await withAttempts(b.maxAttempts, () => b.batchHandler([event]))
      : { attempts: 0, error: decodeError };
    if (failure) await b.deadLetter(letter(b, message, failure));
    await b.markHandled(message.offset);
  }
}

interface Decoded {
  message: LoggedMessage;
  /** Null when the value is not an envelope; decodeError says why. */
  event: ConsumedEvent | null;
  decodeError?: unknown;
}

function letter(
  at: { topic: string; partition: number; groupId: string },
  message: LoggedMessage,
  failure: { attempts: number; error: unknown },
): DeadLetterRecord {
  return deadLetterEnvelope({
    topic: at.topic,
    partition: at.partition,
    offset: message.offset,
    groupId: at.groupId,
    attempts: failure.attempts,
    error: failure.error,
    key: message.key,
    value: message.value,
  });
}
