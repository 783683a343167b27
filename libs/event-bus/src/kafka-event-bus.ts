import {
  Kafka,
  logLevel as KafkaLogLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type logCreator,
  type ConsumerRunConfig,
  type Producer,
} from 'kafkajs';
import { deliver, deliverBatch } from './delivery';
import { deadLetterTopic, type EventEnvelope } from './envelope';
import {
  DeadLetterCounter,
  resolveSubscription,
  type ConsumerLag,
  type DeadLetterCount,
  type EventBus,
  type EventBusStats,
  type ResolvedSubscription,
  type SubscribeOptions,
  type Subscription,
} from './event-bus.port';

export interface KafkaEventBusOptions {
  brokers: string[];
  clientId: string;
  /** Partitions for topics this bus creates (default 4). */
  partitions?: number;
  logLevel?: KafkaLogLevel;
  /** Where kafkajs' own messages go (default: kafkajs' console logger). */
  logCreator?: logCreator;
}

/** Payload bytes per produce request: under the broker's default 1 MiB batch limit. */
const MAX_REQUEST_BYTES = 768 * 1024;

/** The most one fetch brings back over all partitions (kafkajs' default `maxBytes`). */
const BATCH_FETCH_BYTES = 10 * 1024 * 1024;

/**
 * The infra-mode event bus on Apache Kafka through kafkajs. Keys pick the
 * partition (murmur2, as the Java client), so per-key order holds; offsets are
 * committed only after the handler or the DLQ write succeeded (at-least-once).
 * A batch handler gets a fetch's messages for one partition (kafkajs eachBatch),
 * cut into slices of maxBatchSize.
 */
export class KafkaEventBus implements EventBus, EventBusStats {
  private readonly kafka: Kafka;
  private readonly partitions: number;
  private readonly consumers = new Set<Consumer>();
  private readonly knownTopics = new Set<string>();
  private readonly deadLetters = new DeadLetterCounter();
  private producer: Promise<Producer> | null = null;
  private admin: Promise<Admin> | null = null;
  private closed = false;

  constructor(options: KafkaEventBusOptions) {
    this.partitions = options.partitions ?? 4;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: options.logLevel ?? KafkaLogLevel.WARN,
      ...(options.logCreator ? { logCreator: options.logCreator } : {}),
    });
  }

  async publish(topic: string, events: readonly EventEnvelope[]): Promise<void> {
    this.assertOpen();
    if (events.length === 0) return;
    await this.ensureTopics([topic]);
    this.deadLetters.published(topic, events);
    const producer = await this.connectedProducer();
    const messages = events.map((e) => ({
      key: e.key,
      value: JSON.stringify(e),
      headers: { eventId: e.eventId, type: e.type },
    }));
    // The broker refuses a record batch over message.max.bytes (1 MiB by default) and a
    // fingerprint event is ~17 kB, so requests are cut by size; order within the topic holds
    // because each request completes before the next is sent.
    let start = 0;
    while (start < messages.length) {
      let end = start;
      let bytes = 0;
      while (
        end < messages.length &&
        (end === start || bytes + (messages[end]?.value.length ?? 0) <= MAX_REQUEST_BYTES)
      ) {
        bytes += messages[end]?.value.length ?? 0;
        end += 1;
      }
      await producer.send({ topic, acks: -1, messages: messages.slice(start, end) });
      start = end;
    }
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.assertOpen();
    const subscription = resolveSubscription(options);
    await this.ensureTopics(subscription.topics);
    const consumer = this.kafka.consumer({
      groupId: subscription.groupId,
      allowAutoTopicCreation: false,
      // A batch is cut from one fetch of one partition, and kafkajs' default of 1 MiB
      // per partition holds ~45 fingerprint events (~17 kB each) whatever maxBatchSize
      // says. Letting one partition fill the whole fetch keeps memory at kafkajs'
      // default cap per fetch while batches reach their size.
      ...(subscription.mode === 'batch'
        ? { maxBytesPerPartition: BATCH_FETCH_BYTES, maxBytes: BATCH_FETCH_BYTES }
        : {}),
    });
    this.consumers.add(consumer);
    await consumer.connect();
    await consumer.subscribe({
      topics: subscription.topics,
      fromBeginning: subscription.fromBeginning,
    });
    await consumer.run(this.runConfig(subscription));
    return {
      close: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  async ping(): Promise<void> {
    this.assertOpen();
    const admin = await this.connectedAdmin();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) throw new Error('no Kafka broker available');
  }

  async consumerLag(groupId: string, topics: readonly string[]): Promise<ConsumerLag[]> {
    this.assertOpen();
    const admin = await this.connectedAdmin();
    const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
    const lags: ConsumerLag[] = [];
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const offsets = committed.find((c) => c.topic === topic)?.partitions ?? [];
      for (const end of ends) {
        const at = Number(offsets.find((p) => p.partition === end.partition)?.offset ?? '-1');
        // No committed offset yet: everything retained is still to be handled.
        const from = at < 0 ? Number(end.low) : at;
        lags.push({
          groupId,
          topic,
          partition: end.partition,
          lag: Math.max(0, Number(end.high) - from),
        });
      }
    }
    return lags;
  }

  deadLetterCounts(): DeadLetterCount[] {
    return this.deadLetters.snapshot();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.consumers].map((c) => c.disconnect()));
    this.consumers.clear();
    if (this.producer) await (await this.producer).disconnect();
    if (this.admin) await (await this.admin).disconnect();
    this.producer = null;
    this.admin = null;
  }

  private runConfig(s: ResolvedSubscription): ConsumerRunConfig {
    if (s.mode === 'event') {
      return {
        autoCommit: true,
        eachMessage: async ({ topic, partition, message }) => {
          const dead = await deliver({
            topic,
            partition,
            offset: message.offset,
            groupId: s.groupId,
            key: message.key?.toString('utf8') ?? '',
            value: message.value?.toString('utf8') ?? '',
            maxAttempts: s.maxAttempts,
            handler: s.handler,
          });
          // If this write fails, eachMessage throws and the offset is not committed:
          // the event is retried rather than lost.
          if (dead) await this.publish(dead.topic, [dead.envelope]);
        },
      };
    }
    return {
      autoCommit: true,
      // Offsets are resolved as events are handled, not when the fetch is done, so a
      // member stopped or rebalanced mid-fetch leaves the rest to the partition's next owner.
      eachBatchAutoResolve: false,
      eachBatch: async ({
        batch,
        resolveOffset,
        heartbeat,
        commitOffsetsIfNecessary,
        isRunning,
        isStale,
      }) => {
        // A fetch holds as many messages as fit in maxBytesPerPartition; it is cut
        // into batches of the size the handler asked for.
        const owned = () => isRunning() && !isStale();
        for (let start = 0; start < batch.messages.length; start += s.maxBatchSize) {
          if (!owned()) return;
          await deliverBatch({
            topic: batch.topic,
            partition: batch.partition,
            groupId: s.groupId,
            messages: batch.messages.slice(start, start + s.maxBatchSize).map((m) => ({
              offset: m.offset,
              key: m.key?.toString('utf8') ?? '',
              value: m.value?.toString('utf8') ?? '',
            })),
            maxAttempts: s.maxAttempts,
            batchHandler: s.batchHandler,
            // If this write fails, eachBatch throws before the offset is resolved: the
            // event is retried rather than lost.
            deadLetter: (dead) => this.publish(dead.topic, [dead.envelope]),
            markHandled: async (offset) => {
              resolveOffset(offset);
              // Throws when the group is rebalancing; kafkajs then commits what was
              // resolved and re-joins, and the new owner starts after it.
              await heartbeat();
            },
            owned,
          });
          await commitOffsetsIfNecessary();
        }
      },
    };
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event bus is closed');
  }

  /** Creates the topics and their DLQs once, with this bus's partition count. */
  private async ensureTopics(topics: readonly string[]): Promise<void> {
    const wanted = topics
      .flatMap((t) => (t.endsWith('.dlq') ? [t] : [t, deadLetterTopic(t)]))
      .filter((t) => !this.knownTopics.has(t));
    if (wanted.length === 0) return;
    const admin = await this.connectedAdmin();
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: this.partitions })),
      });
    }
    wanted.forEach((t) => this.knownTopics.add(t));
  }

  private connectedProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      return producer;
    })();
    return this.producer;
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })();
    return this.admin;
  }
}
