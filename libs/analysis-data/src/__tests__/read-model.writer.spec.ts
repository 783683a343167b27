import { analysisRecordFromEvent } from '@mosaic/analysis-model';
import type { EventEnvelope } from '@mosaic/event-bus';
import { createServiceDataSource } from '@mosaic/persistence';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  analysisEntities,
  analysisMigrations,
  interleavePersonEvents,
  PERSON_TOPIC,
  readModelSnapshot,
  ReadModelWriter,
  syntheticReadModelHistory,
  type PersonChange,
  type ReadModelBatch,
} from '..';

const history = syntheticReadModelHistory({
  persons: 60,
  seed: 7,
  // Networks make seizure cases (and their subjects' identifiers).
  overrides: { 'population.networkRate': '0.3' },
});

type Delivered = { topic: string; envelope: EventEnvelope };

const sourceEvents: Delivered[] = history.sourceEvents;
const personEvents: Delivered[] = history.personEvents.map((envelope) => ({
  topic: PERSON_TOPIC,
  envelope,
}));

function toBatch(events: readonly Delivered[]): ReadModelBatch {
  return {
    records: events
      .filter((e) => e.topic !== PERSON_TOPIC)
      .map((e) => ({
        eventId: e.envelope.eventId,
        topic: e.topic,
        record: analysisRecordFromEvent(e.topic, e.envelope.payload),
      })),
    persons: events
      .filter((e) => e.topic === PERSON_TOPIC)
      .map((e) => ({
        eventId: e.envelope.eventId,
        topic: e.topic,
        change: e.envelope.payload as PersonChange,
      })),
  };
}

describe('ReadModelWriter (PGlite)', () => {
  let db: DataSource;
  const writer = new ReadModelWriter();

  const deliver = async (events: readonly Delivered[], batchSize = 40) => {
    const changed = new Set<string>();
    for (let i = 0; i < events.length; i += batchSize) {
      const result = await writer.write(db, toBatch(events.slice(i, i + batchSize)));
      result.changedPersons.forEach((p) => changed.add(p));
    }
    return changed;
  };

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

  beforeEach(async () => {
    await db.query(
      'TRUNCATE analysis_identifier, analysis_record, analysis_membership, analysis_person, processed_event',
    );
  });

  it('places every record on the person identity resolved it into, with merged persons marked', async () => {
    await deliver([...sourceEvents, ...personEvents]);
    const snapshot = await readModelSnapshot(db);

    expect(snapshot.records).toHaveLength(sourceEvents.length);
    const placed = new Map(snapshot.records.map((r) => [r['key'] as string, r['person_id']]));
    expect(placed).toEqual(history.placement);
    // One person per true person: every record of a true person, and only those, on one person.
    for (const [key, truePerson] of history.truth) {
      expect(placed.get(key)).toBe(history.personOfTruth.get(truePerson));
    }
    const persons = new Map(snapshot.persons.map((p) => [p.id, p]));
    expect(persons.size).toBe(history.persons.length);
    for (const p of history.persons) {
      expect(persons.get(p.id)).toEqual({ id: p.id, status: p.status, merged_into: p.mergedInto });
    }
    expect(history.merged.length).toBeGreaterThan(0);
    expect(history.split.length).toBeGreaterThan(0);
  });

  it('gives the same read model whether records or person events come first, in any interleaving', async () => {
    await deliver([...sourceEvents, ...personEvents]);
    const recordsFirst = await readModelSnapshot(db);

    await db.query(
      'TRUNCATE analysis_identifier, analysis_record, analysis_membership, analysis_person, processed_event',
    );
    await deliver([...personEvents, ...sourceEvents]);
    expect(await readModelSnapshot(db)).toEqual(recordsFirst);

    // Persons' events interleaved across persons (each person's own events stay in order),
    // mixed with source events, in batches of another size.
    await db.query(
      'TRUNCATE analysis_identifier, analysis_record, analysis_membership, analysis_person, processed_event',
    );
    const shuffled = interleavePersonEvents(history.personEvents, 99).map((envelope) => ({
      topic: PERSON_TOPIC,
      envelope,
    }));
    const mixed: Delivered[] = [];
    for (let i = 0; i < Math.max(shuffled.length, sourceEvents.length); i++) {
      if (shuffled[i]) mixed.push(shuffled[i] as Delivered);
      if (sourceEvents[i]) mixed.push(sourceEvents[i] as Delivered);
    }
    await deliver(mixed, 17);
    expect(await readModelSnapshot(db)).toEqual(recordsFirst);
  });

  it("moves a merged person's records to the person it was merged into and reports both as changed", async () => {
    const [r1, r2] = sourceEvents as [Delivered, Delivered];
    const key = (e: Delivered) => analysisRecordFromEvent(e.topic, e.envelope.payload).key;
    const a = uuidv7();
    const b = uuidv7();
    const change = (
      personId: string,
      kind: PersonChange['change'],
      record: Delivered,
      mergedInto: string | null = null,
    ): Delivered => {
      const [source, recordId] = key(record).split(/:(.*)/s) as [string, string];
      const payload: PersonChange = {
        personId,
        change: kind,
        records: [{ source: source as 'travel', recordId }],
        mergedInto,
        splitFrom: null,
        into: [],
        modelVersion: 'm',
        thresholdVersion: 't',
      };
      return {
        topic: PERSON_TOPIC,
        envelope: {
          eventId: uuidv7(),
          type: 'identity.person.changed',
          occurredAt: new Date().toISOString(),
          source: 'identity',
          key: personId,
          schemaVersion: 1,
          payload,
        },
      };
    };
    await deliver([r1, r2, change(a, 'CREATED', r1), change(b, 'CREATED', r2)]);
    const personOf = async (k: string) =>
      (
        (await db.query('SELECT person_id::text FROM analysis_record WHERE key = $1', [k])) as {
          person_id: string | null;
        }[]
      )[0]?.person_id;
    expect(await personOf(key(r2))).toBe(b);

    const merged = await writer.write(
      db,
      toBatch([change(b, 'MERGED', r2, a), change(a, 'RECORDS_ADDED', r2)]),
    );
    expect(await personOf(key(r1))).toBe(a);
    expect(await personOf(key(r2))).toBe(a);
    expect(new Set(merged.changedPersons)).toEqual(new Set([a, b]));
    const persons = (await db.query(
      'SELECT id::text, status, merged_into::text FROM analysis_person ORDER BY status',
    )) as { id: string; status: string; merged_into: string | null }[];
    expect(persons).toEqual([
      { id: a, status: 'ACTIVE', merged_into: null },
      { id: b, status: 'MERGED', merged_into: a },
    ]);
  });

  it('changes nothing when a batch is delivered again, and names its persons for listeners to catch up', async () => {
    const batch = [...sourceEvents.slice(0, 30), ...personEvents.slice(0, 30)];
    const rejected = { eventId: uuidv7(), topic: 'travel.encounter.v1' };
    const first = await writer.write(db, { ...toBatch(batch), rejected: [rejected] });
    expect(first.applied).toBe(batch.length);
    expect(first.freshRejected).toEqual(new Set([rejected.eventId]));
    expect(first.changedPersons.length).toBeGreaterThan(0);
    const before = await readModelSnapshot(db);

    const again = await writer.write(db, { ...toBatch(batch), rejected: [rejected] });
    expect(again).toMatchObject({ applied: 0, duplicates: batch.length, changedPersons: [] });
    expect(again.freshRejected.size).toBe(0);
    expect(new Set(again.redeliveredPersons)).toEqual(new Set(first.changedPersons));
    expect(await readModelSnapshot(db)).toEqual(before);
  });

  it("keeps a record's identifiers, folded for matching and as recorded for display", async () => {
    const seizure = sourceEvents.find(
      (e) =>
        e.topic === 'seizure.subject.v1' &&
        analysisRecordFromEvent(e.topic, e.envelope.payload).identifiers.length > 1,
    ) as Delivered;
    await deliver([seizure]);
    const record = analysisRecordFromEvent(seizure.topic, seizure.envelope.payload);
    const rows = (await db.query(
      'SELECT kind, value, display FROM analysis_identifier WHERE record_key = $1',
      [record.key],
    )) as { kind: string; value: string; display: string }[];
    expect(rows.length).toBe(record.identifiers.length);
    expect(rows).toEqual(expect.arrayContaining(record.identifiers));
  });
});
