import { createEnvelope, type ConsumedEvent, type DeadLetter } from '..';
import { deliverBatch, type BatchDelivery, type DeadLetterRecord } from '../delivery';

// What the adapters cannot be made to carry through `publish`: values that are not envelopes.
describe('deliverBatch', () => {
  const message = (offset: number, value: string) => ({ offset: String(offset), key: 'k', value });
  const good = (n: number) =>
    JSON.stringify(
      createEnvelope({ type: 'test.happened', source: 'spec', key: 'k', payload: { n } }),
    );

  function run(overrides: Partial<BatchDelivery> & Pick<BatchDelivery, 'messages'>) {
    const calls: number[][] = [];
    const letters: DeadLetterRecord[] = [];
    const marked: string[] = [];
    const done = deliverBatch({
      topic: 'spec.v1',
      partition: 2,
      groupId: 'spec',
      maxAttempts: 2,
      batchHandler: async (events: ConsumedEvent[]) => {
        calls.push(events.map((e) => Number(e.offset)));
      },
      deadLetter: async (record) => void letters.push(record),
      markHandled: async (offset) => void marked.push(offset),
      owned: () => true,
      ...overrides,
    });
    return { done, calls, letters, marked };
  }

  it('hands the decodable events over as one batch and sends an undecodable value to the DLQ unretried', async () => {
    const { done, calls, letters, marked } = run({
      messages: [message(10, good(1)), message(11, 'not json'), message(12, good(2))],
    });
    await done;
    expect(calls).toEqual([[10, 12]]);
    expect(letters).toHaveLength(1);
    expect(letters[0]!.topic).toBe('spec.v1.dlq');
    const letter = letters[0]!.envelope.payload as DeadLetter;
    expect(letter).toMatchObject({ offset: '11', partition: 2, attempts: 0, value: 'not json' });
    expect(letter.error.message).toContain('not JSON');
    expect(marked).toEqual(['12']);
  });

  it('does not mark a batch handled when its dead letter cannot be written', async () => {
    const { done, marked } = run({
      messages: [message(0, good(1)), message(1, good(2)), message(2, '{}')],
      deadLetter: async () => {
        throw new Error('broker unavailable');
      },
    });
    await expect(done).rejects.toThrow('broker unavailable');
    expect(marked).toEqual([]);
  });

  it('leaves the rest of a failed batch to the next owner once the partition is taken away', async () => {
    let owned = true;
    const { done, calls, marked } = run({
      messages: [message(0, good(1)), message(1, good(2)), message(2, good(3))],
      batchHandler: async (events) => {
        if (events.length > 1) throw new Error('batch rejected');
      },
      markHandled: async (offset) => {
        marked.push(offset);
        owned = false;
      },
      owned: () => owned,
    });
    await done;
    expect(calls).toEqual([]);
    expect(marked).toEqual(['0']);
  });

  it('tries a batch of one event only maxAttempts times before its dead letter', async () => {
    let attempts = 0;
    const { done, letters, marked } = run({
      messages: [message(5, good(1))],
      batchHandler: async () => {
        attempts++;
        throw new Error('always fails');
      },
    });
    await done;
    expect(attempts).toBe(2);
    expect((letters[0]!.envelope.payload as DeadLetter).attempts).toBe(2);
    expect(marked).toEqual(['5']);
  });
});
