import type { EventBusConfig } from '@mosaic/config';
import type { EventBus } from './event-bus.port';
import { InProcessEventBus } from './in-process-event-bus';
import { KafkaEventBus } from './kafka-event-bus';

export function createEventBus(config: EventBusConfig): EventBus {
  return config.kind === 'kafka'
    ? new KafkaEventBus({ brokers: config.brokers, clientId: config.clientId })
    : new InProcessEventBus();
}
