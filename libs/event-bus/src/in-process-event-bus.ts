import { deliver, deliverBatch } from './delivery';
import type { EventEnvelope } from './envelope';
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
import { partitionForKey } from './partitioning';

interface StoredMessage {
  key: string;
  value: string;
}

class PartitionLog {
  /** Offset of messages[0]; older messages were dropped by retention. */
  base = 0;
  readonly messages: StoredMessage[] = [];
  get end(): number {
    return this.base + this.messages.length;
  }
}

interface Member {
  options: ResolvedSubscription;
  closed: boolean;
}

class Group {
  readonly members: Member[] = [];
  readonly committed = new Map<string, number>();
  readonly pumping = new Map<string, Promise<void>>();
  readonly dirty = new Set<string>();
}

export interface InProcessEventBusOptions {
  partitions?: number;
  /** Messages kept (at least) per partition for groups that join later (default 100,000). */
  retainPerPartition?: number;
}

/**
 * The embedded-mode event bus: the same contract as Kafka (per-key order through
 * partitions, consumer groups sharing partitions, committed offsets, DLQ), held
 * in this process. Values travel as JSON strings, as on the wire, so a payload
 * that would not survive Kafka does not survive here either.
 */
export class InProcessEventBus implements EventBus, EventBusStats {
  private readonly partitions: number;
  private readonly retain: number;
  private readonly topics = new Map<string, PartitionLog[]>();
  private readonly groups = new Map<string, Group>();
  private readonly deadLetters = new DeadLetterCounter();
  private closed = false;

  constructor(options: InProcessEventBusOptions = {}) {
    this.partitions = options.partitions ?? 4;
    this.retain = options.retainPerPartition ?? 100_000;
  }

  async publish(topic: string, events: readonly EventEnvelope[]): Promise<void> {
    if (this.closed) throw new Error('event bus is closed');
    const logs = this.logOf(topic);
    this.deadLetters.published(topic, events);
    for (const event of events) {
      const log = logs[partitionForKey(event.key, this.partitions)]!;
      log.messages.push({ key: event.key, value: JSON.stringify(event) });
      // Trim in chunks: shifting a 100k-entry array on every publish would put
      // an O(n) copy on the hot path once the log is full.
      const excess = log.messages.length - this.retain;
      if (excess > this.retain / 10) {
        log.messages.splice(0, excess);
        log.base += excess;
      }
    }
    this.wake(topic);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.closed) throw new Error('event bus is closed');
    const member: Member = { options: resolveSubscription(options), closed: false };
    const group = this.groupOf(options.groupId);
    for (const topic of options.topics) {
      this.logOf(topic).forEach((log, partition) => {
        const tp = `${topic}:${partition}`;
        if (!group.committed.has(tp)) {
          group.committed.set(tp, member.options.fromBeginning ? log.base : log.end);
        }
      });
    }
    group.members.push(member);
    for (const topic of options.topics) this.wake(topic);
    return {
      close: async () => {
        member.closed = true;
        const index = group.members.indexOf(member);
        if (index >= 0) group.members.splice(index, 1);
        await Promise.all(group.pumping.values());
        for (const topic of options.topics) this.wake(topic);
      },
    };
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('event bus is closed');
  }

  async consumerLag(groupId: string, topics: readonly string[]): Promise<ConsumerLag[]> {
    const group = this.groups.get(groupId);
    return topics.flatMap((topic) =>
      this.logOf(topic).map((log, partition) => {
        const committed = group?.committed.get(`${topic}:${partition}`) ?? log.base;
        return { groupId, topic, partition, lag: Math.max(0, log.end - committed) };
      }),
    );
  }

  deadLetterCounts(): DeadLetterCount[] {
    return this.deadLetters.snapshot();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const group of this.groups.values()) {
      group.members.forEach((m) => (m.closed = true));
      group.members.length = 0;
    }
    await Promise.all([...this.groups.values()].flatMap((g) => [...g.pumping.values()]));
  }

  private logOf(topic: string): PartitionLog[] {
    let logs = this.topics.get(topic);
    if (!logs) {
      logs = Array.from({ length: this.partitions }, () => new PartitionLog());
      this.topics.set(topic, logs);
    }
    return logs;
  }

  private groupOf(groupId: string): Group {
    let group = this.groups.get(groupId);
    if (!group) {
      group = new Group();
      this.groups.set(groupId, group);
    }
    return group;
  }

  /** Partitions are spread over a group's members in join order, as a range assignor would. */
  private assignee(group: Group, topic: string, partition: number): Member | undefined {
    const members = group.members.filter((m) => !m.closed && m.options.topics.includes(topic));
    return members.length === 0 ? undefined : members[partition % members.length];
  }

  private wake(topic: string): void {
    for (const [groupId, group] of this.groups) {
      for (let partition = 0; partition < this.partitions; partition++) {
        this.wakePartition(groupId, group, topic, partition);
      }
    }
  }

  /**
   * Starts delivery on one partition, or marks it for another pass if it is
   * running. A finished pass re-runs only its own partition: waking the whole
   * topic there made busy partitions re-mark each other forever.
   */
  private wakePartition(groupId: string, group: Group, topic: string, partition: number): void {
    if (!this.assignee(group, topic, partition)) return;
    const tp = `${topic}:${partition}`;
    if (group.pumping.has(tp)) {
      group.dirty.add(tp);
      return;
    }
    const run = this.pump(groupId, group, topic, partition).finally(() => {
      group.pumping.delete(tp);
      if (group.dirty.delete(tp)) this.wakePartition(groupId, group, topic, partition);
    });
    group.pumping.set(tp, run);
  }

  /**
   * Delivers one partition's backlog to its assignee, strictly in order: one
   * event at a time, or as many queued events as a batch may hold.
   */
  private async pump(
    groupId: string,
    group: Group,
    topic: string,
    partition: number,
  ): Promise<void> {
    const log = this.logOf(topic)[partition]!;
    const tp = `${topic}:${partition}`;
    await Promise.resolve();
    for (;;) {
      const member = this.assignee(group, topic, partition);
      const offset = Math.max(group.committed.get(tp) ?? log.base, log.base);
      if (!member || offset >= log.end) return;
      const { options } = member;
      if (options.mode === 'batch') {
        const start = offset - log.base;
        const messages = log.messages
          .slice(start, start + options.maxBatchSize)
          .map((m, i) => ({ offset: String(offset + i), key: m.key, value: m.value }));
        await deliverBatch({
          topic,
          partition,
          groupId,
          messages,
          maxAttempts: options.maxAttempts,
          batchHandler: options.batchHandler,
          deadLetter: (dead) => this.publish(dead.topic, [dead.envelope]),
          markHandled: async (handled) => void group.committed.set(tp, Number(handled) + 1),
          owned: () => !member.closed && this.assignee(group, topic, partition) === member,
        });
        continue;
      }
      const message = log.messages[offset - log.base]!;
      const dead = await deliver({
        topic,
        partition,
        offset: String(offset),
        groupId,
        key: message.key,
        value: message.value,
        maxAttempts: options.maxAttempts,
        handler: options.handler,
      });
      if (dead) await this.publish(dead.topic, [dead.envelope]);
      group.committed.set(tp, offset + 1);
    }
  }
}
