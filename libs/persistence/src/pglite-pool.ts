import { EventEmitter } from 'node:events';
import { Mutex, type PGlite, type Results } from '@electric-sql/pglite';

/** The subset of a `pg` query result that TypeORM's postgres driver reads. */
interface PgLikeResult {
  rows: unknown[];
  rowCount: number;
  command: string;
  fields: Results['fields'];
}

const COMMAND = /^\s*(?:WITH\b[\s\S]*?\)\s*)?([A-Za-z]+)/;

function commandOf(sql: string): string {
  return (COMMAND.exec(sql)?.[1] ?? '').toUpperCase();
}

function toPgResult(sql: string, result: Results | undefined): PgLikeResult {
  const rows = result?.rows ?? [];
  return {
    rows,
    rowCount: result?.affectedRows ?? rows.length,
    command: commandOf(sql),
    fields: result?.fields ?? [],
  };
}

/**
 * One checked-out session on a PGlite instance. PGlite has a single backend, so
 * a client is only handed out while no other client holds it (see PGlitePool).
 */
class PGliteClient extends EventEmitter {
  constructor(private readonly db: PGlite) {
    super();
  }

  async query(sql: string, params?: unknown[]): Promise<PgLikeResult> {
    if (params && params.length > 0) {
      return toPgResult(sql, await this.db.query(sql, params));
    }
    // Migrations send several statements at once; TypeORM expects the last result.
    const results = await this.db.exec(sql);
    return toPgResult(sql, results[results.length - 1]);
  }
}

export interface PGlitePoolOptions {
  pglite: PGlite;
}

/**
 * A `pg.Pool`-shaped adapter that TypeORM's postgres driver uses through its
 * `driver` option. Unlike a shared-session adapter, it gives out the single
 * PGlite session exclusively: a transaction holds it from BEGIN to COMMIT, so
 * concurrent transactions queue instead of interleaving their statements into
 * one another (docs/adr/0003-embedded-pglite-driver.md).
 */
export class PGlitePool extends EventEmitter {
  private readonly db: PGlite;
  private readonly session = new Mutex();
  private readonly client: PGliteClient;
  private ended = false;

  constructor(options: PGlitePoolOptions) {
    super();
    this.db = options.pglite;
    this.client = new PGliteClient(this.db);
  }

  connect(
    callback: (
      error: Error | null,
      client: PGliteClient | null,
      release: (err?: unknown) => void,
    ) => void,
  ): void {
    if (this.ended) {
      callback(new Error('PGlite pool has been closed'), null, () => undefined);
      return;
    }
    this.session.acquire().then(
      (releaseSession) => {
        let released = false;
        callback(null, this.client, () => {
          if (released) return;
          released = true;
          releaseSession();
        });
      },
      (error: unknown) => callback(error as Error, null, () => undefined),
    );
  }

  async query(sql: string, params?: unknown[]): Promise<PgLikeResult> {
    return this.session.runExclusive(() => this.client.query(sql, params));
  }

  end(callback?: (error: Error | null) => void): void {
    this.ended = true;
    this.db.close().then(
      () => callback?.(null),
      (error: unknown) => callback?.(error as Error),
    );
  }
}

/** What TypeORM's postgres driver expects in its `driver` option: a module with a Pool class. */
export const pgliteDriverModule = { Pool: PGlitePool };
