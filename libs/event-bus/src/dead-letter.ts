import { createEnvelope, deadLetterTopic, type DeadLetter, type EventEnvelope } from './envelope';

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
