import { mkdirSync } from 'node:fs';
import { PGlite, type Extension } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';

// The package's contrib export lists ESM typings first, so TypeScript would
// refuse a CommonJS import of it; its `require` entry exists and is what runs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };

/**
 * Opens (creating if needed) an embedded PostgreSQL with the extensions Mosaic's
 * embedded adapters rely on: pgvector for the candidate index, pg_trgm for search.
 * `dataDir` is a folder, or `memory://` for a throwaway database.
 */
export async function openEmbeddedDatabase(dataDir: string): Promise<PGlite> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  return PGlite.create({ dataDir, extensions: { vector, pg_trgm } });
}
