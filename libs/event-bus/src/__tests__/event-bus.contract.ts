import {
  createEnvelope,
  DEAD_LETTER_EVENT_TYPE,
  deadLetterTopic,
  type ConsumedEvent,
  type DeadLetter,
  type EventBus,
  type EventEnvelope,
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
 * survives a restart, and poison events go to the DLQ with their error.
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
  });
}
