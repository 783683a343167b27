import type { EntityManager } from 'typeorm';

/** The outbox rows a DELETE took, grouped by the key of the record they carried. */
export interface DeletedRecordEvents {
  byKey: Map<string, string[]>;
  count: number;
}

/**
 * Deletes the outbox rows of these records' events inside the caller's
 * transaction (a record purged for retention must not survive in the
 * envelopes that published it); returns their event ids by record.
 */
export async function deleteRecordEvents(
  manager: EntityManager,
  topic: string,
  keys: readonly string[],
): Promise<DeletedRecordEvents> {
  if (keys.length === 0) return { byKey: new Map(), count: 0 };
  // Selected from a CTE: TypeORM answers a bare DELETE … RETURNING with
  // `[rows, count]` on PostgreSQL, a SELECT with the rows on every driver.
  const rows = (await manager.query(
    `WITH deleted AS (
       DELETE FROM outbox WHERE topic = $1 AND key = ANY($2::text[]) RETURNING key, event_id)
     SELECT key, event_id FROM deleted`,
    [topic, keys],
  )) as { key: string; event_id: string }[];
  const byKey = new Map<string, string[]>();
  for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row.event_id]);
  return { byKey, count: rows.length };
}
