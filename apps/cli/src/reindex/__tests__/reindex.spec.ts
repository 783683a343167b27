import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  analysisEntities,
  analysisMigrations,
  PERSON_TOPIC,
  readModelSnapshot,
  ReadModelWriter,
  syntheticReadModelHistory,
  type PersonChange,
  type ReadModelListener,
  type ReadModelSnapshot,
} from '@mosaic/analysis-data';
import { ANALYSIS_SOURCE_TOPICS, analysisRecordFromEvent } from '@mosaic/analysis-model';
import type { EventEnvelope } from '@mosaic/event-bus';
import { FingerprintEnrollmentStore } from '@mosaic/fingerprint-data';
import { openServiceDataSource } from '@mosaic/persistence';
import { SeizureCaseStore } from '@mosaic/seizure-data';
import { TravelEncounterStore } from '@mosaic/travel-data';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { runCli } from '../../main';
import { openReindexDatabases, type OpenedReindexDatabases } from '../reindex-databases';
import { reindexReadModel } from '../reindex-read-model';

class RecordingListener implements ReadModelListener {
  readonly persons = new Set<string>();
  async personsChanged(personIds: readonly string[]): Promise<void> {
    personIds.forEach((id) => this.persons.add(id));
  }
}

describe('mosaic reindex (embedded: PGlite folders)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mosaic-reindex-'));
  const env = { MOSAIC_MODE: 'embedded', MOSAIC_DATA_DIR: dataDir };
  const history = syntheticReadModelHistory({
    persons: 40,
    seed: 17,
    overrides: { 'population.networkRate': '0.3' },
  });
  let opened: OpenedReindexDatabases | undefined;
  /** The read model as the projection builds it from the events the sources really published. */
  let projected: ReadModelSnapshot;

  const analysis = () => (opened as OpenedReindexDatabases).databases.analysis;

  /** A person identity holds with several records, none of them touched by `alter`. */
  const steadyPerson = () => {
    const counts = new Map<string, number>();
    for (const person of history.placement.values())
      counts.set(person, (counts.get(person) ?? 0) + 1);
    const [id, records] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] as [string, number];
    return { id, records };
  };

  /** Damage of every kind a rebuild must repair. */
  const alter = async (db: DataSource) => {
    const steady = steadyPerson().id;
    const keys = [...history.placement.keys()].filter((k) => history.placement.get(k) !== steady);
    const [gone, moved, bare] = [keys.slice(0, 5), keys.slice(5, 10), keys.slice(10, 12)];
    await db.query('DELETE FROM analysis_record WHERE key = ANY($1)', [gone]);
    await db.query('DELETE FROM analysis_membership WHERE record_key = ANY($1)', [gone]);
    const stray = uuidv7();
    await db.query(`INSERT INTO analysis_person (id, status) VALUES ($1, 'ACTIVE')`, [stray]);
    await db.query('UPDATE analysis_membership SET person_id = $1 WHERE record_key = ANY($2)', [
      stray,
      moved,
    ]);
    await db.query('UPDATE analysis_record SET person_id = $1 WHERE key = ANY($2)', [stray, moved]);
    await db.query('DELETE FROM analysis_identifier WHERE record_key = ANY($1)', [bare]);
    await db.query(`UPDATE analysis_person SET status = 'MERGED', merged_into = $1 WHERE id = $2`, [
      stray,
      history.placement.get(keys[20] as string),
    ]);
    // A record whose source no longer has it.
    await db.query(
      `INSERT INTO analysis_record (key, source, record_id, person_id, observed_at, event_id)
       VALUES ('travel:vanished', 'travel', 'vanished', $1, now(), $2)`,
      [stray, uuidv7()],
    );
    await db.query(
      `INSERT INTO analysis_membership (record_key, person_id, event_id) VALUES ('travel:vanished', $1, $2)`,
      [stray, uuidv7()],
    );
    return stray;
  };

  beforeAll(async () => {
    opened = await openReindexDatabases(env);
    const { databases } = opened;
    await databases.travel.transaction((m) =>
      new TravelEncounterStore().storeBatch(m, history.sources.travel as never),
    );
    await databases.seizure.transaction((m) =>
      new SeizureCaseStore().storeBatch(m, history.sources.seizure as never),
    );
    await databases.fingerprint.transaction((m) =>
      new FingerprintEnrollmentStore().storeBatch(m, history.sources.fingerprint as never),
    );

    // Identity's state at the end of the history: persons (merged ones pointing on), and records.
    await databases.identity.transaction(async (m) => {
      const persons = [...history.persons].sort((a, b) => a.sequence - b.sequence);
      await m.query(
        `INSERT INTO person (id, sequence, status)
         SELECT id, seq, 'ACTIVE' FROM unnest($1::uuid[], $2::bigint[]) AS p(id, seq)`,
        [persons.map((p) => p.id), persons.map((p) => p.sequence)],
      );
      for (const p of persons) {
        if (p.status !== 'ACTIVE' || p.splitFrom) {
          await m.query(
            'UPDATE person SET status = $2, merged_into = $3, split_from = $4 WHERE id = $1',
            [p.id, p.status, p.mergedInto, p.splitFrom],
          );
        }
      }
      const keys = [...history.placement.keys()];
      await m.query(
        `INSERT INTO identity_record (key, source, record_id, person_id, observed_at, biographic, event_id)
         SELECT k, split_part(k, ':', 1), substr(k, strpos(k, ':') + 1), p, now(), '{}'::jsonb, e
           FROM unnest($1::text[], $2::uuid[], $3::uuid[]) AS r(k, p, e)`,
        [keys, keys.map((k) => history.placement.get(k)), keys.map(() => uuidv7())],
      );
    });

    // The projection's view: the sources' outbox events and identity's person events.
    const sourceEvents: { topic: string; envelope: EventEnvelope }[] = [];
    for (const [source, topic] of Object.entries(ANALYSIS_SOURCE_TOPICS)) {
      const rows = (await databases[source as keyof typeof ANALYSIS_SOURCE_TOPICS].query(
        'SELECT envelope FROM outbox WHERE topic = $1 ORDER BY position',
        [topic],
      )) as { envelope: EventEnvelope }[];
      sourceEvents.push(...rows.map((r) => ({ topic, envelope: r.envelope })));
    }
    expect(sourceEvents).toHaveLength(history.sourceEvents.length);
    await new ReadModelWriter().write(databases.analysis, {
      records: sourceEvents.map((e) => ({
        eventId: e.envelope.eventId,
        topic: e.topic,
        record: analysisRecordFromEvent(e.topic, e.envelope.payload),
      })),
      persons: history.personEvents.map((e) => ({
        eventId: e.eventId,
        topic: PERSON_TOPIC,
        change: e.payload as PersonChange,
      })),
    });
    projected = await readModelSnapshot(databases.analysis);
  }, 180_000);

  afterAll(async () => {
    await opened?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('rebuilds a damaged read model into the one the projection built, while queries keep answering', async () => {
    const stray = await alter(analysis());
    expect(await readModelSnapshot(analysis())).not.toEqual(projected);
    const steady = steadyPerson();
    const listener = new RecordingListener();

    let done = false;
    const answers: number[] = [];
    const reader = (async () => {
      while (!done) {
        const [row] = (await analysis().query(
          'SELECT count(*)::int AS n FROM analysis_record WHERE person_id = $1',
          [steady.id],
        )) as { n: number }[];
        answers.push(row?.n ?? 0);
      }
    })();
    const report = await reindexReadModel((opened as OpenedReindexDatabases).databases, {
      pageSize: 25,
      listeners: [listener],
    }).finally(() => (done = true));
    await reader;

    expect(await readModelSnapshot(analysis())).toEqual(projected);
    // Every query during the rebuild found the person's records: nothing was emptied first.
    expect(answers.length).toBeGreaterThan(1);
    expect(new Set(answers)).toEqual(new Set([steady.records]));
    expect(report).toMatchObject({
      records: {
        travel: history.sources.travel.length,
        seizure: history.sources.seizure.flatMap((c) => c.subjects).length,
        fingerprint: history.sources.fingerprint.length,
      },
      recordsDeleted: 1,
      persons: history.persons.length,
      personsDeleted: 1,
      memberships: history.placement.size,
      membershipsDeleted: 1,
    });
    // The 5 records the damage removed and the 5 it put on a stray person.
    expect(report.membershipsMoved).toBe(10);
    // Every person is re-indexed, and the one that no longer exists is removed.
    expect(listener.persons).toEqual(new Set([...history.persons.map((p) => p.id), stray]));
  });

  it('runs as `mosaic reindex` on the services’ data folders and reports what it did', async () => {
    await analysis().query(
      'TRUNCATE analysis_identifier, analysis_record, analysis_membership, analysis_person',
    );
    await opened?.close();
    opened = undefined;

    let stdout = '';
    const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout += String(chunk);
      return true;
    });
    const saved = { ...process.env };
    Object.assign(process.env, env);
    for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'SEARCH_URL']) delete process.env[name];
    let code: number;
    try {
      code = await runCli(['reindex', '--no-progress', '--page-size', '50']);
    } finally {
      process.env = saved;
      out.mockRestore();
    }
    expect(code).toBe(0);
    const records = history.placement.size;
    expect(stdout).toContain(
      `reindex: ${records} records (travel ${history.sources.travel.length}, seizure ${
        history.sources.seizure.flatMap((c) => c.subjects).length
      }, fingerprint ${history.sources.fingerprint.length}), 0 deleted`,
    );
    expect(stdout).toContain(`reindex: ${history.persons.length} persons, 0 deleted`);

    const reopened = await openServiceDataSource({
      database: { kind: 'pglite', dataDir: join(dataDir, 'analysis') },
      entities: analysisEntities,
      migrations: analysisMigrations,
    });
    try {
      expect(await readModelSnapshot(reopened)).toEqual(projected);
    } finally {
      await reopened.destroy();
    }
  });

  it('refuses a page size it cannot use, naming the option', async () => {
    let stderr = '';
    const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    });
    try {
      expect(await runCli(['reindex', '--page-size', '0'])).not.toBe(0);
    } finally {
      err.mockRestore();
    }
    expect(stderr).toContain('--page-size must be a whole number from 1 to 10000');
  });
});
