import type { EventBus, SubscribeOptions, Subscription } from '@mosaic/event-bus';
import { hasEventBusStats } from '@mosaic/event-bus';
import { Counter, Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { ServiceMetrics } from './metrics';

/**
 * The service's view of the event bus: the bus itself (shared by every
 * service of an embedded process), plus the consumer groups this service
 * subscribed, so its /metrics reports its own groups' lag and dead letters.
 */
export class ServiceEventBus implements EventBus {
  private readonly groups = new Map<string, Set<string>>();

  constructor(readonly inner: EventBus) {}

  /** Each group this service consumes with, and its topics. */
  subscribedGroups(): { groupId: string; topics: string[] }[] {
    return [...this.groups].map(([groupId, topics]) => ({ groupId, topics: [...topics] }));
  }

  publish: EventBus['publish'] = (topic, events) => this.inner.publish(topic, events);

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const subscription = await this.inner.subscribe(options);
    const topics = this.groups.get(options.groupId) ?? new Set<string>();
    options.topics.forEach((t) => topics.add(t));
    this.groups.set(options.groupId, topics);
    return subscription;
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Consumer lag per group and partition, and dead letters per group and topic, read at scrape time. */
export function registerEventBusMetrics(
  metrics: ServiceMetrics,
  bus: ServiceEventBus,
  log: Logger,
): void {
  const registers = [metrics.registry];
  const inner = bus.inner;
  if (!hasEventBusStats(inner)) return;
  new Gauge({
    name: 'mosaic_consumer_lag_messages',
    help: 'Events published to a partition that the consumer group has not yet handled.',
    labelNames: ['group', 'topic', 'partition'],
    registers,
    async collect() {
      this.reset();
      for (const { groupId, topics } of bus.subscribedGroups()) {
        try {
          for (const lag of await inner.consumerLag(groupId, topics)) {
            this.set(
              { group: lag.groupId, topic: lag.topic, partition: String(lag.partition) },
              lag.lag,
            );
          }
        } catch (error) {
          // A scrape must not fail because the broker is away: the series goes missing instead.
          log.warn({ group: groupId, err: error }, 'consumer lag not read');
        }
      }
    },
  });
  const reported = new Map<string, number>();
  new Counter({
    name: 'mosaic_events_dead_lettered_total',
    help: 'Events a consumer group of this service sent to a dead-letter topic (<topic>.dlq).',
    labelNames: ['group', 'topic'],
    registers,
    collect() {
      const mine = new Set(bus.subscribedGroups().map((g) => g.groupId));
      for (const count of inner.deadLetterCounts()) {
        if (!mine.has(count.groupId)) continue;
        const key = `${count.groupId}\u0000${count.topic}`;
        const delta = count.count - (reported.get(key) ?? 0);
        if (delta > 0) this.inc({ group: count.groupId, topic: count.topic }, delta);
        reported.set(key, count.count);
      }
    },
  });
}

/** The transactional outbox's backlog: rows written but not yet published, and the oldest one's age. */
export function registerOutboxMetrics(
  metrics: ServiceMetrics,
  dataSource: DataSource,
  log: Logger,
): void {
  const registers = [metrics.registry];
  // Both gauges are collected at once by a scrape (prom-client collects in parallel): one query.
  let pending: Promise<{ count: number; age: number } | null> | null = null;
  const query = async (): Promise<{ count: number; age: number } | null> => {
    try {
      const [row] = (await dataSource.query(
        `SELECT count(*)::int AS count,
                COALESCE(EXTRACT(EPOCH FROM (now() - min(created_at))), 0)::float8 AS age
           FROM outbox WHERE published_at IS NULL`,
      )) as { count: number; age: number }[];
      return row ? { count: Number(row.count), age: Number(row.age) } : null;
    } catch (error) {
      log.warn({ err: error }, 'outbox backlog not read');
      return null;
    }
  };
  const read = () => {
    pending ??= query().finally(() => {
      pending = null;
    });
    return pending;
  };
  new Gauge({
    name: 'mosaic_outbox_backlog_events',
    help: 'Outbox rows committed but not yet published to the event bus.',
    registers,
    async collect() {
      const row = await read();
      if (row) this.set(row.count);
    },
  });
  new Gauge({
    name: 'mosaic_outbox_oldest_unpublished_age_seconds',
    help: 'Age of the oldest outbox row not yet published (0 when the outbox is drained).',
    registers,
    async collect() {
      const row = await read();
      if (row) this.set(row.age);
    },
  });
}
