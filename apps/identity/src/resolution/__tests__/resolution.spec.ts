import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { bcubedMetrics, clusteringAgreement } from '@mosaic/evaluation';
import {
  createEnvelope,
  deadLetterTopic,
  type DeadLetter,
  type EventBus,
  type EventEnvelope,
  type Subscription,
} from '@mosaic/event-bus';
import {
  ClusterRepository,
  IDENTITY_PERSON_TOPIC,
  ThresholdSetRepository,
  type IdentityPersonEvent,
} from '@mosaic/identity-data';
import {
  ClusterState,
  decide,
  ExactCandidateIndex,
  InMemoryRecordStore,
  normaliseRecord,
  pairEvidence,
  prepareRecord,
  recordFromEvent,
  Resolver,
  SOURCE_TOPICS,
  type Contribution,
  type PreparedRecord,
  type ThresholdSet,
} from '@mosaic/resolution';
import { closeEmbeddedBus, EVENT_BUS, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource } from 'typeorm';
import { IdentityAppModule } from '../../app.module';
import { loadIdentityConfig } from '../../config/identity.config';
import { ResolutionConsumer } from '../resolution.consumer';
import { syntheticSourceEvents } from './synthetic-source-events';
import { trainTestModel } from './test-model';

const PERSONS = 200;
const SEIZURE_RICH = { 'population.networkRate': '0.2', 'seizure.loneCaseRate': '0.05' };

async function waitFor(what: string, done: () => Promise<boolean>, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('identity resolution consumer (embedded: PGlite, in-process bus)', () => {
  const model = trainTestModel({ seed: 101, persons: 1_000 });
  const source = syntheticSourceEvents({ persons: PERSONS, seed: 11, overrides: SEIZURE_RICH });
  let app: INestApplication;
  let dataDir: string;
  let db: DataSource;
  let bus: EventBus;
  let consumer: ResolutionConsumer;
  const personEvents: EventEnvelope<IdentityPersonEvent>[] = [];
  const deadLetters: EventEnvelope<DeadLetter>[] = [];
  const subscriptions: Subscription[] = [];

  const count = async (sql: string): Promise<number> =>
    Number(((await db.query(sql)) as { n: string | number }[])[0]?.n ?? 0);
  const membership = async () =>
    new Map(
      (
        (await db.query('SELECT key, person_id FROM identity_record')) as {
          key: string;
          person_id: string;
        }[]
      ).map((r) => [r.key, r.person_id]),
    );
  const publishAll = async (events: ReadonlyMap<string, readonly EventEnvelope[]>) => {
    for (const [topic, envelopes] of events) await bus.publish(topic, envelopes);
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mosaic-identity-'));
    const config = loadIdentityConfig({
      MOSAIC_DATA_DIR: dataDir,
      // Small batches, so most links are made across batches, through the stored state.
      MOSAIC_IDENTITY_BATCH_SIZE: '50',
    });
    app = await NestFactory.create(
      IdentityAppModule.register(config, { modelBootstrap: () => model }),
      { logger: false, abortOnError: false },
    );
    await app.init();
    db = app.get<DataSource>(SERVICE_DATA_SOURCE);
    bus = app.get<EventBus>(EVENT_BUS);
    consumer = app.get(ResolutionConsumer);
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
        topics: [deadLetterTopic(SOURCE_TOPICS.travel)],
        handler: async ({ envelope }) => {
          deadLetters.push(envelope as EventEnvelope<DeadLetter>);
        },
      }),
    );
    await publishAll(source.byTopic);
    await waitFor('every source event to be processed', async () => {
      return (await count('SELECT count(*) AS n FROM processed_event')) === source.count;
    });
  }, 300_000);

  afterAll(async () => {
    for (const s of subscriptions) await s.close();
    await app?.close();
    await closeEmbeddedBus();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('puts every record in exactly one active person', async () => {
    const members = await membership();
    expect(members.size).toBe(source.count);
    expect([...members.keys()].sort()).toEqual([...source.truth.keys()].sort());
    const persons = (await db.query(
      `SELECT p.id, p.status, count(r.key)::int AS records
         FROM person p LEFT JOIN identity_record r ON r.person_id = p.id GROUP BY p.id, p.status`,
    )) as { id: string; status: string; records: number }[];
    for (const p of persons) {
      expect({ id: p.id, holdsRecords: p.records > 0 }).toEqual({
        id: p.id,
        holdsRecords: p.status === 'ACTIVE',
      });
    }
  });

  it('clusters same-person records close to the truth and as the in-memory engine does', async () => {
    const members = await membership();
    const metrics = bcubedMetrics(source.truth, members);
    const active = new Set(members.values()).size;
    const truePersons = new Set(source.truth.values()).size;
    const thresholds = (await new ThresholdSetRepository().active(db.manager)) as ThresholdSet;

    // The same records through the pure engine in memory: what the service stores must agree.
    let next = 0;
    const clusters = new ClusterState(() => `P${next++}`);
    const engine = new Resolver(
      model,
      thresholds,
      new ExactCandidateIndex(),
      new InMemoryRecordStore(),
      clusters,
    );
    const records = [...source.byTopic].flatMap(([topic, events]) =>
      events.map((e) => recordFromEvent(topic, e.payload)),
    );
    for (let i = 0; i < records.length; i += 50)
      await engine.resolveBatch(records.slice(i, i + 50));
    const inMemory = new Map<string, string>();
    for (const person of clusters.activePersons()) {
      for (const key of person.records) inMemory.set(key, person.id);
    }
    const agreement = clusteringAgreement(inMemory, members);
    const engineMetrics = bcubedMetrics(source.truth, inMemory);

    // Clear cases: same-person pairs with a face comparison that AUTO_LINK on their own evidence.
    const prepared = new Map(
      records.map((r) => [r.key, prepareRecord(normaliseRecord(r), model)] as const),
    );
    const byPerson = new Map<string, string[]>();
    for (const [key, person] of source.truth) {
      if (prepared.get(key)?.face) byPerson.set(person, [...(byPerson.get(person) ?? []), key]);
    }
    let clear = 0;
    let together = 0;
    for (const keys of byPerson.values()) {
      for (let i = 0; i < keys.length; i++) {
        for (let j = i + 1; j < keys.length; j++) {
          const [a, b] = [prepared.get(keys[i] as string), prepared.get(keys[j] as string)];
          const decision = decide(
            pairEvidence(model, a as PreparedRecord, b as PreparedRecord),
            model,
            thresholds,
          );
          if (decision.outcome !== 'AUTO_LINK') continue;
          clear += 1;
          if (members.get(keys[i] as string) === members.get(keys[j] as string)) together += 1;
        }
      }
    }
    process.stdout.write(
      `identity embedded run: ${source.count} records of ${truePersons} persons → ${active} persons; ` +
        `B-cubed precision ${metrics.precision.toFixed(4)}, recall ${metrics.recall.toFixed(4)}, F1 ${metrics.f1.toFixed(4)} ` +
        `(in-memory engine: ${engineMetrics.precision.toFixed(4)} / ${engineMetrics.recall.toFixed(4)}; agreement ${agreement.toFixed(4)}); ` +
        `clear same-person face pairs in one person: ${together}/${clear}\n`,
    );
    expect(metrics.precision).toBeGreaterThanOrEqual(0.98);
    expect(metrics.recall).toBeGreaterThanOrEqual(0.8);
    expect(agreement).toBeGreaterThanOrEqual(0.99);
    expect(clear).toBeGreaterThan(100);
    expect(together / clear).toBeGreaterThanOrEqual(0.99);
  });

  it('stores each kept decision with its explanation, model and threshold version', async () => {
    const [thresholds] = (await db.query('SELECT version FROM threshold_set WHERE active')) as {
      version: string;
    }[];
    const decisions = (await db.query(
      `SELECT id, outcome, llr, biometric_llr, contributions, biometrics, model_version, threshold_version
         FROM link_decision`,
    )) as {
      id: string;
      outcome: string;
      llr: number;
      biometric_llr: number;
      contributions: Contribution[];
      biometrics: { llr: number }[];
      model_version: string;
      threshold_version: string;
    }[];
    const outcomes = new Map<string, number>();
    for (const d of decisions) outcomes.set(d.outcome, (outcomes.get(d.outcome) ?? 0) + 1);
    process.stdout.write(`decisions kept: ${JSON.stringify(Object.fromEntries(outcomes))}\n`);
    expect(outcomes.get('AUTO_LINK') ?? 0).toBeGreaterThan(0);
    for (const d of decisions) {
      expect(d.model_version).toBe(model.version);
      expect(d.threshold_version).toBe(thresholds?.version);
      expect(d.contributions[0]?.kind).toBe('PRIOR');
      expect(d.contributions.some((c) => c.kind === 'BIOGRAPHIC')).toBe(true);
      // The waterfall adds up to the decision's LLR (the prior is reported, not added).
      const sum = d.contributions
        .filter((c) => c.kind !== 'PRIOR')
        .reduce((s, c) => s + c.weight, 0);
      expect(sum).toBeCloseTo(d.llr, 6);
      if (d.outcome === 'NO_LINK') expect(d.biometrics.some((b) => b.llr > 0)).toBe(true);
    }
    const links = await count('SELECT count(*) AS n FROM person_link');
    expect(links).toBe(
      await count(
        "SELECT count(*) AS n FROM link_decision WHERE outcome = 'AUTO_LINK' AND NOT blocked",
      ),
    );
  });

  it('queues every REVIEW decision for review', async () => {
    const reviews = (await db.query(
      `SELECT d.id, r.state, r.a_key = d.a_key AND r.b_key = d.b_key AS same_pair
         FROM link_decision d LEFT JOIN review_item r ON r.decision_id = d.id
        WHERE d.outcome = 'REVIEW'`,
    )) as { id: string; state: string | null; same_pair: boolean | null }[];
    expect(reviews.length).toBeGreaterThan(0);
    expect(reviews.every((r) => r.state === 'PENDING' && r.same_pair === true)).toBe(true);
    expect(await count('SELECT count(*) AS n FROM review_item')).toBe(reviews.length);
  });

  it('emits an identity.person.v1 event for every change, from which the persons can be rebuilt', async () => {
    await waitFor('the outbox to be published and consumed', async () => {
      const outbox = await count('SELECT count(*) AS n FROM outbox');
      const pending = await count('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL');
      return pending === 0 && personEvents.length === outbox;
    });
    const rebuilt = new Map<string, string>();
    const created = new Set<string>();
    const merged = new Map<string, string>();
    for (const e of [...personEvents].sort((x, y) => (x.eventId < y.eventId ? -1 : 1))) {
      const p = e.payload;
      expect(e.key).toBe(p.personId);
      expect(p.modelVersion).toBe(model.version);
      if (p.change === 'CREATED') created.add(p.personId);
      if (p.change === 'MERGED') merged.set(p.personId, p.mergedInto as string);
      if (p.change === 'CREATED' || p.change === 'RECORDS_ADDED') {
        for (const r of p.records) rebuilt.set(`${r.source}:${r.recordId}`, p.personId);
      }
    }
    expect(rebuilt).toEqual(await membership());
    const persons = (await db.query('SELECT id, status, merged_into FROM person')) as {
      id: string;
      status: string;
      merged_into: string | null;
    }[];
    expect(new Set(persons.map((p) => p.id))).toEqual(created);
    expect(
      new Map(persons.filter((p) => p.status === 'MERGED').map((p) => [p.id, p.merged_into])),
    ).toEqual(merged);
  });

  it('changes nothing when the same events are delivered again', async () => {
    const snapshot = async () => ({
      members: await membership(),
      persons: await db.query('SELECT id, status, merged_into, version FROM person ORDER BY id'),
      decisions: await count('SELECT count(*) AS n FROM link_decision'),
      reviews: await count('SELECT count(*) AS n FROM review_item'),
      links: await count('SELECT count(*) AS n FROM person_link'),
      outbox: await count('SELECT count(*) AS n FROM outbox'),
    });
    const before = await snapshot();
    const handled = consumer.progress.events;
    await publishAll(source.byTopic);
    // The same record again under a new event id (a source that published it twice).
    const [first] = source.byTopic.get(SOURCE_TOPICS.travel) as EventEnvelope[];
    const again = createEnvelope({ ...(first as EventEnvelope), schemaVersion: 1 });
    await bus.publish(SOURCE_TOPICS.travel, [again]);
    await waitFor('the redelivered events to be handled', async () => {
      return consumer.progress.events >= handled + source.count + 1;
    });
    expect(await count('SELECT count(*) AS n FROM processed_event')).toBe(source.count + 1);
    expect(await snapshot()).toEqual(before);
  });

  it('dead-letters a malformed or unresolvable event with its reason and resolves the next good one', async () => {
    const [template] = source.byTopic.get(SOURCE_TOPICS.travel) as EventEnvelope<
      Record<string, unknown> & { face: { template: string } | null }
    >[];
    const good = template?.payload as Record<string, unknown>;
    const notUnit = Buffer.from(new Float32Array(512).fill(0.5).buffer).toString('base64');
    const key = 'dead-letter-order';
    const malformed = createEnvelope({
      type: 'travel.recorded',
      source: 'travel',
      key,
      payload: { ...good, recordId: 'TE-MALFORMED', port: 'not a port' },
    });
    const unresolvable = createEnvelope({
      type: 'travel.recorded',
      source: 'travel',
      key,
      payload: {
        ...good,
        recordId: 'TE-NOT-UNIT',
        face: { template: notUnit, quality: 0.9, capturedAt: '2024-01-01T00:00:00Z' },
      },
    });
    const next = createEnvelope({
      type: 'travel.recorded',
      source: 'travel',
      key,
      payload: { ...good, recordId: 'TE-AFTER-DLQ' },
    });
    const processed = await count('SELECT count(*) AS n FROM processed_event');
    await bus.publish(SOURCE_TOPICS.travel, [malformed, unresolvable, next]);
    await waitFor('the three events to be handled', async () => {
      return (await count('SELECT count(*) AS n FROM processed_event')) === processed + 3;
    });
    await waitFor('two dead letters', async () => deadLetters.length >= 2);

    expect(deadLetters.map((d) => JSON.parse(d.payload.value).eventId)).toEqual([
      malformed.eventId,
      unresolvable.eventId,
    ]);
    const [schemaLetter, templateLetter] = deadLetters.map((d) => d.payload);
    expect(schemaLetter).toMatchObject({
      topic: SOURCE_TOPICS.travel,
      groupId: 'identity-resolver',
      error: { name: 'EventSchemaError', message: expect.stringMatching(/\/port/) },
    });
    expect(templateLetter?.error).toEqual({
      name: 'UnresolvableEventError',
      message: expect.stringMatching(/face is not unit-norm/),
    });
    expect(
      await count("SELECT count(*) AS n FROM identity_record WHERE key = 'travel:TE-AFTER-DLQ'"),
    ).toBe(1);
    expect(
      await count(
        "SELECT count(*) AS n FROM identity_record WHERE key IN ('travel:TE-MALFORMED', 'travel:TE-NOT-UNIT')",
      ),
    ).toBe(0);
    expect(
      await count("SELECT count(*) AS n FROM processed_event WHERE outcome = 'DEAD_LETTERED'"),
    ).toBe(2);
  });
  it('never joins a record to a person holding a record it must not be linked with', async () => {
    const [held] = (await db.query(
      `SELECT key, person_id FROM identity_record
        WHERE key ~ '^travel:TE[0-9]+$' AND face IS NOT NULL
          AND person_id IN (SELECT person_id FROM identity_record GROUP BY person_id HAVING count(*) >= 3)
        ORDER BY key LIMIT 1`,
    )) as { key: string; person_id: string }[];
    const original = (source.byTopic.get(SOURCE_TOPICS.travel) as EventEnvelope[]).find(
      (e) => `travel:${e.key}` === held?.key,
    ) as EventEnvelope<Record<string, unknown>>;
    // The same encounter again under another id: it would join the person at once.
    const copy = createEnvelope({
      type: 'travel.recorded',
      source: 'travel',
      key: 'TE-CANNOT-LINK',
      payload: { ...original.payload, recordId: 'TE-CANNOT-LINK' },
    });
    await new ClusterRepository().addCannotLinks(db.manager, [
      { a: held?.key as string, b: 'travel:TE-CANNOT-LINK', reason: 'REVIEW_REJECTED' },
    ]);
    await bus.publish(SOURCE_TOPICS.travel, [copy]);
    await waitFor('the copy to be resolved', async () => {
      return (
        (await count(
          "SELECT count(*) AS n FROM identity_record WHERE key = 'travel:TE-CANNOT-LINK'",
        )) === 1
      );
    });

    const [placed] = (await db.query(
      "SELECT person_id FROM identity_record WHERE key = 'travel:TE-CANNOT-LINK'",
    )) as { person_id: string }[];
    expect(placed?.person_id).not.toBe(held?.person_id);
    expect(
      await count(
        `SELECT count(*) AS n FROM identity_record WHERE person_id = '${placed?.person_id}'`,
      ),
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*) AS n FROM link_decision
          WHERE 'travel:TE-CANNOT-LINK' IN (a_key, b_key) AND outcome = 'AUTO_LINK' AND blocked`,
      ),
    ).toBeGreaterThan(0);
    expect(
      await count(
        "SELECT count(*) AS n FROM person_link WHERE 'travel:TE-CANNOT-LINK' IN (a_key, b_key)",
      ),
    ).toBe(0);
    expect(await count('SELECT count(*) AS n FROM cannot_link')).toBe(1);
  });
});
