import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Kafka, logLevel } from 'kafkajs';
import { AUDIT_ACCESS_TOPIC } from './audit-event';
import { AUDIT_HEAD_TOPIC } from './audit-head';

/** The topics whose copy reconciliation compares the log with. */
export const AUDIT_PUBLISHED_TOPICS: readonly string[] = [AUDIT_ACCESS_TOPIC, AUDIT_HEAD_TOPIC];

/**
 * Embedded mode's published copy, in the data folder beside the databases:
 * the in-process bus keeps nothing once the process ends, so the gateway
 * appends what it publishes on the audit topics here, one event a line.
 */
export const AUDIT_PUBLISHED_FILE = 'audit-published.ndjson';

/** The published copy's path for a data folder (`MOSAIC_DATA_DIR`). */
export const auditPublishedFile = (dataDir: string) => join(dataDir, AUDIT_PUBLISHED_FILE);

/** One published audit event, as reconciliation reads it. */
export interface PublishedEvent {
  topic: string;
  /** The envelope's payload; null for a line that could not be read (counted as unreadable). */
  payload: unknown;
}

/**
 * Appends events to the published copy file. `appendFile` opens with O_APPEND:
 * lines are only ever added at the end, never rewritten.
 */
export async function appendPublishedEvents(
  file: string,
  events: readonly { topic: string; envelope: unknown }[],
): Promise<void> {
  if (events.length === 0) return;
  const lines = events.map((e) => `${JSON.stringify({ topic: e.topic, envelope: e.envelope })}\n`);
  await appendFile(file, lines.join(''), { encoding: 'utf8', mode: 0o644 });
}

/** Reads the published copy file in order; a missing file is an empty copy. */
export async function* readPublishedFile(
  file: string,
  onProgress?: (bytesRead: number) => void,
): AsyncGenerator<PublishedEvent> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  const opened = await new Promise<boolean>((done, fail) => {
    stream.once('ready', () => done(true));
    stream.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' ? done(false) : fail(error),
    );
  });
  if (!opened) return;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    onProgress?.(stream.bytesRead);
    try {
      const parsed = JSON.parse(line) as { topic?: unknown; envelope?: { payload?: unknown } };
      yield {
        topic: typeof parsed.topic === 'string' ? parsed.topic : '',
        payload: parsed.envelope?.payload ?? null,
      };
    } catch {
      // A line cut short by a crash mid-append: counted, not trusted.
      yield { topic: '', payload: null };
    }
  }
}

export interface TopicReadOptions {
  brokers: readonly string[];
  topics?: readonly string[];
  /** Called with events read so far, out of the events the topics held when the read began. */
  onProgress?: (read: number, total: number) => void;
}

/**
 * Reads the audit topics from their earliest retained event to their end
 * offsets as they were when the read began (later events are left for the
 * next read). It commits nothing, and deletes its throwaway consumer group
 * when done, so no group is left behind on a broker other deployments share.
 */
export async function* readPublishedTopics(
  options: TopicReadOptions,
): AsyncGenerator<PublishedEvent> {
  const topics = [...(options.topics ?? AUDIT_PUBLISHED_TOPICS)];
  const kafka = new Kafka({
    clientId: 'mosaic-audit-reconcile',
    brokers: [...options.brokers],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `mosaic-audit-reconcile-${randomUUID()}`;
  try {
    const existing = new Set(await admin.listTopics());
    /** `topic:partition` → the last offset to read. */
    const remaining = new Map<string, bigint>();
    let total = 0;
    for (const topic of topics.filter((t) => existing.has(t))) {
      for (const p of await admin.fetchTopicOffsets(topic)) {
        const low = BigInt(p.low);
        const high = BigInt(p.high);
        if (high > low) {
          remaining.set(`${topic}:${p.partition}`, high - 1n);
          total += Number(high - low);
        }
      }
    }
    options.onProgress?.(0, total);
    if (remaining.size === 0) return;

    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    const queue: PublishedEvent[] = [];
    let wake: (() => void) | null = null;
    let failure: unknown = null;
    const signal = () => {
      wake?.();
      wake = null;
    };
    await consumer.connect();
    try {
      for (const topic of topics.filter((t) => existing.has(t))) {
        await consumer.subscribe({ topic, fromBeginning: true });
      }
      consumer.on(consumer.events.CRASH, (event) => {
        failure = event.payload.error;
        signal();
      });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          const key = `${batch.topic}:${batch.partition}`;
          const last = remaining.get(key);
          if (last === undefined) return;
          for (const message of batch.messages) {
            if (BigInt(message.offset) > last) break;
            let payload: unknown = null;
            try {
              payload = (JSON.parse(message.value?.toString('utf8') ?? '') as { payload?: unknown })
                .payload;
            } catch {
              payload = null;
            }
            queue.push({ topic: batch.topic, payload });
            if (BigInt(message.offset) >= last) remaining.delete(key);
          }
          signal();
          // Back-pressure: the reader works through what is queued before more is fetched.
          while (queue.length > 5_000) await new Promise((r) => setTimeout(r, 5));
        },
      });
      let read = 0;
      for (;;) {
        while (queue.length > 0) {
          read += 1;
          if (read % 1_000 === 0) options.onProgress?.(read, total);
          yield queue.shift() as PublishedEvent;
        }
        if (failure) throw failure;
        if (remaining.size === 0) break;
        await new Promise<void>((r) => (wake = r));
      }
      options.onProgress?.(read, total);
    } finally {
      await consumer.disconnect();
    }
  } finally {
    try {
      await admin.deleteGroups([groupId]);
    } catch {
      // The group never formed (nothing to read) or is already gone.
    }
    await admin.disconnect();
  }
}
