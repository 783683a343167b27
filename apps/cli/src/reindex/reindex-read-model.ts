import { ReadModelRebuild, type ReadModelListener } from '@mosaic/analysis-data';
import type { AnalysisSource } from '@mosaic/analysis-model';
import { IdentityRecordEntity, PersonEntity } from '@mosaic/identity-data';
import { MoreThan, type DataSource } from 'typeorm';
import {
  fingerprintRecords,
  seizureRecords,
  travelRecords,
  type SourceRecordReader,
} from './source-records';

export interface ReindexDatabases {
  analysis: DataSource;
  identity: DataSource;
  travel: DataSource;
  seizure: DataSource;
  fingerprint: DataSource;
}

export type ReindexPhase = 'persons' | 'memberships' | AnalysisSource | 'cleanup' | 'listeners';

export interface ReindexProgress {
  phase: ReindexPhase;
  /** Rows handled so far, over all phases but `listeners`. */
  done: number;
  /** Rows to handle (known before the first page). */
  total: number;
  /** Listeners phase: persons notified so far, of `personsTotal`. */
  personsNotified: number;
}

export interface ReindexReport {
  records: Record<AnalysisSource, number>;
  recordsDeleted: number;
  persons: number;
  personsDeleted: number;
  memberships: number;
  /** Records whose person changed (the read model had them elsewhere, or nowhere). */
  membershipsMoved: number;
  membershipsDeleted: number;
  /** Persons the listeners were told about (every person, and every person deleted). */
  personsNotified: number;
  seconds: number;
}

export interface ReindexOptions {
  pageSize?: number;
  listeners?: readonly ReadModelListener[];
  onProgress?: (progress: ReindexProgress) => void;
}

async function* identityPersons(identity: DataSource, pageSize: number) {
  const repository = identity.getRepository(PersonEntity);
  let after: string | null = null;
  for (;;) {
    const rows: PersonEntity[] = await repository.find({
      select: { id: true, status: true, mergedInto: true },
      where: after === null ? {} : { id: MoreThan(after) },
      order: { id: 'ASC' },
      take: pageSize,
    });
    if (rows.length === 0) return;
    yield rows;
    after = (rows[rows.length - 1] as PersonEntity).id;
    if (rows.length < pageSize) return;
  }
}

async function* identityRecords(identity: DataSource, pageSize: number) {
  const repository = identity.getRepository(IdentityRecordEntity);
  let after: string | null = null;
  for (;;) {
    const rows: IdentityRecordEntity[] = await repository.find({
      select: { key: true, personId: true },
      where: after === null ? {} : { key: MoreThan(after) },
      order: { key: 'ASC' },
      take: pageSize,
    });
    if (rows.length === 0) return;
    yield rows;
    after = (rows[rows.length - 1] as IdentityRecordEntity).key;
    if (rows.length < pageSize) return;
  }
}

/**
 * Rebuilds the analysis read model from the source databases (records and
 * their identifiers) and the identity database (persons, their status, and
 * the person of each record), in place, one page per transaction, so queries
 * keep answering throughout; deletes what no longer exists at its source; and
 * finally tells the listeners about every person (infra mode: the search
 * engine re-indexes them). Identity is read first, so records read later
 * find their person already placed.
 */
export async function reindexReadModel(
  databases: ReindexDatabases,
  options: ReindexOptions = {},
): Promise<ReindexReport> {
  const started = Date.now();
  const pageSize = options.pageSize ?? 1_000;
  const sources: SourceRecordReader[] = [
    travelRecords(databases.travel),
    seizureRecords(databases.seizure),
    fingerprintRecords(databases.fingerprint),
  ];
  const counts = await Promise.all([
    databases.identity.getRepository(PersonEntity).count(),
    databases.identity.getRepository(IdentityRecordEntity).count(),
    ...sources.map((s) => s.count()),
  ]);
  const progress: ReindexProgress = {
    phase: 'persons',
    done: 0,
    total: counts.reduce((a, b) => a + b, 0),
    personsNotified: 0,
  };
  const advance = (phase: ReindexPhase, rows: number) => {
    progress.phase = phase;
    progress.done += rows;
    options.onProgress?.({ ...progress });
  };
  const report: ReindexReport = {
    records: { travel: 0, seizure: 0, fingerprint: 0 },
    recordsDeleted: 0,
    persons: 0,
    personsDeleted: 0,
    memberships: 0,
    membershipsMoved: 0,
    membershipsDeleted: 0,
    personsNotified: 0,
    seconds: 0,
  };

  const rebuild = await ReadModelRebuild.begin(databases.analysis);
  advance('persons', 0);
  for await (const page of identityPersons(databases.identity, pageSize)) {
    // A PURGED person holds no records and has no place in the read model; the cleanup removes it.
    await rebuild.persons(
      page
        .filter((p) => p.status !== 'PURGED')
        .map((p) => ({
          id: p.id,
          status: p.status as Exclude<typeof p.status, 'PURGED'>,
          mergedInto: p.mergedInto,
        })),
    );
    report.persons += page.length;
    advance('persons', page.length);
  }
  for await (const page of identityRecords(databases.identity, pageSize)) {
    // A record whose link is under an open dispute stays out of link analysis.
    const disputed = new Set(
      (
        (await databases.identity.query(
          `SELECT record_key FROM dispute
            WHERE target = 'LINK' AND state = 'OPEN' AND record_key = ANY($1)`,
          [page.map((r) => r.key)],
        )) as { record_key: string }[]
      ).map((row) => row.record_key),
    );
    report.membershipsMoved += await rebuild.memberships(
      page.map((r) => ({
        recordKey: r.key,
        personId: r.personId,
        state: disputed.has(r.key) ? ('SUSPENDED' as const) : ('ACTIVE' as const),
      })),
    );
    report.memberships += page.length;
    advance('memberships', page.length);
  }
  for (const source of sources) {
    for await (const page of source.pages(pageSize)) {
      await rebuild.records(page);
      report.records[source.source] += page.length;
      advance(source.source, page.length);
    }
  }
  advance('cleanup', 0);
  const cleanup = await rebuild.finish();
  report.recordsDeleted = cleanup.deletedRecords;
  report.membershipsDeleted = cleanup.deletedMemberships;
  report.personsDeleted = cleanup.deletedPersons.length;

  const listeners = options.listeners ?? [];
  const notify = async (personIds: readonly string[]) => {
    if (personIds.length === 0) return;
    for (const listener of listeners) await listener.personsChanged(personIds);
    report.personsNotified += personIds.length;
    progress.personsNotified = report.personsNotified;
    advance('listeners', 0);
  };
  if (listeners.length > 0) {
    // Deleted persons too: a listener removes what it held for them.
    for (let i = 0; i < cleanup.deletedPersons.length; i += pageSize) {
      await notify(cleanup.deletedPersons.slice(i, i + pageSize));
    }
    for await (const page of rebuild.personIds(pageSize)) await notify(page);
  }
  report.seconds = (Date.now() - started) / 1000;
  return report;
}
