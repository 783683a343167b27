import { InProcessEventBus } from '@mosaic/event-bus';
import { describeEventBusContract } from './event-bus.contract';

describeEventBusContract('in-process (embedded mode)', {
  create: async () => new InProcessEventBus({ partitions: 4 }),
  deliveryTimeoutMs: 5_000,
});
