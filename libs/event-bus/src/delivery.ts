import { deadLetterEnvelope } from './dead-letter';
import type { DeadLetter, EventEnvelope } from './envelope';
import { decodeEnvelope, type ConsumedEvent } from './event-bus.port';

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

/**
 * Decodes one message and hands it to the handler, retrying up to maxAttempts.
 * Returns the dead letter to publish when it could not be handled (undecodable
 * values are not retried), or null when the handler succeeded. Both adapters
 * share this so the DLQ means the same thing on either.
 */
export async function deliver(
  d: Delivery,
): Promise<{ topic: string; envelope: EventEnvelope<DeadLetter> } | null> {
  let lastError: unknown;
  let attempts = 0;
  try {
    const envelope = decodeEnvelope(d.value);
    while (attempts < d.maxAttempts) {
      attempts++;
      try {
        await d.handler({ topic: d.topic, partition: d.partition, offset: d.offset, envelope });
        return null;
      } catch (error) {
        lastError = error;
      }
    }
  } catch (decodeError) {
    lastError = decodeError;
  }
  return deadLetterEnvelope({
    topic: d.topic,
    partition: d.partition,
    offset: d.offset,
    groupId: d.groupId,
    attempts,
    error: lastError,
    key: d.key,
    value: d.value,
  });
}
