import {
  Kafka,
  logLevel as KafkaLogLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type Producer,
} from 'kafkajs';
import { deliver } from './delivery';
import { deadLetterTopic, type EventEnvelope } from './envelope';
import type { EventBus, SubscribeOptions, Subscription } from './event-bus.port';

export interface KafkaEventBusOptions {
  brokers: string[];
  clientId: string;
  /** Partitions for topics this bus creates (default 4). */
  partitions?: number;
  logLevel?: KafkaLogLevel;
}

/**
 * The infra-mode event bus on Apache Kafka through kafkajs. Keys pick the
 * partition (murmur2, as the Java client), so per-key order holds; offsets are
 * committed only after the handler or the DLQ write succeeded (at-least-once).
 */
/** Payload bytes per produce request: under the broker's default 1 MiB batch limit. */
const MAX_REQUEST_BYTES = 768 * 1024;

export class KafkaEventBus implements EventBus {
  private readonly kafka: Kafka;
  private readonly partitions: number;
  private readonly consumers = new Set<Consumer>();
  private readonly knownTopics = new Set<string>();
  private producer: Promise<Producer> | null = null;
  private admin: Promise<Admin> | null = null;
  private closed = false;

  constructor(options: KafkaEventBusOptions) {
    this.partitions = options.partitions ?? 4;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: options.logLevel ?? KafkaLogLevel.WARN,
    });
  }

  async publish(topic: string, events: readonly EventEnvelope[]): Promise<void> {
    this.assertOpen();
    if (events.length === 0) return;
    await this.ensureTopics([topic]);
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
    const maxAttempts = options.maxAttempts ?? 3;
    await this.ensureTopics(options.topics);
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
    });
    this.consumers.add(consumer);
    await consumer.connect();
    await consumer.subscribe({
      topics: options.topics,
      fromBeginning: options.fromBeginning ?? true,
    });
    await consumer.run({
      autoCommit: true,
      eachMessage: async ({ topic, partition, message }) => {
        const dead = await deliver({
          topic,
          partition,
          offset: message.offset,
          groupId: options.groupId,
          key: message.key?.toString('utf8') ?? '',
          value: message.value?.toString('utf8') ?? '',
          maxAttempts,
          handler: options.handler,
        });
        // If this write fails, eachMessage throws and the offset is not committed:
        // the event is retried rather than lost.
        if (dead) await this.publish(dead.topic, [dead.envelope]);
      },
    });
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

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.consumers].map((c) => c.disconnect()));
    this.consumers.clear();
    if (this.producer) await (await this.producer).disconnect();
    if (this.admin) await (await this.admin).disconnect();
    this.producer = null;
    this.admin = null;
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
