import type { IndexedRecord } from '@mosaic/resolution';
import type { EntityManager } from 'typeorm';

/**
 * Namespace of the advisory locks keyed on a batch's ticket (two-key form:
 * this namespace and the ticket). A batch holds its ticket's lock, as a
 * session lock on its own connection, from before its records become
 * visible in `resolution_batch` until its transaction committed or failed;
 * a batch that must see another's records waits on that lock.
 */
export const BATCH_TICKET_LOCK_SPACE = 0x6d6f7362;

/** Another batch's records as `resolution_batch` holds them. */
export interface RegisteredBatch {
  ticket: number;
  finished: boolean;
  /** Only for batches not read before (see `others`). */
  records?: IndexedRecord[];
}

interface StoredIndexedRecord {
  key: string;
  face: string | null;
  fingers: { position: number; template: string }[];
  blockingKeys: string[];
}

const toBase64 = (v: Float32Array) =>
  Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
const fromBase64 = (s: string) => {
  const bytes = Buffer.from(s, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
};

/** Tickets as int4 lock keys: they wrap after 2^31 batches, where a clash costs a needless wait only. */
export const ticketLockKey = (ticket: number) => ticket % 0x7fffffff;

/**
 * `resolution_batch`: each batch's searchable records from before it searches
 * for candidates until a later search is sure to find them in the candidate
 * index (docs/adr/0013-resolution-without-a-global-lock.md). Statements run on
 * the connection the caller gives; register and forget run outside any
 * transaction so that other workers see them at once.
 */
export class ResolutionBatchRepository {
  /** A new ticket, its lock taken (session-level), then the batch's records made visible. */
  async register(session: EntityManager, records: readonly IndexedRecord[]): Promise<number> {
    const [row] = (await session.query(`SELECT nextval('resolution_ticket')::text AS ticket`)) as {
      ticket: string;
    }[];
    const ticket = Number(row?.ticket);
    await session.query('SELECT pg_advisory_lock($1, $2)', [
      BATCH_TICKET_LOCK_SPACE,
      ticketLockKey(ticket),
    ]);
    const stored: StoredIndexedRecord[] = records.map((r) => ({
      key: r.key,
      face: r.face ? toBase64(r.face) : null,
      fingers: r.fingers.map((f) => ({ position: f.position, template: toBase64(f.template) })),
      blockingKeys: r.blockingKeys,
    }));
    try {
      await session.query('INSERT INTO resolution_batch (ticket, records) VALUES ($1, $2::jsonb)', [
        String(ticket),
        JSON.stringify(stored),
      ]);
    } catch (error) {
      // A session lock outlives the batch on a pooled connection unless it is let go here.
      await session.query('SELECT pg_advisory_unlock($1, $2)', [
        BATCH_TICKET_LOCK_SPACE,
        ticketLockKey(ticket),
      ]);
      throw error;
    }
    return ticket;
  }

  /**
   * Every other batch still registered: finished or not, with the records of
   * those whose tickets are not in `known`.
   */
  async others(
    session: EntityManager,
    ticket: number,
    known: ReadonlySet<number>,
  ): Promise<RegisteredBatch[]> {
    const rows = (await session.query(
      `SELECT ticket::text AS ticket, finished,
              CASE WHEN ticket = ANY($2::bigint[]) THEN NULL ELSE records END AS records
         FROM resolution_batch WHERE ticket <> $1`,
      [String(ticket), [...known].map(String)],
    )) as { ticket: string; finished: boolean; records: StoredIndexedRecord[] | null }[];
    return rows.map((row) => ({
      ticket: Number(row.ticket),
      finished: row.finished,
      ...(row.records
        ? {
            records: row.records.map((r) => ({
              key: r.key,
              face: r.face === null ? null : fromBase64(r.face),
              fingers: r.fingers.map((f) => ({
                position: f.position,
                template: fromBase64(f.template),
              })),
              blockingKeys: r.blockingKeys,
            })),
          }
        : {}),
    }));
  }

  /**
   * Waits until each of these batches committed or failed (tickets in
   * ascending order). Runs in the caller's transaction; two batches waiting
   * on each other are a deadlock PostgreSQL breaks by failing one (40P01).
   */
  async waitFor(manager: EntityManager, tickets: readonly number[]): Promise<void> {
    for (const ticket of [...new Set(tickets)].sort((a, b) => a - b)) {
      await manager.query('SELECT pg_advisory_xact_lock_shared($1, $2)', [
        BATCH_TICKET_LOCK_SPACE,
        ticketLockKey(ticket),
      ]);
    }
  }

  /**
   * After a deadlock failed this batch's transaction: lets the batches queued
   * on its ticket go first (they are granted the lock as it is released),
   * then takes it again, waiting for them to commit.
   */
  async yieldTicket(session: EntityManager, ticket: number): Promise<void> {
    await session.query('SELECT pg_advisory_unlock($1, $2)', [
      BATCH_TICKET_LOCK_SPACE,
      ticketLockKey(ticket),
    ]);
    await session.query('SELECT pg_advisory_lock($1, $2)', [
      BATCH_TICKET_LOCK_SPACE,
      ticketLockKey(ticket),
    ]);
  }

  /** Marks the batch finished, in the transaction that stores its result. */
  async finish(manager: EntityManager, ticket: number): Promise<void> {
    await manager.query('UPDATE resolution_batch SET finished = true WHERE ticket = $1', [
      String(ticket),
    ]);
  }

  /** After the batch committed or failed: drops it if it did not finish, and releases its ticket. */
  async release(session: EntityManager, ticket: number): Promise<void> {
    await session.query('DELETE FROM resolution_batch WHERE ticket = $1 AND NOT finished', [
      String(ticket),
    ]);
    await session.query('SELECT pg_advisory_unlock($1, $2)', [
      BATCH_TICKET_LOCK_SPACE,
      ticketLockKey(ticket),
    ]);
  }

  /**
   * One pruning round, skipped when another worker is pruning: the batches
   * finished now are made searchable by `refresh` (the candidate index's
   * refresh); after it, every ticket handed out searches an index that holds
   * them, and they are dropped once every batch with a ticket up to then has
   * finished. Batches whose worker died (ticket lock free, not finished) are
   * dropped too. Returns the number of batches dropped, or null when skipped.
   */
  async prune(session: EntityManager, refresh: () => Promise<void>): Promise<number | null> {
    const [got] = (await session.query('SELECT pg_try_advisory_lock($1, 0) AS got', [
      BATCH_TICKET_LOCK_SPACE,
    ])) as { got: boolean }[];
    if (!got?.got) return null;
    try {
      // A batch holds its ticket's lock from before its row exists: a free one means its worker died.
      await session.query(
        `DELETE FROM resolution_batch WHERE NOT finished
            AND CASE WHEN pg_try_advisory_lock_shared($1, (ticket % 2147483647)::int)
                     THEN pg_advisory_unlock_shared($1, (ticket % 2147483647)::int) ELSE false END`,
        [BATCH_TICKET_LOCK_SPACE],
      );
      const finished = (await session.query(
        'SELECT ticket::text AS ticket FROM resolution_batch WHERE finished AND refreshed_through IS NULL',
      )) as { ticket: string }[];
      if (finished.length > 0) {
        await refresh();
        const [last] = (await session.query(
          'SELECT last_value::text AS last FROM resolution_ticket',
        )) as { last: string }[];
        await session.query(
          'UPDATE resolution_batch SET refreshed_through = $1 WHERE ticket = ANY($2::bigint[])',
          [last?.last, finished.map((f) => f.ticket)],
        );
      }
      const dropped = (await session.query(
        `DELETE FROM resolution_batch b
          WHERE refreshed_through IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM resolution_batch u
                             WHERE NOT u.finished AND u.ticket <= b.refreshed_through)
        RETURNING ticket`,
      )) as unknown[];
      return dropped.length;
    } finally {
      await session.query('SELECT pg_advisory_unlock($1, 0)', [BATCH_TICKET_LOCK_SPACE]);
    }
  }
}
