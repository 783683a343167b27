import { analysisRecordFromEvent, type AnalysisRecord } from '@mosaic/analysis-model';
import { createServiceDataSource } from '@mosaic/persistence';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  analysisEntities,
  analysisMigrations,
  PERSON_TOPIC,
  ReadModelRebuild,
  ReadModelWriter,
  REBUILD_MARKER_MARGIN_MS,
  syntheticReadModelHistory,
  type PersonChange,
} from '..';

const history = syntheticReadModelHistory({ persons: 10, seed: 3 });
const records: AnalysisRecord[] = history.sourceEvents.map((e) =>
  analysisRecordFromEvent(e.topic, e.envelope.payload),
);

describe('ReadModelRebuild racing the projection (PGlite)', () => {
  let db: DataSource;
  const writer = new ReadModelWriter();

  const personEvent = (
    personId: string,
    change: PersonChange['change'],
    record: AnalysisRecord,
    eventId = uuidv7(),
    mergedInto: string | null = null,
  ) => ({
    eventId,
    topic: PERSON_TOPIC,
    change: {
      personId,
      change,
      records: [{ source: record.source, recordId: record.recordId }],
      mergedInto,
      splitFrom: null,
      into: [],
      modelVersion: 'm',
      thresholdVersion: 't',
    },
  });
  const personOf = async (key: string) =>
    (
      (await db.query('SELECT person_id::text FROM analysis_record WHERE key = $1', [key])) as {
        person_id: string | null;
      }[]
    )[0]?.person_id;
  const statusOf = async (id: string) =>
    (
      (await db.query('SELECT status FROM analysis_person WHERE id = $1', [id])) as {
        status: string;
      }[]
    )[0]?.status;

  beforeAll(async () => {
    db = await createServiceDataSource({
      database: { kind: 'pglite', dataDir: 'memory://' },
      entities: analysisEntities,
      migrations: analysisMigrations,
    });
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
  }, 60_000);

  afterAll(async () => {
    if (db?.isInitialized) await db.destroy();
  });

  it("keeps what the projection applied after the rebuild began, and loses nothing of identity's state to older events", async () => {
    const [a, b, c, gone] = records as [
      AnalysisRecord,
      AnalysisRecord,
      AnalysisRecord,
      AnalysisRecord,
    ];
    const p = uuidv7();
    const q = uuidv7();
    // Before the rebuild: all four records, on p.
    await writer.write(db, {
      records: [a, b, c, gone].map((record) => ({ eventId: uuidv7(), topic: 't', record })),
      persons: [
        personEvent(p, 'CREATED', a),
        personEvent(p, 'RECORDS_ADDED', b),
        personEvent(p, 'RECORDS_ADDED', c),
        personEvent(p, 'RECORDS_ADDED', gone),
      ],
    });

    const rebuild = await ReadModelRebuild.begin(db);
    // The projection, meanwhile: b moves to q, and p is merged into q (newer than identity's
    // state as the rebuild reads it below).
    await writer.write(db, {
      records: [],
      persons: [
        personEvent(q, 'CREATED', b),
        personEvent(p, 'MERGED', c, uuidv7(), q),
        personEvent(q, 'RECORDS_ADDED', c),
      ],
    });
    // Identity's state as the rebuild read it a moment earlier: everything on p, p active.
    await rebuild.persons([{ id: p, status: 'ACTIVE', mergedInto: null }]);
    await rebuild.memberships([a, b, c].map((r) => ({ recordKey: r.key, personId: p })));
    await rebuild.records([a, b, c].map((record) => ({ record, eventId: null })));

    expect(await personOf(a.key)).toBe(p);
    expect(await personOf(b.key)).toBe(q);
    expect(await personOf(c.key)).toBe(q);
    expect(await statusOf(p)).toBe('MERGED');

    // An event older than the rebuild's marker (created before it began, delivered late) loses.
    const stale = uuidv7({ msecs: rebuild.startedAt.getTime() - 2 * REBUILD_MARKER_MARGIN_MS });
    await writer.write(db, { records: [], persons: [personEvent(q, 'RECORDS_ADDED', a, stale)] });
    expect(await personOf(a.key)).toBe(p);
    // A newer one wins.
    await writer.write(db, { records: [], persons: [personEvent(q, 'RECORDS_ADDED', a)] });
    expect(await personOf(a.key)).toBe(q);

    // `gone` no longer exists at its source: no page wrote it, so finish removes it.
    const cleanup = await rebuild.finish();
    expect(cleanup).toMatchObject({ deletedRecords: 1, deletedMemberships: 1 });
    expect(await personOf(gone.key)).toBeUndefined();
    expect(await personOf(b.key)).toBe(q);
  });
});
