import type { EventBus, EventEnvelope } from '@mosaic/event-bus';
import type { DataSource } from 'typeorm';

export interface OutboxRelayOptions {
  /** Rows read and published per round. */
  batchSize?: number;
  /** Pause when the outbox is empty. */
  idleMs?: number;
  onError?: (error: unknown) => void;
}

/** Any fixed number: the advisory lock that makes one relay per database active at a time. */
const RELAY_LOCK = 0x6d6f7361;

/**
 * Publishes outbox rows in `position` order and marks them published.
 *
 * At-least-once: a relay killed after publishing but before marking sends
 * those events again on restart, with the same event ids, which consumers
 * deduplicate. One relay per database publishes at a time (a transaction-level
 * advisory lock), so events for one key never overtake each other.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly batchSize: number;
  private readonly idleMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.idleMs = options.idleMs ?? 200;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Publishes until the outbox is empty; returns how many events went out. */
  async drain(onBatch: (published: number) => void = () => undefined): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishBatch();
      if (published === null) {
        // Another relay is publishing this database's outbox; let it.
        await new Promise((resolve) => setTimeout(resolve, this.idleMs));
        continue;
      }
      if (published === 0) return total;
      total += published;
      onBatch(total);
    }
  }

  /** Unpublished rows left (for health and benchmarks). */
  async backlog(): Promise<number> {
    const [row] = (await this.dataSource.query(
      'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL',
    )) as {
      n: number;
    }[];
    return row?.n ?? 0;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published: number | null = 0;
      try {
        published = await this.publishBatch();
      } catch (error) {
        this.options.onError?.(error);
      }
      if (published === 0 || published === null) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.idleMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  /** One round in one transaction; null when another relay holds the lock. */
  private async publishBatch(): Promise<number | null> {
    return this.dataSource.transaction(async (manager) => {
      const [lock] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [
        RELAY_LOCK,
      ])) as {
        locked: boolean;
      }[];
      if (!lock?.locked) return null;
      const rows = (await manager.query(
        'SELECT position, topic, envelope FROM outbox WHERE published_at IS NULL ORDER BY position LIMIT $1',
        [this.batchSize],
      )) as { position: string; topic: string; envelope: EventEnvelope }[];
      if (rows.length === 0) return 0;
      // Consecutive runs per topic keep the commit order inside each topic.
      let start = 0;
      for (let i = 1; i <= rows.length; i++) {
        if (i === rows.length || rows[i]?.topic !== rows[start]?.topic) {
          const run = rows.slice(start, i);
          await this.bus.publish(
            run[0]?.topic as string,
            run.map((r) => r.envelope),
          );
          start = i;
        }
      }
      await manager.query(
        'UPDATE outbox SET published_at = now() WHERE position = ANY($1::bigint[])',
        [rows.map((r) => r.position)],
      );
      return rows.length;
    });
  }
}
