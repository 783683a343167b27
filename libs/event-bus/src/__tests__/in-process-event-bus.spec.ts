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

describe('in-process delivery while publishing', () => {
  it('keeps the event loop turning when events arrive on a topic that is being delivered', async () => {
    const bus = new InProcessEventBus({ partitions: 4 });
    const seen: string[] = [];
    await bus.subscribe({
      groupId: 'g',
      topics: ['busy.v1'],
      handler: async (e) => void seen.push(e.envelope.key),
    });
    const event = (key: string) =>
      createEnvelope({ type: 'test.happened', source: 'busy', key, payload: {} });
    for (let i = 0; i < 6; i++) {
      await bus.publish('busy.v1', [event(`a${i}`), event(`b${i}`)]);
      await bus.publish('busy.v1', [event(`c${i}`), event(`d${i}`)]);
    }
    // A timer firing at all proves delivery is not spinning on microtasks.
    const timerFired = await new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 20));
    expect(timerFired).toBe(true);
    await waitFor(() => seen.length === 24, 5_000, 'all 24 events');
    await bus.close();
  });
});
