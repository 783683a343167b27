import { InProcessEventBus } from '..';
import { describeEventBusContract } from './event-bus.contract';

describeEventBusContract('in-process (embedded mode)', {
  create: async () => new InProcessEventBus({ partitions: 4 }),
  deliveryTimeoutMs: 5_000,
});
