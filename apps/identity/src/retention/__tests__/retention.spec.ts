import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  createEnvelope,
  deadLetterTopic,
  type DeadLetter,
  type EventBus,
  type EventEnvelope,
  type Subscription,
} from '@mosaic/event-bus';
import {
  IDENTITY_PERSON_TOPIC,
  identityEntities,
  identityMigrations,
  type IdentityPersonEvent,
} from '@mosaic/identity-data';
import { SOURCE_TOPICS } from '@mosaic/resolution';
import {
  IDENTITY_RECORD_TYPES,
  RETENTION_TOMBSTONE_TOPIC,
  retentionTombstones,
  type RetentionSource,
} from '@mosaic/retention';
import {
  closeEmbeddedBus,
  EVENT_BUS,
  SERVICE_DATA_SOURCE,
  ServiceModule,
} from '@mosaic/service-kit';
import type { DataSource } from 'typeorm';
import { loadIdentityConfig } from '../../config/identity.config';
import { ResolutionConsumer } from '../../resolution/resolution.consumer';
import { ResolutionModule } from '../../resolution/resolution.module';
import { syntheticSourceEvents } from '../../resolution/__tests__/synthetic-source-events';
import { trainTestModel } from '../../resolution/__tests__/test-model';
import { remainderAfterPurge } from '../person-parts';
import { RetentionConsumer } from '../retention.consumer';
import { RetentionModule } from '../retention.module';

async function waitFor(what: string, done: () => Promise<boolean>, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const PURGE = {
  purgedAt: new Date('2026-01-01T00:00:00Z'),
  cutoff: new Date('2023-01-02T00:00:00Z'),
  retentionDays: 1095,
};

/** As the sources write them: one tombstone per record, naming the event that had carried it. */
function tombstoneEnvelopes(keys: readonly string[], eventIdOf: ReadonlyMap<string, string>) {
  return keys.flatMap((key) => {
    const at = key.indexOf(':');
    const source = key.slice(0, at) as RetentionSource;
    const removed = {
      recordType: IDENTITY_RECORD_TYPES[source],
      recordId: key.slice(at + 1),
      sourceEventIds: [eventIdOf.get(key) as string],
    };
    return retentionTombstones(source, [removed], PURGE).map((event) => createEnvelope(event));
  });
}

interface PersonRow {
  id: string;
  status: string;
  split_from: string | null;
}

describe('identity applies retention tombstones (embedded: PGlite, in-process bus)', () => {
  const model = trainTestModel({ seed: 101, persons: 1_000 });
  const source = syntheticSourceEvents({
    persons: 80,
    seed: 31,
    overrides: { 'population.networkRate': '0.2', 'seizure.loneCaseRate': '0.05' },
  });
  const eventIdOf = new Map<string, string>();
  for (const [topic, envelopes] of source.byTopic) {
    const prefix = Object.entries(SOURCE_TOPICS).find(([, t]) => t === topic)?.[0] as string;
    for (const e of envelopes) eventIdOf.set(`${prefix}:${e.key}`, e.eventId);
  }
  let app: INestApplication;
  let dataDir: string;
  let db: DataSource;
  let bus: EventBus;
  let retention: RetentionConsumer;
  let resolution: ResolutionConsumer;
  const personEvents: EventEnvelope<IdentityPersonEvent>[] = [];
  const deadLetters: EventEnvelope<DeadLetter>[] = [];
  const subscriptions: Subscription[] = [];
  /** One source event held back: its record is purged before identity ever sees it. */
  let late: { topic: string; envelope: EventEnvelope; key: string };
  /** The tombstones the first test applied, for the redelivery test. */
  const applied: EventEnvelope[] = [];

  const rows = <T>(sql: string, params: unknown[] = []) => db.query(sql, params) as Promise<T[]>;
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await rows<{ n: string }>(sql, params))[0]?.n ?? 0);
  const membersOf = async () => {
    const members = new Map<string, string[]>();
    for (const r of await rows<{ person_id: string; key: string }>(
      'SELECT person_id, key FROM identity_record ORDER BY person_id, seq',
    )) {
      members.set(r.person_id, [...(members.get(r.person_id) ?? []), r.key]);
    }
    return members;
  };
  const edgesOf = async (personId: string) =>
    (
      await rows<{ a_key: string; b_key: string }>(
        'SELECT a_key, b_key FROM person_link WHERE person_id = $1',
        [personId],
      )
    ).map((e) => ({ a: e.a_key, b: e.b_key }));

  /** Every `identity.person.v1` event written so far has reached the test's subscriber. */
  const allPersonEventsDelivered = () =>
    waitFor('the identity outbox to be relayed', async () => {
      const [row] = await rows<{ total: string; published: string }>(
        `SELECT count(*) AS total, count(published_at) AS published FROM outbox WHERE topic = $1`,
        [IDENTITY_PERSON_TOPIC],
      );
      const total = Number(row?.total ?? -1);
      return Number(row?.published) === total && personEvents.length === total;
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mosaic-identity-retention-'));
    const config = loadIdentityConfig({
      MOSAIC_DATA_DIR: dataDir,
      MOSAIC_IDENTITY_BATCH_SIZE: '50',
    });
    const resolutionModule = ResolutionModule.register(config, { modelBootstrap: () => model });
    @Module({})
    class RetentionTestModule {}
    const root: DynamicModule = {
      module: RetentionTestModule,
      imports: [
        ServiceModule.forRoot({
          config,
          entities: identityEntities,
          migrations: identityMigrations,
          outbox: true,
        }),
        resolutionModule,
        RetentionModule.register(config, resolutionModule),
      ],
    };
    app = await NestFactory.create(root, { logger: false, abortOnError: false });
    await app.init();
    db = app.get<DataSource>(SERVICE_DATA_SOURCE);
    bus = app.get<EventBus>(EVENT_BUS);
    retention = app.get(RetentionConsumer);
    resolution = app.get(ResolutionConsumer);
    subscriptions.push(
      await bus.subscribe({
        groupId: 'test-person-events',
        topics: [IDENTITY_PERSON_TOPIC],
        handler: async ({ envelope }) => {
          personEvents.push(envelope as EventEnvelope<IdentityPersonEvent>);
        },
      }),
      await bus.subscribe({
        groupId: 'test-dead-letters',
        topics: [deadLetterTopic(RETENTION_TOMBSTONE_TOPIC)],
        handler: async ({ envelope }) => {
          deadLetters.push(envelope as EventEnvelope<DeadLetter>);
        },
      }),
    );
    const travel = source.byTopic.get(SOURCE_TOPICS.travel) as EventEnvelope[];
    const held = travel.at(-1) as EventEnvelope;
    late = { topic: SOURCE_TOPICS.travel, envelope: held, key: `travel:${held.key}` };
    for (const [topic, envelopes] of source.byTopic) {
      await bus.publish(
        topic,
        envelopes.filter((e) => e !== held),
      );
    }
    await waitFor('every source event but one to be resolved', async () => {
      return (await count('SELECT count(*) AS n FROM processed_event')) === source.count - 1;
    });
  }, 300_000);

  afterAll(async () => {
    for (const s of subscriptions) await s.close();
    await app?.close();
    await closeEmbeddedBus();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('removes purged records everywhere, keeps persons consistent, and says so on identity.person.v1', async () => {
    const before = await membersOf();
    // A person whose records fall apart without one of them, one that loses a record and
    // stays whole, and one that loses every record.
    let splitting: { personId: string; cut: string } | undefined;
    let shrinking: { personId: string; cut: string } | undefined;
    let emptying: { personId: string; records: string[] } | undefined;
    for (const [personId, records] of before) {
      if (records.length < 2) continue;
      const edges = await edgesOf(personId);
      const cuts = records.map((cut) => ({
        cut,
        kind: remainderAfterPurge(records, edges, new Set([cut])).kind,
      }));
      const splitCut = cuts.find((c) => c.kind === 'SPLIT');
      const intactCut = cuts.find((c) => c.kind === 'INTACT');
      if (!splitting && splitCut) splitting = { personId, cut: splitCut.cut };
      else if (!shrinking && intactCut) shrinking = { personId, cut: intactCut.cut };
      else if (!emptying) emptying = { personId, records };
    }
    expect({ splitting: !!splitting, shrinking: !!shrinking, emptying: !!emptying }).toEqual({
      splitting: true,
      shrinking: true,
      emptying: true,
    });
    const { personId: splitId, cut } = splitting!;
    const purged = [cut, shrinking!.cut, ...emptying!.records, late.key];
    const purgedOf = new Map([
      [splitId, [cut]],
      [shrinking!.personId, [shrinking!.cut]],
      [emptying!.personId, emptying!.records],
    ]);
    expect(
      await count(
        `SELECT count(*) AS n FROM link_decision WHERE a_key = ANY($1) OR b_key = ANY($1)`,
        [purged],
      ),
    ).toBeGreaterThan(0);

    // Resolution's own person events are all delivered before the tombstones go out.
    await allPersonEventsDelivered();
    const seen = personEvents.length;
    const envelopes = tombstoneEnvelopes(purged, eventIdOf);
    applied.push(...envelopes);
    await bus.publish(RETENTION_TOMBSTONE_TOPIC, envelopes);
    await waitFor('the tombstones to be applied', async () => {
      expect(deadLetters.map((d) => d.payload.error)).toEqual([]);
      return (
        (await count('SELECT count(*) AS n FROM processed_event WHERE event_id = ANY($1)', [
          envelopes.map((e) => e.eventId),
        ])) === envelopes.length
      );
    });

    // Gone from every table that held or explained them, and from the candidate index.
    for (const sql of [
      'SELECT count(*) AS n FROM identity_record WHERE key = ANY($1)',
      'SELECT count(*) AS n FROM person_link WHERE a_key = ANY($1) OR b_key = ANY($1)',
      'SELECT count(*) AS n FROM link_decision WHERE a_key = ANY($1) OR b_key = ANY($1)',
      'SELECT count(*) AS n FROM review_item WHERE a_key = ANY($1) OR b_key = ANY($1)',
      'SELECT count(*) AS n FROM cannot_link WHERE a_key = ANY($1) OR b_key = ANY($1)',
      'SELECT count(*) AS n FROM candidate_record WHERE key = ANY($1)',
    ]) {
      expect({ sql, n: await count(sql, [purged]) }).toEqual({ sql, n: 0 });
    }
    // Everything else is where it was.
    const after = await membersOf();
    const untouched = [...before].filter(([id]) => !purgedOf.has(id));
    for (const [id, records] of untouched) expect(after.get(id)).toEqual(records);

    const persons = new Map(
      (await rows<PersonRow>('SELECT id, status, split_from FROM person')).map((p) => [p.id, p]),
    );
    expect(persons.get(emptying!.personId)?.status).toBe('PURGED');
    expect(after.has(emptying!.personId)).toBe(false);
    expect(after.get(shrinking!.personId)).toEqual(
      before.get(shrinking!.personId)?.filter((k) => k !== shrinking!.cut),
    );
    // The split: the part with the oldest record keeps the id, the others are new persons.
    const parts = [...persons.values()].filter((p) => p.split_from === splitId);
    expect(parts.length).toBeGreaterThan(0);
    const remaining = (before.get(splitId) ?? []).filter((k) => k !== cut);
    expect(after.get(splitId)?.[0]).toBe(remaining[0]);
    expect(
      [splitId, ...parts.map((p) => p.id)].flatMap((id) => after.get(id) ?? []).sort(),
    ).toEqual([...remaining].sort());
    // Every active person is still held together by its own links.
    for (const [id, records] of after) {
      expect({ id, status: persons.get(id)?.status }).toEqual({ id, status: 'ACTIVE' });
      expect({ id, kind: remainderAfterPurge(records, await edgesOf(id), new Set()).kind }).toEqual(
        { id, kind: 'INTACT' },
      );
    }

    await waitFor('the person events', async () =>
      personEvents
        .slice(seen)
        .some((e) => e.payload.change === 'SPLIT' && e.payload.personId === splitId),
    );
    const events = personEvents.slice(seen).map((e) => e.payload);
    // Tombstones arrive in batches (by partition), each batch with its own events.
    const removedOf = new Map<string, string[]>();
    for (const e of events.filter((e) => e.change === 'RECORDS_REMOVED')) {
      removedOf.set(e.personId, [
        ...(removedOf.get(e.personId) ?? []),
        ...e.records.map((r) => `${r.source}:${r.recordId}`),
      ]);
    }
    expect(new Map([...removedOf].map(([id, keys]) => [id, keys.sort()]))).toEqual(
      new Map([...purgedOf].map(([id, keys]) => [id, [...keys].sort()])),
    );
    const splits = events.filter((e) => e.change === 'SPLIT');
    expect(splits.map((e) => e.personId)).toEqual([splitId]);
    expect([...(splits[0]?.into ?? [])].sort()).toEqual(parts.map((p) => p.id).sort());
    expect(
      events
        .filter((e) => e.change === 'CREATED')
        .map((e) => e.splitFrom)
        .every((from) => from === splitId),
    ).toBe(true);
  }, 120_000);

  it('does nothing when a tombstone is delivered again', async () => {
    expect(applied.length).toBeGreaterThan(0);
    await allPersonEventsDelivered();
    const members = await membersOf();
    const persons = await rows('SELECT id, status, version FROM person ORDER BY id');
    const seen = personEvents.length;
    const handled = retention.progress.duplicates;
    await bus.publish(RETENTION_TOMBSTONE_TOPIC, applied);
    await waitFor('the redelivered tombstones to be handled', async () => {
      return retention.progress.duplicates >= handled + applied.length;
    });
    expect(await membersOf()).toEqual(members);
    expect(await rows('SELECT id, status, version FROM person ORDER BY id')).toEqual(persons);
    // The redelivery wrote nothing to the outbox, so nothing more is relayed.
    await allPersonEventsDelivered();
    expect(personEvents.length).toBe(seen);
  }, 120_000);

  it('never resolves a record whose tombstone came before it', async () => {
    const handled = resolution.progress.events;
    await bus.publish(late.topic, [late.envelope]);
    await waitFor('the late source event to be handled', async () => {
      return resolution.progress.events > handled;
    });
    expect(resolution.progress.duplicates).toBeGreaterThan(0);
    expect(
      await count('SELECT count(*) AS n FROM identity_record WHERE key = $1', [late.key]),
    ).toBe(0);
  }, 120_000);
});
