import type { DataSource, Logger } from 'typeorm';

/**
 * The SQL statements DataSources run while some work happens: how tests hold
 * a request to its query budget (one query per entity type, never one per
 * row). TypeORM reports every statement to the DataSource's logger, which is
 * swapped for the duration of the work.
 */
export class QueryCounter implements Logger {
  readonly statements: string[] = [];

  constructor(private readonly keep: (statement: string) => boolean = () => true) {}

  logQuery(query: string): void {
    if (this.keep(query)) this.statements.push(query);
  }
  /** SELECTs that read `table` itself (not a table whose name merely starts the same). */
  selectsFrom(table: string): string[] {
    const from = new RegExp(`FROM\\s+"?${table}"?\\s`, 'i');
    return this.statements.filter((s) => /^\s*SELECT/i.test(s) && from.test(s));
  }

  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/**
 * Background statements of Mosaic services that are not a request's work: the
 * outbox relay's lock and poll.
 */
export const isBackgroundStatement = (statement: string): boolean =>
  /\boutbox\b|advisory/i.test(statement);

/** A SELECT a request made (not a write, not the relays' background polling). */
export const isRequestRead = (statement: string): boolean =>
  /^\s*SELECT/i.test(statement) && !isBackgroundStatement(statement);

/** Runs `work` and returns the statements each DataSource ran meanwhile (`keep` filters them). */
export async function countQueries<K extends string, T>(
  dataSources: Readonly<Record<K, DataSource>>,
  work: () => Promise<T>,
  keep: (statement: string) => boolean = () => true,
): Promise<{ result: T; statements: Record<K, string[]> }> {
  const entries = Object.entries(dataSources) as [K, DataSource][];
  const counters = new Map(entries.map(([name]) => [name, new QueryCounter(keep)]));
  const originals = new Map(entries.map(([name, db]) => [name, db.logger]));
  for (const [name, db] of entries) Object.assign(db, { logger: counters.get(name) });
  try {
    const result = await work();
    const statements = Object.fromEntries(
      entries.map(([name]) => [name, [...(counters.get(name) as QueryCounter).statements]]),
    ) as Record<K, string[]>;
    return { result, statements };
  } finally {
    for (const [name, db] of entries) Object.assign(db, { logger: originals.get(name) });
  }
}
