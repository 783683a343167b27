import { createEnvelope, InProcessEventBus } from '..';
import { describeEventBusContract, waitFor } from './event-bus.contract';

describeEventBusContract('in-process (embedded mode)', {
  create: async () => new InProcessEventBus({ partitions: 4 }),
  deliveryTimeoutMs: 5_000,
});

describe('in-process retention', () => {
  it('gives a late group at least the retained tail of the log, in order', async () => {
    const bus = new InProcessEventBus({ partitions: 1, retainPerPartition: 10 });
    const published = Array.from({ length: 30 }, (_, n) =>
      createEnvelope({ type: 'test.happened', source: 'retention', key: 'k', payload: { n } }),
    );
    await bus.publish('retention.v1', published);
    const seen: number[] = [];
    await bus.subscribe({
      groupId: 'late',
      topics: ['retention.v1'],
      handler: async (e) => {
        seen.push((e.envelope.payload as { n: number }).n);
      },
    });
    await waitFor(() => seen.includes(29), 5_000, 'the newest event');
    expect(seen.length).toBeGreaterThanOrEqual(10);
    expect(seen.length).toBeLessThan(30);
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => 30 - seen.length + i));
    await bus.close();
  });
});
