// kafkajs 2.2.4 against the real local Kafka broker (KRaft, see docs/adr/0002-kafka-broker.md).
//
// Needs a running broker: `infra/kafka/kafka.sh up` (or `npm run infra:up`), then
//   npx jest -c jest.infra.config.js libs/event-bus/src/__tests__/kafka-consumer-group.integration-spec.ts
// Broker list: env KAFKA_BROKERS (comma separated), default 127.0.0.1:9092.
// kafkajs logging: env KAFKAJS_LOG_LEVEL=ERROR|WARN|INFO|DEBUG (default: silent, because a fresh
// broker answers the first FindCoordinator with a retriable "coordinator not available").
//
// Every run uses its own topics and consumer groups (random suffix), so reruns never collide,
// and nothing waits a fixed time: each step polls for its condition with a deadline.
import { randomBytes } from 'node:crypto';
import { AssignerProtocol, Kafka, logLevel, Partitioners } from 'kafkajs';
import type { Admin, Consumer, ConsumerConfig, KafkaMessage, Producer } from 'kafkajs';

const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092')
  .split(',')
  .map((b) => b.trim())
  .filter((b) => b.length > 0);
const RUN_ID = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
const PARTITIONS = 4;
const ALL_PARTITIONS = Array.from({ length: PARTITIONS }, (_, p) => p);
const TEST_TIMEOUT_MS = 60_000;

const topics = {
  order: `mosaic-it-order-${RUN_ID}`,
  rebalance: `mosaic-it-rebalance-${RUN_ID}`,
  resume: `mosaic-it-resume-${RUN_ID}`,
};

function kafkajsLogLevel(): logLevel {
  const name = (process.env.KAFKAJS_LOG_LEVEL ?? 'NOTHING').toUpperCase();
  const levels: Record<string, logLevel> = {
    NOTHING: logLevel.NOTHING,
    ERROR: logLevel.ERROR,
    WARN: logLevel.WARN,
    INFO: logLevel.INFO,
    DEBUG: logLevel.DEBUG,
  };
  return levels[name] ?? logLevel.NOTHING;
}

const kafka = new Kafka({
  clientId: `mosaic-it-${RUN_ID}`,
  brokers: BROKERS,
  logLevel: kafkajsLogLevel(),
  retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 2_000 },
});

/** Polls `condition` every `intervalMs` until it holds; fails after `timeoutMs` with `describe()`. */
async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 30_000, intervalMs = 100, describe = (): string => '' } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() >= deadline) {
      const state = describe();
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${state ? `: ${state}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

const consumers: Consumer[] = [];
const producers: Producer[] = [];
let admin: Admin;

function newConsumer(groupId: string, extra: Partial<ConsumerConfig> = {}): Consumer {
  const consumer = kafka.consumer({
    groupId,
    // Short fetch waits and heartbeats so that rebalances are noticed within about a second.
    maxWaitTimeInMs: 250,
    heartbeatInterval: 500,
    sessionTimeout: 10_000,
    rebalanceTimeout: 20_000,
    ...extra,
  });
  consumers.push(consumer);
  return consumer;
}

async function newProducer(): Promise<Producer> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  producers.push(producer);
  await producer.connect();
  return producer;
}

function text(value: Buffer | null): string {
  return value === null ? '' : value.toString('utf8');
}

const sorted = (xs: Iterable<number>): number[] => [...xs].sort((a, b) => a - b);

beforeAll(async () => {
  admin = kafka.admin();
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `Kafka is not reachable at ${BROKERS.join(',')} (start it with \`infra/kafka/kafka.sh up\`): ${String(error)}`,
    );
  }
  const created = await admin.createTopics({
    waitForLeaders: true,
    topics: Object.values(topics).map((topic) => ({
      topic,
      numPartitions: PARTITIONS,
      replicationFactor: 1,
    })),
  });
  expect(created).toBe(true);
}, TEST_TIMEOUT_MS);

afterAll(async () => {
  await Promise.allSettled(consumers.map((c) => c.disconnect()));
  await Promise.allSettled(producers.map((p) => p.disconnect()));
  if (admin) {
    await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
    await admin.disconnect();
  }
}, TEST_TIMEOUT_MS);

describe('kafkajs 2.2.4 against the local Kafka broker', () => {
  it(
    'consumes every produced keyed message back, in order per key',
    async () => {
      const topic = topics.order;
      const KEYS = 8;
      const PER_KEY = 25;
      const total = KEYS * PER_KEY;

      // Interleaved keys, sent in several produce requests.
      const messages = [];
      for (let seq = 0; seq < PER_KEY; seq++) {
        for (let k = 0; k < KEYS; k++) {
          messages.push({ key: `key-${k}`, value: JSON.stringify({ key: `key-${k}`, seq }) });
        }
      }
      const producer = await newProducer();
      for (let i = 0; i < messages.length; i += 40) {
        await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 40) });
      }

      type Received = { partition: number; offset: string; key: string; seq: number };
      const received: Received[] = [];
      const consumer = newConsumer(`mosaic-it-order-${RUN_ID}`);
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          const body = JSON.parse(text(message.value)) as { key: string; seq: number };
          received.push({
            partition,
            offset: message.offset,
            key: text(message.key),
            seq: body.seq,
          });
        },
      });

      await waitFor(`${total} messages`, () => received.length >= total, {
        describe: () => `${received.length} received`,
      });
      await consumer.disconnect();

      expect(received).toHaveLength(total);
      expect(new Set(received.map((r) => `${r.partition}/${r.offset}`)).size).toBe(total);
      for (let k = 0; k < KEYS; k++) {
        const ofKey = received.filter((r) => r.key === `key-${k}`);
        // Same key, same partition, delivered in the order it was produced.
        expect(ofKey.map((r) => r.seq)).toEqual(Array.from({ length: PER_KEY }, (_, s) => s));
        expect(new Set(ofKey.map((r) => r.partition)).size).toBe(1);
      }
      // The keys really were spread over the topic's partitions.
      expect(new Set(received.map((r) => r.partition)).size).toBeGreaterThan(1);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'rebalances when a second member joins: disjoint, non-empty assignments covering all partitions',
    async () => {
      const topic = topics.rebalance;
      const groupId = `mosaic-it-rebalance-${RUN_ID}`;
      const joins: Record<'first' | 'second', number[][]> = { first: [], second: [] };
      const consumedBy: Record<'first' | 'second', Array<{ partition: number; value: string }>> = {
        first: [],
        second: [],
      };

      const start = async (name: 'first' | 'second'): Promise<Consumer> => {
        const consumer = newConsumer(groupId);
        consumer.on(consumer.events.GROUP_JOIN, (event) => {
          joins[name].push(sorted(event.payload.memberAssignment[topic] ?? []));
        });
        await consumer.connect();
        // The topic is empty and new, so fromBeginning only makes sure no message produced
        // after the rebalance is skipped by an offset reset to "latest".
        await consumer.subscribe({ topics: [topic], fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ partition, message }) => {
            consumedBy[name].push({ partition, value: text(message.value) });
          },
        });
        return consumer;
      };
      const latest = (name: 'first' | 'second'): number[] | undefined => joins[name].at(-1);
      const state = (): string => JSON.stringify(joins);

      await start('first');
      await waitFor(
        'the only member to own every partition',
        () => latest('first')?.length === PARTITIONS,
        {
          describe: state,
        },
      );
      const firstJoinsBefore = joins.first.length;

      await start('second');
      const balanced = (): boolean => {
        const a = latest('first') ?? [];
        const b = latest('second') ?? [];
        return (
          joins.first.length > firstJoinsBefore &&
          a.length > 0 &&
          b.length > 0 &&
          a.every((p) => !b.includes(p)) &&
          sorted([...a, ...b]).join() === ALL_PARTITIONS.join()
        );
      };
      await waitFor('both members to hold a rebalanced assignment', balanced, { describe: state });

      const first = latest('first') ?? [];
      const second = latest('second') ?? [];
      expect(joins.first.length).toBeGreaterThan(firstJoinsBefore); // the first member re-joined
      expect(first.length).toBeGreaterThan(0);
      expect(second.length).toBeGreaterThan(0);
      expect(first.filter((p) => second.includes(p))).toEqual([]);
      expect(sorted([...first, ...second])).toEqual(ALL_PARTITIONS);

      // The broker's view of the group agrees once it is stable.
      await waitFor(
        'the group to be Stable with 2 members',
        async () => {
          const [group] = (await admin.describeGroups([groupId])).groups;
          return group?.state === 'Stable' && group.members.length === 2;
        },
        { intervalMs: 200 },
      );
      const [group] = (await admin.describeGroups([groupId])).groups;
      const brokerView = group.members.map((member) => {
        const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
        return sorted(decoded?.assignment[topic] ?? []);
      });
      expect(brokerView.map((ps) => ps.join()).sort()).toEqual(
        [first.join(), second.join()].sort(),
      );

      // And the assignment is real: a message on partition p reaches the member that owns p.
      const producer = await newProducer();
      await producer.send({
        topic,
        acks: -1,
        messages: ALL_PARTITIONS.map((partition) => ({ partition, value: `to-${partition}` })),
      });
      await waitFor(
        'one message per partition to be consumed',
        () => consumedBy.first.length + consumedBy.second.length >= PARTITIONS,
        { describe: () => JSON.stringify(consumedBy) },
      );
      expect(sorted(consumedBy.first.map((m) => m.partition))).toEqual(first);
      expect(sorted(consumedBy.second.map((m) => m.partition))).toEqual(second);
      for (const m of [...consumedBy.first, ...consumedBy.second]) {
        expect(m.value).toBe(`to-${m.partition}`);
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'resumes from the committed offsets when a consumer of the same group reconnects',
    async () => {
      const topic = topics.resume;
      const groupId = `mosaic-it-resume-${RUN_ID}`;
      const OLD_PER_PARTITION = 5;
      const NEW_PER_PARTITION = 3;
      const producer = await newProducer();
      // Explicit partitions: every partition gets old and new messages, so per-partition
      // ordering makes "no old message after the new ones arrived" a complete check.
      const batch = (label: string, perPartition: number) =>
        ALL_PARTITIONS.flatMap((partition) =>
          Array.from({ length: perPartition }, (_, i) => ({
            partition,
            key: `p${partition}`,
            value: `${label}-${partition}-${i}`,
          })),
        );

      await producer.send({ topic, acks: -1, messages: batch('old', OLD_PER_PARTITION) });

      // 1. First consumer reads everything and commits explicitly (no auto-commit).
      const firstSeen: Array<{ partition: number; message: KafkaMessage }> = [];
      const first = newConsumer(groupId);
      await first.connect();
      await first.subscribe({ topics: [topic], fromBeginning: true });
      await first.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          firstSeen.push({ partition, message });
        },
      });
      const oldTotal = PARTITIONS * OLD_PER_PARTITION;
      await waitFor(`${oldTotal} old messages`, () => firstSeen.length >= oldTotal, {
        describe: () => `${firstSeen.length} received`,
      });
      expect(firstSeen.every(({ message }) => text(message.value).startsWith('old-'))).toBe(true);

      const nextOffsets = ALL_PARTITIONS.map((partition) => {
        const offsets = firstSeen
          .filter((s) => s.partition === partition)
          .map((s) => Number(s.message.offset));
        return { topic, partition, offset: String(Math.max(...offsets) + 1) };
      });
      await first.commitOffsets(nextOffsets);

      // The broker stored exactly those offsets, which are the partitions' ends.
      const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
      const committedByPartition = Object.fromEntries(
        committed[0].partitions.map((p) => [p.partition, p.offset]),
      );
      const ends = Object.fromEntries(
        (await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high]),
      );
      for (const { partition, offset } of nextOffsets) {
        expect(committedByPartition[partition]).toBe(offset);
        expect(ends[partition]).toBe(String(OLD_PER_PARTITION));
      }
      await first.disconnect();

      // 2. New messages while nobody in the group is connected.
      await producer.send({ topic, acks: -1, messages: batch('new', NEW_PER_PARTITION) });

      // 3. A new member of the same group. fromBeginning would replay the old messages if the
      //    committed offsets were ignored; starting at "latest" would miss the new ones.
      const secondSeen: Array<{ partition: number; offset: string; value: string }> = [];
      const second = newConsumer(groupId);
      await second.connect();
      await second.subscribe({ topics: [topic], fromBeginning: true });
      await second.run({
        eachMessage: async ({ partition, message }) => {
          secondSeen.push({ partition, offset: message.offset, value: text(message.value) });
        },
      });
      const newTotal = PARTITIONS * NEW_PER_PARTITION;
      await waitFor(`${newTotal} new messages`, () => secondSeen.length >= newTotal, {
        describe: () => JSON.stringify(secondSeen.map((s) => s.value)),
      });
      await second.disconnect();

      expect(secondSeen.filter((s) => !s.value.startsWith('new-'))).toEqual([]);
      expect(secondSeen).toHaveLength(newTotal);
      expect(sorted(new Set(secondSeen.map((s) => s.partition)))).toEqual(ALL_PARTITIONS);
      for (const partition of ALL_PARTITIONS) {
        const ofPartition = secondSeen.filter((s) => s.partition === partition);
        expect(ofPartition.map((s) => s.value)).toEqual(
          Array.from({ length: NEW_PER_PARTITION }, (_, i) => `new-${partition}-${i}`),
        );
        // The first offset read is the committed one.
        expect(ofPartition[0]?.offset).toBe(committedByPartition[partition]);
      }
    },
    TEST_TIMEOUT_MS,
  );
});
