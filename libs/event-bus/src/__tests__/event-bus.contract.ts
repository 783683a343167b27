import {
  createEnvelope,
  DEAD_LETTER_EVENT_TYPE,
  deadLetterTopic,
  type ConsumedEvent,
  type DeadLetter,
  type EventBus,
  type EventEnvelope,
  InvalidSubscriptionError,
  type SubscribeOptions,
  type Subscription,
} from '..';

/** Polls a condition until it holds or the deadline passes (no fixed sleeps). */
export async function waitFor(
  condition: () => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface EventBusContractTarget {
  create: () => Promise<EventBus>;
  /** How long delivery may take on this adapter (group joins on Kafka take seconds). */
  deliveryTimeoutMs: number;
}

let sequence = 0;
const uniqueName = (prefix: string) =>
  `${prefix}.${Date.now().toString(36)}${(sequence++).toString(36)}.v1`;

function events(topicKeys: string[], perKey: number): EventEnvelope<{ n: number }>[] {
  const out: EventEnvelope<{ n: number }>[] = [];
  for (let n = 0; n < perKey; n++) {
    for (const key of topicKeys) {
      out.push(createEnvelope({ type: 'test.happened', source: 'contract', key, payload: { n } }));
    }
  }
  return out;
}

/**
 * What every service relies on from the event bus, whichever adapter runs it
 * (DESIGN.md "Events"): each group sees every event, per-key order holds, a
 * group's members share the work without double handling, committed progress
 * survives a restart, and poison events go to the DLQ with their error. The same
 * holds for batch handlers, whose failing batches are retried and then split.
 */
export function describeEventBusContract(name: string, target: EventBusContractTarget): void {
  describe(`event bus contract: ${name}`, () => {
    let bus: EventBus;
    const subscriptions: Subscription[] = [];
    const timeout = target.deliveryTimeoutMs;

    beforeEach(async () => {
      bus = await target.create();
    });

    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((s) => s.close()));
      await bus.close();
    });

    async function collect(
      topic: string,
      groupId: string,
      into: ConsumedEvent[],
    ): Promise<Subscription> {
      const sub = await bus.subscribe({
        groupId,
        topics: [topic],
        handler: async (e) => {
          into.push(e);
        },
      });
      subscriptions.push(sub);
      return sub;
    }

    it('delivers every event with its envelope intact, in order per key', async () => {
      const topic = uniqueName('contract.order');
      const published = events(['p-1', 'p-2', 'p-3', 'p-4', 'p-5'], 20);
      await bus.publish(topic, published);
      const seen: ConsumedEvent[] = [];
      await collect(topic, uniqueName('g'), seen);
      await waitFor(() => seen.length >= published.length, timeout, 'all events');

      expect(new Set(seen.map((e) => e.envelope.eventId))).toEqual(
        new Set(published.map((e) => e.eventId)),
      );
      expect(seen[0]!.envelope).toEqual(
        published.find((e) => e.eventId === seen[0]!.envelope.eventId),
      );
      for (const key of ['p-1', 'p-2', 'p-3', 'p-4', 'p-5']) {
        const order = seen
          .filter((e) => e.envelope.key === key)
          .map((e) => (e.envelope.payload as { n: number }).n);
        expect(order).toEqual([...Array(20).keys()]);
      }
    });

    it('accepts one publish of many large events (several MB, like a batch of fingerprint enrollments)', async () => {
      const topic = uniqueName('contract.large');
      const blob = 'A'.repeat(20_000);
      const published = Array.from({ length: 300 }, (_, n) =>
        createEnvelope({
          type: 'test.large',
          source: 'contract',
          key: `k-${n % 7}`,
          payload: { n, blob },
        }),
      );
      await bus.publish(topic, published);
      const seen: ConsumedEvent[] = [];
      await collect(topic, uniqueName('g'), seen);
      await waitFor(() => seen.length >= published.length, timeout, 'all large events');
      expect(new Set(seen.map((e) => e.envelope.eventId)).size).toBe(300);
      const order = seen
        .filter((e) => e.envelope.key === 'k-3')
        .map((e) => (e.envelope.payload as { n: number }).n);
      expect(order).toEqual(published.filter((e) => e.key === 'k-3').map((e) => e.payload.n));
    });

    it('answers a health ping while open and refuses work once closed', async () => {
      await expect(bus.ping()).resolves.toBeUndefined();
      await bus.close();
      await expect(bus.ping()).rejects.toThrow(/closed/);
      await expect(bus.publish(uniqueName('contract.closed'), events(['k'], 1))).rejects.toThrow(
        /closed/,
      );
    });

    it('gives every group its own copy of the stream', async () => {
      const topic = uniqueName('contract.groups');
      const a: ConsumedEvent[] = [];
      const b: ConsumedEvent[] = [];
      await collect(topic, uniqueName('ga'), a);
      await collect(topic, uniqueName('gb'), b);
      await bus.publish(topic, events(['k1', 'k2'], 5));
      await waitFor(() => a.length >= 10 && b.length >= 10, timeout, 'both groups');
      expect(a).toHaveLength(10);
      expect(b).toHaveLength(10);
    });

    it('shares a group between its members without handling an event twice', async () => {
      const topic = uniqueName('contract.members');
      const group = uniqueName('gm');
      const first: ConsumedEvent[] = [];
      const second: ConsumedEvent[] = [];
      await collect(topic, group, first);
      await collect(topic, group, second);
      // Publish in rounds until both members have work: on Kafka the second
      // member only gets partitions once the group has rebalanced.
      const keys = Array.from({ length: 16 }, (_, i) => `member-key-${i}`);
      let published = 0;
      const deadline = Date.now() + timeout;
      while (!(first.length > 0 && second.length > 0) && Date.now() < deadline) {
        const batch = events(keys, 1);
        await bus.publish(topic, batch);
        published += batch.length;
        await waitFor(
          () => first.length + second.length >= published,
          timeout,
          'a round of events',
        );
      }
      expect(first.length).toBeGreaterThan(0);
      expect(second.length).toBeGreaterThan(0);
      const handled = [...first, ...second].map((e) => e.envelope.eventId);
      expect(new Set(handled).size).toBe(published);
      expect(handled).toHaveLength(published);
    });

    it('resumes a group from its committed offsets after a restart', async () => {
      const topic = uniqueName('contract.resume');
      const group = uniqueName('gr');
      const before: ConsumedEvent[] = [];
      const sub = await collect(topic, group, before);
      const early = events(['r'], 5);
      await bus.publish(topic, early);
      await waitFor(() => before.length >= 5, timeout, 'the first batch');
      await sub.close();
      subscriptions.splice(subscriptions.indexOf(sub), 1);

      const late = events(['r'], 3);
      await bus.publish(topic, late);
      const after: ConsumedEvent[] = [];
      await collect(topic, group, after);
      await waitFor(() => after.length >= 3, timeout, 'the second batch');
      expect(after.map((e) => e.envelope.eventId)).toEqual(late.map((e) => e.eventId));
    });

    it('sends a poison event to the DLQ with its error and carries on', async () => {
      const topic = uniqueName('contract.poison');
      const handled: string[] = [];
      let attemptsOnPoison = 0;
      const sub = await bus.subscribe({
        groupId: uniqueName('gp'),
        topics: [topic],
        maxAttempts: 2,
        handler: async (e) => {
          if ((e.envelope.payload as { poison?: boolean }).poison) {
            attemptsOnPoison++;
            throw new Error('payload rejected: field "dateOfBirth" is not a date');
          }
          handled.push(e.envelope.eventId);
        },
      });
      subscriptions.push(sub);
      const dead: ConsumedEvent[] = [];
      await collect(deadLetterTopic(topic), uniqueName('gd'), dead);

      const poison = createEnvelope({
        type: 'test.happened',
        source: 'contract',
        key: 'same',
        payload: { poison: true },
      });
      const good = createEnvelope({
        type: 'test.happened',
        source: 'contract',
        key: 'same',
        payload: { poison: false },
      });
      await bus.publish(topic, [poison, good]);

      await waitFor(
        () => handled.length >= 1 && dead.length >= 1,
        timeout,
        'the DLQ entry and the next event',
      );
      expect(handled).toEqual([good.eventId]);
      expect(attemptsOnPoison).toBe(2);
      expect(dead[0]!.envelope.type).toBe(DEAD_LETTER_EVENT_TYPE);
      const letter = dead[0]!.envelope.payload as DeadLetter;
      expect(letter.topic).toBe(topic);
      expect(letter.attempts).toBe(2);
      expect(letter.error.message).toContain('dateOfBirth');
      expect(JSON.parse(letter.value).eventId).toBe(poison.eventId);
    });

    describe('batch handlers', () => {
      const idsOf = (batch: readonly { eventId: string }[]) => batch.map((e) => e.eventId);
      const envelopes = (batch: readonly ConsumedEvent[]) => batch.map((e) => e.envelope);
      const event = (key: string, payload: Record<string, unknown>) =>
        createEnvelope({ type: 'test.happened', source: 'contract', key, payload });

      async function collectBatches(
        topic: string,
        groupId: string,
        into: ConsumedEvent[][],
        maxBatchSize: number,
      ): Promise<Subscription> {
        const sub = await bus.subscribe({
          groupId,
          topics: [topic],
          maxBatchSize,
          batchHandler: async (batch) => {
            into.push(batch);
          },
        });
        subscriptions.push(sub);
        return sub;
      }

      it('refuses a subscription without exactly one of handler and batchHandler', async () => {
        const base = { groupId: uniqueName('gv'), topics: [uniqueName('contract.invalid')] };
        const handler = async () => undefined;
        for (const options of [
          base,
          { ...base, handler, batchHandler: handler },
          { ...base, batchHandler: handler, maxBatchSize: 0 },
        ]) {
          await expect(bus.subscribe(options as SubscribeOptions)).rejects.toThrow(
            InvalidSubscriptionError,
          );
        }
        await expect(bus.subscribe(base as SubscribeOptions)).rejects.toMatchObject({
          code: 'INVALID_SUBSCRIPTION',
          message: expect.stringContaining('exactly one of handler and batchHandler'),
        });
      });

      it('hands over batches of at most maxBatchSize events of one partition, in offset order', async () => {
        const topic = uniqueName('contract.batches');
        const keys = ['b-1', 'b-2', 'b-3', 'b-4', 'b-5'];
        const published = events(keys, 40);
        await bus.publish(topic, published);
        const batches: ConsumedEvent[][] = [];
        await collectBatches(topic, uniqueName('gb'), batches, 16);
        await waitFor(
          () => batches.flat().length >= published.length,
          timeout,
          'every event in a batch',
        );

        const seen = batches.flat();
        expect(new Set(idsOf(envelopes(seen)))).toEqual(new Set(idsOf(published)));
        expect(Math.max(...batches.map((b) => b.length))).toBeGreaterThan(1);
        const offsetsByPartition = new Map<number, number[]>();
        for (const batch of batches) {
          expect(batch.length).toBeGreaterThan(0);
          expect(batch.length).toBeLessThanOrEqual(16);
          expect(new Set(batch.map((e) => e.partition)).size).toBe(1);
          const offsets = offsetsByPartition.get(batch[0]!.partition) ?? [];
          offsets.push(...batch.map((e) => Number(e.offset)));
          offsetsByPartition.set(batch[0]!.partition, offsets);
        }
        for (const offsets of offsetsByPartition.values()) {
          expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
          expect(new Set(offsets).size).toBe(offsets.length);
        }
        for (const key of keys) {
          const order = seen
            .filter((e) => e.envelope.key === key)
            .map((e) => (e.envelope.payload as { n: number }).n);
          expect(order).toEqual([...Array(40).keys()]);
        }
      });

      it('delivers every event at least once and commits, so a restarted group moves on', async () => {
        const topic = uniqueName('contract.batch-resume');
        const group = uniqueName('gbr');
        const early = events(['r-1', 'r-2', 'r-3'], 10);
        await bus.publish(topic, early);
        const before: ConsumedEvent[][] = [];
        const sub = await collectBatches(topic, group, before, 8);
        const earlyIds = new Set(idsOf(early));
        await waitFor(
          () => new Set(idsOf(envelopes(before.flat()))).size >= earlyIds.size,
          timeout,
          'the early events',
        );
        await sub.close();
        subscriptions.splice(subscriptions.indexOf(sub), 1);
        expect(new Set(idsOf(envelopes(before.flat())))).toEqual(earlyIds);

        const late = events(['r-1', 'r-2', 'r-3'], 4);
        await bus.publish(topic, late);
        const after: ConsumedEvent[][] = [];
        await collectBatches(topic, group, after, 8);
        await waitFor(() => after.flat().length >= late.length, timeout, 'the late events');
        expect(new Set(idsOf(envelopes(after.flat())))).toEqual(new Set(idsOf(late)));
      });

      it('retries a failing batch as a whole, then hands it over once it succeeds', async () => {
        const topic = uniqueName('contract.batch-retry');
        const published = Array.from({ length: 12 }, (_, n) => event('retry', { n }));
        await bus.publish(topic, published);
        const calls: string[][] = [];
        const handled: string[] = [];
        const sub = await bus.subscribe({
          groupId: uniqueName('gbt'),
          topics: [topic],
          maxAttempts: 3,
          batchHandler: async (batch) => {
            calls.push(idsOf(envelopes(batch)));
            if (calls.length === 1) throw new Error('connection terminated: database restarting');
            handled.push(...idsOf(envelopes(batch)));
          },
        });
        subscriptions.push(sub);
        await waitFor(() => handled.length >= published.length, timeout, 'the retried batch');

        expect(calls[0]!.length).toBeGreaterThan(1);
        expect(calls[1]).toEqual(calls[0]);
        expect(handled).toEqual(idsOf(published));
      });

      it('sends a poison event of a batch to the DLQ with its error and still handles the good ones', async () => {
        const topic = uniqueName('contract.batch-poison');
        const [g1, g2, poison, g3, g4] = [
          event('same', { n: 1 }),
          event('same', { n: 2 }),
          event('same', { poison: true }),
          event('same', { n: 3 }),
          event('same', { n: 4 }),
        ];
        const published = [g1!, g2!, poison!, g3!, g4!];
        await bus.publish(topic, published);
        const calls: string[][] = [];
        const handled: string[] = [];
        const sub = await bus.subscribe({
          groupId: uniqueName('gbp'),
          topics: [topic],
          maxAttempts: 2,
          maxBatchSize: 10,
          batchHandler: async (batch) => {
            calls.push(idsOf(envelopes(batch)));
            // As a transactional handler would: one bad event fails the whole batch.
            if (batch.some((e) => (e.envelope.payload as { poison?: boolean }).poison)) {
              throw new Error('payload rejected: field "dateOfBirth" is not a date');
            }
            handled.push(...idsOf(envelopes(batch)));
          },
        });
        subscriptions.push(sub);
        const dead: ConsumedEvent[] = [];
        await collect(deadLetterTopic(topic), uniqueName('gbd'), dead);

        await waitFor(
          () => handled.length >= 4 && dead.length >= 1,
          timeout,
          'the DLQ entry and the good events',
        );
        expect(handled).toEqual(idsOf([g1!, g2!, g3!, g4!]));
        // Two attempts of the batch, then one event per call, two attempts each.
        const all = idsOf(published);
        expect(calls).toEqual([
          all,
          all,
          [g1!.eventId],
          [g2!.eventId],
          [poison!.eventId],
          [poison!.eventId],
          [g3!.eventId],
          [g4!.eventId],
        ]);
        expect(dead).toHaveLength(1);
        expect(dead[0]!.envelope.type).toBe(DEAD_LETTER_EVENT_TYPE);
        const letter = dead[0]!.envelope.payload as DeadLetter;
        expect(letter.topic).toBe(topic);
        expect(letter.attempts).toBe(2);
        expect(letter.error.message).toContain('dateOfBirth');
        expect(JSON.parse(letter.value).eventId).toBe(poison!.eventId);
      });

      it('shares a group between members with batch handlers without losing an event', async () => {
        const topic = uniqueName('contract.batch-members');
        const group = uniqueName('gbm');
        const first: ConsumedEvent[][] = [];
        const second: ConsumedEvent[][] = [];
        await collectBatches(topic, group, first, 8);
        await collectBatches(topic, group, second, 8);
        const handled = () => [...first.flat(), ...second.flat()];
        // As for single events: publish in rounds until the rebalance gave both members work.
        const keys = Array.from({ length: 16 }, (_, i) => `batch-member-key-${i}`);
        const published = new Set<string>();
        const deadline = Date.now() + timeout;
        while (!(first.length > 0 && second.length > 0) && Date.now() < deadline) {
          const round = events(keys, 3);
          await bus.publish(topic, round);
          idsOf(round).forEach((id) => published.add(id));
          await waitFor(
            () => [...published].every((id) => handledIds().has(id)),
            timeout,
            'a round of events',
          );
        }
        function handledIds(): Set<string> {
          return new Set(idsOf(envelopes(handled())));
        }
        expect(first.length).toBeGreaterThan(0);
        expect(second.length).toBeGreaterThan(0);
        // At-least-once: a rebalance may hand a batch over again, but none is lost.
        expect(handledIds()).toEqual(published);
        for (const batch of [...first, ...second]) {
          expect(batch.length).toBeLessThanOrEqual(8);
          expect(new Set(batch.map((e) => e.partition)).size).toBe(1);
        }
      });
    });
  });
}
