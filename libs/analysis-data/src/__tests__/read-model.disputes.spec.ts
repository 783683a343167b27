import type { AnalysisRecord, Neighbourhood } from '@mosaic/analysis-model';
import { EDGE_TYPES } from '@mosaic/analysis-model';
import { createServiceDataSource } from '@mosaic/persistence';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  analysisMigrations,
  PERSON_TOPIC,
  PersonDocumentReader,
  PgLinkGraph,
  ReadModelWriter,
  type PersonChange,
  type ReadModelPersonEvent,
} from '..';

/** A seizure subject of case `caseId`, carrying `phones`. */
function subject(recordId: string, caseId: string, phones: string[] = []): AnalysisRecord {
  return {
    key: `seizure:${recordId}`,
    source: 'seizure',
    recordId,
    observedAt: '2026-02-01T10:00:00.000Z',
    givenNames: 'Ana',
    surname: `Subject ${recordId}`,
    dateOfBirth: '1990',
    sex: 'F',
    nationality: 'PRT',
    nameTokens: ['ANA', 'SUBJECT', recordId.toUpperCase()],
    phoneticKeys: [],
    identifiers: phones.map((p) => ({ kind: 'PHONE' as const, value: p, display: p })),
    caseId,
    caseNumber: caseId,
    role: 'SUSPECT',
    carrier: null,
    flight: null,
    port: null,
    direction: null,
  };
}

function personEvent(
  change: PersonChange['change'],
  personId: string,
  recordKeys: string[],
  extra: Partial<PersonChange> = {},
): ReadModelPersonEvent {
  return {
    eventId: uuidv7(),
    topic: PERSON_TOPIC,
    change: {
      personId,
      change,
      records: recordKeys.map((k) => {
        const [source, recordId] = k.split(/:(.*)/s) as [string, string];
        return { source: source as 'seizure', recordId };
      }),
      mergedInto: null,
      splitFrom: null,
      into: [],
      modelVersion: 'm',
      thresholdVersion: 't',
      ...extra,
    },
  };
}

/**
 * What identity.person.v1's dispute and retention changes do to the analysis
 * read model: a suspended record stops tying its person to anyone until it is
 * restored or separated; a removed record is gone for good.
 */
describe('read model: disputes and retention', () => {
  let db: DataSource;
  let graph: PgLinkGraph;
  const writer = new ReadModelWriter();
  const personA = uuidv7();
  const personB = uuidv7();
  // A's two records: a shared case with B (a1), and nothing in common with anyone (a2).
  const a1 = subject(`A1-${uuidv7()}`, 'K-1');
  const a2 = subject(`A2-${uuidv7()}`, 'K-2');
  const b1 = subject(`B1-${uuidv7()}`, 'K-1');

  const apply = (persons: ReadModelPersonEvent[], records: AnalysisRecord[] = []) =>
    writer.write(db, {
      records: records.map((record) => ({
        eventId: uuidv7(),
        topic: 'seizure.subject.v1',
        record,
      })),
      persons,
    });
  const neighbours = (personId: string): Promise<Neighbourhood> =>
    graph.neighbors({ personId, hops: 1, edgeTypes: EDGE_TYPES, window: {} });
  const tiedTo = async (personId: string) =>
    (await neighbours(personId)).nodes.filter((n) => n.hops === 1).map((n) => n.personId);
  const membership = async (key: string) =>
    (
      (await db.query(
        'SELECT person_id::text, state FROM analysis_membership WHERE record_key = $1',
        [key],
      )) as { person_id: string; state: string }[]
    )[0];

  beforeAll(async () => {
    db = await createServiceDataSource({
      database: { kind: 'pglite', dataDir: 'memory://' },
      migrations: analysisMigrations,
    });
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
    graph = new PgLinkGraph({ session: db });
    await apply(
      [
        personEvent('CREATED', personA, [a1.key, a2.key]),
        personEvent('CREATED', personB, [b1.key]),
      ],
      [a1, a2, b1],
    );
  }, 60_000);

  afterAll(async () => {
    if (db?.isInitialized) await db.destroy();
  });

  it('hides a suspended record from the link graph and search, and brings it back when restored', async () => {
    expect(await tiedTo(personA)).toEqual([personB]);

    const suspended = await apply([personEvent('SUSPENDED', personA, [a1.key])]);
    expect(suspended.changedPersons).toContain(personA);
    expect(await membership(a1.key)).toEqual({ person_id: personA, state: 'SUSPENDED' });
    expect(await tiedTo(personA)).toEqual([]);
    expect(await tiedTo(personB)).toEqual([]);
    // Search no longer finds A through the disputed record; B is untouched.
    const [document] = await new PersonDocumentReader(db).read([personA]);
    expect(document?.names.some((n) => n.includes(a1.recordId))).toBe(false);
    expect(document?.names.some((n) => n.includes(a2.recordId))).toBe(true);

    const restored = await apply([personEvent('RESTORED', personA, [a1.key])]);
    expect(restored.changedPersons).toContain(personA);
    expect(await membership(a1.key)).toEqual({ person_id: personA, state: 'ACTIVE' });
    expect(await tiedTo(personA)).toEqual([personB]);
  });

  it('keeps a suspended record suspended when its person merges, and whatever order the events come in', async () => {
    const survivor = uuidv7();
    const suspend = personEvent('SUSPENDED', personA, [a1.key]);
    const merged = personEvent('MERGED', personA, [a1.key, a2.key], { mergedInto: survivor });
    const added = personEvent('RECORDS_ADDED', survivor, [a1.key, a2.key]);
    // The merge's events are newer, but arrive first (another partition).
    await apply([added]);
    await apply([merged, suspend]);
    expect(await membership(a1.key)).toEqual({ person_id: survivor, state: 'SUSPENDED' });
    expect(await tiedTo(survivor)).toEqual([]);

    // Upheld: the record leaves for a person of its own and counts there.
    const separated = uuidv7();
    await apply([
      personEvent('CREATED', separated, [a1.key], { splitFrom: survivor }),
      personEvent('SPLIT', survivor, [a1.key], { into: [separated] }),
    ]);
    expect(await membership(a1.key)).toEqual({ person_id: separated, state: 'ACTIVE' });
    expect(await tiedTo(separated)).toEqual([personB]);
    expect(await tiedTo(survivor)).toEqual([]);

    // A stale RESTORED or SUSPENDED older than the split changes nothing.
    const stale = {
      ...personEvent('SUSPENDED', survivor, [a1.key]),
      eventId: suspend.eventId.replace(/^(.{8})/, '00000000'),
    };
    await apply([stale]);
    expect(await membership(a1.key)).toEqual({ person_id: separated, state: 'ACTIVE' });
  });

  it('deletes records removed by retention, and a late event cannot bring them back', async () => {
    const holder = uuidv7();
    const gone = subject(`G-${uuidv7()}`, 'K-9', ['+351911111111']);
    await apply([personEvent('CREATED', holder, [gone.key])], [gone]);
    expect(await membership(gone.key)).toBeDefined();

    const removed = await apply([personEvent('RECORDS_REMOVED', holder, [gone.key])]);
    expect(removed.changedPersons).toContain(holder);
    const count = async (sql: string) =>
      ((await db.query(sql, [gone.key])) as { n: number }[])[0]?.n;
    expect(await count('SELECT count(*)::int AS n FROM analysis_record WHERE key = $1')).toBe(0);
    expect(
      await count('SELECT count(*)::int AS n FROM analysis_identifier WHERE record_key = $1'),
    ).toBe(0);
    expect(
      await count('SELECT count(*)::int AS n FROM analysis_membership WHERE record_key = $1'),
    ).toBe(0);

    // The source event replayed, and a placement delivered late: still gone.
    await apply([personEvent('RECORDS_ADDED', holder, [gone.key])], [gone]);
    expect(await count('SELECT count(*)::int AS n FROM analysis_record WHERE key = $1')).toBe(0);
    expect(
      await count('SELECT count(*)::int AS n FROM analysis_membership WHERE record_key = $1'),
    ).toBe(0);
  });
});
