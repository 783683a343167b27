import { createEnvelope, deadLetterTopic, type DeadLetter, type EventEnvelope } from './envelope';
import type { ConsumedEvent, EventBus } from './event-bus.port';

export const DEAD_LETTER_EVENT_TYPE = 'mosaic.dead-letter';

/** A DLQ entry is itself an envelope, so the DLQ can be consumed like any topic. */
export function deadLetterEnvelope(
  failure: Omit<DeadLetter, 'error' | 'failedAt'> & { error: unknown; key: string },
): { topic: string; envelope: EventEnvelope<DeadLetter> } {
  const { key, error, ...rest } = failure;
  return {
    topic: deadLetterTopic(failure.topic),
    envelope: createEnvelope<DeadLetter>({
      type: DEAD_LETTER_EVENT_TYPE,
      source: failure.groupId,
      key,
      payload: { ...rest, error: errorSummary(error), failedAt: new Date().toISOString() },
    }),
  };
}

export function errorSummary(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}

/**
 * Sends consumed events a consumer rejected (not valid, not applicable) to
 * their topics' dead-letter topics, each with its reason, one publish per
 * topic. The batch's other events are the caller's to apply.
 */
export async function publishDeadLetters(
  bus: Pick<EventBus, 'publish'>,
  groupId: string,
  rejected: readonly { event: ConsumedEvent; error: Error }[],
): Promise<void> {
  const byTopic = new Map<string, EventEnvelope<DeadLetter>[]>();
  for (const { event, error } of rejected) {
    const letter = deadLetterEnvelope({
      topic: event.topic,
      partition: event.partition,
      offset: event.offset,
      groupId,
      attempts: 0,
      error,
      key: event.envelope.key,
      value: JSON.stringify(event.envelope),
    });
    byTopic.set(letter.topic, [...(byTopic.get(letter.topic) ?? []), letter.envelope]);
  }
  for (const [topic, envelopes] of byTopic) await bus.publish(topic, envelopes);
}
