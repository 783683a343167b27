import type { EventBusConfig } from '@mosaic/config';
import { InProcessEventBus, KafkaEventBus, type EventBus } from '@mosaic/event-bus';
import { kafkaLogCreator } from './observability/logging';

/**
 * In embedded mode every service runs in one process and must share one
 * in-process bus, or events would never cross from a source to identity.
 */
let embeddedBus: InProcessEventBus | null = null;

export function eventBusFor(config: EventBusConfig): EventBus {
  if (config.kind === 'kafka') {
    return new KafkaEventBus({
      brokers: config.brokers,
      clientId: config.clientId,
      logCreator: kafkaLogCreator(),
    });
  }
  embeddedBus ??= new InProcessEventBus();
  return embeddedBus;
}

/** Closes the shared embedded bus (end of an embedded run or of a test). */
export async function closeEmbeddedBus(): Promise<void> {
  const bus = embeddedBus;
  embeddedBus = null;
  await bus?.close();
}
