import { mkdirSync } from 'node:fs';
import { PGlite, type Extension } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { lockEmbeddedDatabase } from './embedded-database-lock';

// The package's contrib export lists ESM typings first, so TypeScript would
// refuse a CommonJS import of it; its `require` entry exists and is what runs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };

export interface EmbeddedDatabaseOptions {
  /**
   * What this process is, written into the folder's lock so a refused opener
   * can say who holds it: a service (`gateway service`) or a command
   * (`mosaic audit verify`). Default: the script and its arguments.
   */
  holder?: string;
}

/**
 * Opens (creating if needed) an embedded PostgreSQL with the extensions Mosaic's
 * embedded adapters rely on: pgvector for the candidate index, pg_trgm for search.
 * `dataDir` is a folder, or `memory://` for a throwaway database.
 *
 * A folder is opened by one writer at a time: this takes its lock
 * (lockEmbeddedDatabase) and throws EmbeddedDatabaseLockedError when another
 * process, or this one, has it open. Closing the database gives the lock up.
 */
export async function openEmbeddedDatabase(
  dataDir: string,
  options: EmbeddedDatabaseOptions = {},
): Promise<PGlite> {
  if (dataDir.startsWith('memory://')) {
    return PGlite.create({ dataDir, extensions: { vector, pg_trgm } });
  }
  mkdirSync(dataDir, { recursive: true });
  const lock = lockEmbeddedDatabase(dataDir, options.holder);
  let db: PGlite;
  try {
    db = await PGlite.create({ dataDir, extensions: { vector, pg_trgm } });
  } catch (error) {
    lock.release();
    throw error;
  }
  // Whoever closes the instance (the TypeORM pool, a test, a script) gives the
  // folder up, and only once PGlite has flushed and closed it.
  const close = db.close.bind(db);
  db.close = async () => {
    try {
      await close();
    } finally {
      lock.release();
    }
  };
  return db;
}
