import type { EntityManager } from 'typeorm';

/**
 * Deletes a source's quarantined import lines older than `cutoff` (lines that
 * never became records expire from when they were quarantined); returns how
 * many went.
 */
export async function purgeQuarantine(
  manager: EntityManager,
  source: string,
  cutoff: Date,
): Promise<number> {
  const [row] = (await manager.query(
    `WITH deleted AS (
       DELETE FROM quarantine WHERE source = $1 AND quarantined_at < $2::timestamptz RETURNING id)
     SELECT count(*)::int AS n FROM deleted`,
    [source, cutoff.toISOString()],
  )) as { n: number }[];
  return row?.n ?? 0;
}
