import { Kafka, KafkaJSProtocolError, logLevel } from 'kafkajs';

export interface ConsumerGroupStart {
  groupId: string;
  topics: readonly string[];
}

/**
 * What a broker answers for a while after it (re)starts or a topic is made,
 * until every partition has an elected leader: worth waiting out, not failing on.
 */
const LEADERSHIP_SETTLING = new Set([
  'NOT_LEADER_OR_FOLLOWER',
  'NOT_LEADER_FOR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'NOT_COORDINATOR',
  'COORDINATOR_NOT_AVAILABLE',
  'COORDINATOR_LOAD_IN_PROGRESS',
]);

function settling(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    if (e instanceof KafkaJSProtocolError && LEADERSHIP_SETTLING.has(e.type)) return true;
    if (/not the leader|leader not available|no leader/i.test(e.message)) return true;
  }
  return false;
}

/** Runs `step`, retrying while the cluster's leadership is still settling (up to `timeoutMs`). */
export async function whileLeadershipSettles<T>(
  step: () => Promise<T>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 100; ; wait = Math.min(wait * 2, 2_000)) {
    try {
      return await step();
    } catch (error) {
      if (!settling(error) || Date.now() + wait > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/**
 * Makes new consumer groups start at the current end of their topics, creating
 * topics that do not exist yet. Earlier runs' events stay on shared Kafka
 * topics; an isolated run (a test, an evaluation) must not read them. The
 * offsets are committed explicitly, because kafkajs's resetOffsets commits a
 * symbolic "latest" that a group without offsets ignores.
 */
export async function startConsumerGroupsAtEnd(
  brokers: readonly string[],
  groups: readonly ConsumerGroupStart[],
  partitions = 4,
): Promise<void> {
  const admin = new Kafka({
    clientId: 'mosaic-group-start',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(groups.flatMap((g) => g.topics))].filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: partitions })),
      });
    }
    for (const { groupId, topics } of groups) {
      for (const topic of topics) {
        // Right after a broker start or a topic's creation, partitions may have no leader yet.
        const ends = await whileLeadershipSettles(() => admin.fetchTopicOffsets(topic));
        await whileLeadershipSettles(() =>
          admin.setOffsets({
            groupId,
            topic,
            partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })),
          }),
        );
      }
    }
  } finally {
    await admin.disconnect();
  }
}
