import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { vector } from '@electric-sql/pglite-pgvector';

/**
 * Opens (creating if needed) an embedded PostgreSQL with the extensions Mosaic's
 * embedded adapters rely on: pgvector for the candidate index, pg_trgm for search.
 * `dataDir` is a folder, or `memory://` for a throwaway database.
 */
export async function openEmbeddedDatabase(dataDir: string): Promise<PGlite> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  return PGlite.create({ dataDir, extensions: { vector, pg_trgm } });
}
