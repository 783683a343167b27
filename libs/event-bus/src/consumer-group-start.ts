import { Kafka, logLevel } from 'kafkajs';

export interface ConsumerGroupStart {
  groupId: string;
  topics: readonly string[];
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
        const ends = await admin.fetchTopicOffsets(topic);
        await admin.setOffsets({
          groupId,
          topic,
          partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })),
        });
      }
    }
  } finally {
    await admin.disconnect();
  }
}
