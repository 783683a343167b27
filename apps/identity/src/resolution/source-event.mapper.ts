import { DEFAULT_CANDIDATE_DIMENSIONS } from '@mosaic/candidate-index';
import type { ConsumedEvent } from '@mosaic/event-bus';
import { eventSchemas, type EventSchemas } from '@mosaic/outbox';
import { recordFromEvent, type ResolutionRecord } from '@mosaic/resolution';

/** A source event the resolver cannot take, and why. */
export class UnresolvableEventError extends Error {
  readonly code = 'UNRESOLVABLE_EVENT';
  constructor(
    readonly topic: string,
    reason: string,
  ) {
    super(`event on ${topic} cannot be resolved: ${reason}`);
    this.name = 'UnresolvableEventError';
  }
}

export type MappedEvent =
  | { kind: 'record'; eventId: string; topic: string; record: ResolutionRecord }
  | { kind: 'rejected'; event: ConsumedEvent; error: Error };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkTemplate(topic: string, field: string, template: Float32Array, dimensions: number) {
  if (template.length !== dimensions) {
    throw new UnresolvableEventError(
      topic,
      `${field} has ${template.length} dimensions, expected ${dimensions}`,
    );
  }
  let sum = 0;
  for (const x of template) {
    if (!Number.isFinite(x)) {
      throw new UnresolvableEventError(topic, `${field} holds a non-finite value`);
    }
    sum += x * x;
  }
  if (Math.abs(Math.sqrt(sum) - 1) > 1e-3) {
    throw new UnresolvableEventError(topic, `${field} is not unit-norm`);
  }
}

/**
 * Source event → resolution record, or the reason it is not one. The payload
 * is checked against its topic's committed JSON Schema (as the producer did),
 * and the templates against what the matchers need, which a JSON Schema
 * cannot say: the right length, finite, unit norm. A rejected event goes to
 * the dead-letter topic instead of failing the batch it came in.
 */
export class SourceEventMapper {
  constructor(private readonly schemas: EventSchemas = eventSchemas()) {}

  map(event: ConsumedEvent): MappedEvent {
    try {
      const { envelope } = event;
      if (!UUID.test(envelope.eventId)) {
        throw new UnresolvableEventError(event.topic, `eventId ${envelope.eventId} is not a UUID`);
      }
      this.schemas.validate(event.topic, envelope.payload);
      const record = recordFromEvent(event.topic, envelope.payload);
      if (record.face) {
        checkTemplate(event.topic, 'face', record.face.template, DEFAULT_CANDIDATE_DIMENSIONS.face);
      }
      const positions = new Set<number>();
      for (const finger of record.fingers) {
        if (positions.has(finger.position)) {
          throw new UnresolvableEventError(event.topic, `finger ${finger.position} appears twice`);
        }
        positions.add(finger.position);
        checkTemplate(
          event.topic,
          `finger ${finger.position}`,
          finger.template,
          DEFAULT_CANDIDATE_DIMENSIONS.finger,
        );
      }
      return { kind: 'record', eventId: envelope.eventId, topic: event.topic, record };
    } catch (error) {
      return {
        kind: 'rejected',
        event,
        error:
          error instanceof Error ? error : new UnresolvableEventError(event.topic, String(error)),
      };
    }
  }
}
