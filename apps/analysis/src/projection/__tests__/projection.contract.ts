import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  analysisEntities,
  analysisMigrations,
  interleavePersonEvents,
  PERSON_TOPIC,
  PgLinkGraph,
  readModelSnapshot,
  syntheticReadModelHistory,
  type ReadModelListener,
} from '@mosaic/analysis-data';
import {
  ANALYSIS_SOURCE_TOPICS,
  analysisRecordFromEvent,
  EDGE_TYPES,
  type EvidenceRecord,
} from '@mosaic/analysis-model';
import {
  createEnvelope,
  deadLetterTopic,
  type DeadLetter,
  type EventBus,
  type EventEnvelope,
  type Subscription,
} from '@mosaic/event-bus';
import { EVENT_BUS, SERVICE_DATA_SOURCE, ServiceModule } from '@mosaic/service-kit';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { AnalysisConfig } from '../../config/analysis.config';
import { ProjectionConsumer } from '../projection.consumer';
import { ProjectionModule } from '../projection.module';
import { READ_MODEL_LISTENERS } from '../projection.tokens';

/** How a run mode provides the analysis service's projection, and what to clean up afterwards. */
export interface ProjectionUnderTest {
  mode: string;
  /** Prefix of this run's record ids (infra topics are shared between runs). */
  idPrefix: string;
  /** Consumer group this suite reads the dead-letter topics with. */
  deadLetterGroup: string;
  config: () => Promise<AnalysisConfig>;
  teardown: () => Promise<void>;
}

/** Remembers every person a listener was told about; fails when told to, as a search engine may. */
class RecordingListener implements ReadModelListener {
  readonly persons = new Set<string>();
  failures = 0;
  async personsChanged(personIds: readonly string[]): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('search engine unavailable');
    }
    personIds.forEach((id) => this.persons.add(id));
  }
}

/**
 * The projection on its event bus and database, held to the same expectations
 * in embedded mode (PGlite, in-process bus) and infra mode (PostgreSQL,
 * Kafka): an analysis app with the service platform and the projection only.
 */
export function describeProjection(mode: ProjectionUnderTest): void {
  describe(`analysis projection (${mode.mode})`, () => {
    const history = syntheticReadModelHistory({
      persons: 40,
      seed: 31,
      idPrefix: mode.idPrefix,
      // Networks make seizure cases, so all three sources are projected.
      overrides: { 'population.networkRate': '0.3' },
    });
    const listener = new RecordingListener();
    const letters: EventEnvelope<DeadLetter>[] = [];
    let app: INestApplication;
    let db: DataSource;
    let bus: EventBus;
    let letterSubscription: Subscription | undefined;

    const processed = async () =>
      Number(
        ((await db.query('SELECT count(*) AS n FROM processed_event')) as { n: string }[])[0]?.n,
      );
    const until = async (what: string, done: () => Promise<boolean>) => {
      const deadline = Date.now() + 120_000;
      while (!(await done())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const consumer = () => app.get(ProjectionConsumer);

    @Module({
      providers: [{ provide: READ_MODEL_LISTENERS, useValue: [listener] }],
      exports: [READ_MODEL_LISTENERS],
    })
    class ListenerModule {}

    const testModule = (config: AnalysisConfig): DynamicModule => ({
      module: class ProjectionTestModule {},
      imports: [
        ServiceModule.forRoot({
          config,
          entities: analysisEntities,
          migrations: analysisMigrations,
        }),
        ProjectionModule.register(config, { imports: [ListenerModule] }),
      ],
    });

    beforeAll(async () => {
      const config = await mode.config();
      app = await NestFactory.create(testModule(config), { logger: false, abortOnError: false });
      await app.init();
      db = app.get<DataSource>(SERVICE_DATA_SOURCE);
      bus = app.get<EventBus>(EVENT_BUS);
      letterSubscription = await bus.subscribe({
        groupId: mode.deadLetterGroup,
        topics: [deadLetterTopic(ANALYSIS_SOURCE_TOPICS.travel), deadLetterTopic(PERSON_TOPIC)],
        handler: async (event) => void letters.push(event.envelope as EventEnvelope<DeadLetter>),
      });

      // Person events first, interleaved across persons as partitions deliver them; the
      // records they place arrive afterwards.
      await bus.publish(PERSON_TOPIC, interleavePersonEvents(history.personEvents, 5));
      for (const topic of Object.values(ANALYSIS_SOURCE_TOPICS)) {
        await bus.publish(
          topic,
          history.sourceEvents.filter((e) => e.topic === topic).map((e) => e.envelope),
        );
      }
      const total = history.personEvents.length + history.sourceEvents.length;
      await until('every event is processed', async () => (await processed()) === total);
    }, 300_000);

    afterAll(async () => {
      await letterSubscription?.close();
      await app?.close();
      await mode.teardown();
    }, 120_000);

    it('places every source record on the person identity resolved it into', async () => {
      const snapshot = await readModelSnapshot(db);
      const placed = new Map(snapshot.records.map((r) => [r['key'] as string, r['person_id']]));
      expect(placed.size).toBe(history.sourceEvents.length);
      expect(placed).toEqual(history.placement);
      for (const [key, truePerson] of history.truth) {
        expect(placed.get(key)).toBe(history.personOfTruth.get(truePerson));
      }
      expect(new Set(snapshot.records.map((r) => r['source']))).toEqual(
        new Set(['travel', 'seizure', 'fingerprint']),
      );
      expect(snapshot.persons).toEqual(
        [...history.persons]
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .map((p) => ({ id: p.id, status: p.status, merged_into: p.mergedInto })),
      );
      expect(consumer().progress).toMatchObject({
        events: history.personEvents.length + history.sourceEvents.length,
        deadLettered: 0,
      });
    });

    it('tells the listeners about every person whose records or status changed', async () => {
      for (const p of history.persons) expect(listener.persons.has(p.id)).toBe(true);
    });

    it('changes nothing when events are delivered again', async () => {
      const before = await readModelSnapshot(db);
      const seen = consumer().progress.duplicates;
      const again = history.personEvents.slice(0, 25);
      await bus.publish(PERSON_TOPIC, again);
      await until(
        'the redelivered events are recognised',
        async () => consumer().progress.duplicates >= seen + again.length,
      );
      expect(await readModelSnapshot(db)).toEqual(before);
    });

    it('tells the listeners again when they failed after the batch was applied', async () => {
      const [record] = history.sourceEvents as [{ topic: string; envelope: EventEnvelope }];
      const target = analysisRecordFromEvent(record.topic, record.envelope.payload);
      const moved = uuidv7();
      const seen = consumer().progress.duplicates;
      listener.failures = 1;
      await bus.publish(PERSON_TOPIC, [
        createEnvelope({
          type: 'identity.person.changed',
          source: 'identity',
          key: moved,
          payload: {
            personId: moved,
            change: 'CREATED',
            records: [{ source: target.source, recordId: target.recordId }],
            mergedInto: null,
            splitFrom: null,
            into: [],
            modelVersion: 'm',
            thresholdVersion: 't',
          },
        }),
      ]);
      await until('the listener hears of the new person', async () => listener.persons.has(moved));
      expect(listener.failures).toBe(0);
      // Applied once: the retried batch found its event processed.
      expect(consumer().progress.duplicates).toBeGreaterThan(seen);
      const [row] = (await db.query('SELECT person_id::text FROM analysis_record WHERE key = $1', [
        target.key,
      ])) as { person_id: string }[];
      expect(row?.person_id).toBe(moved);
    });

    it('sends an event that cannot be projected to the dead-letter topic with the reason, and applies the rest of its batch', async () => {
      const model = history.sourceEvents.find((e) => e.topic === ANALYSIS_SOURCE_TOPICS.travel)
        ?.envelope as EventEnvelope<Record<string, unknown>>;
      const recordId = `${mode.idPrefix}late-arrival`;
      const key = `${recordId}-x`;
      const withoutPort = { ...model.payload };
      delete withoutPort['port'];
      const badTravel = createEnvelope({
        type: 'travel.recorded',
        source: 'travel',
        key,
        payload: { ...withoutPort, recordId: `${recordId}-bad` },
      });
      // Hostile text is data: it ends up in the read model as written.
      const hostile = "Robert'); DROP TABLE analysis_record; --";
      const goodTravel = createEnvelope({
        type: 'travel.recorded',
        source: 'travel',
        key,
        payload: {
          ...model.payload,
          recordId,
          traveler: {
            ...(model.payload['traveler'] as Record<string, unknown>),
            givenNames: hostile,
          },
        },
      });
      const badPerson = createEnvelope({
        type: 'identity.person.changed',
        source: 'identity',
        key: uuidv7(),
        payload: {
          personId: uuidv7(),
          change: 'MERGED',
          records: [{ source: 'travel', recordId }],
          mergedInto: null,
          splitFrom: null,
          into: [],
          modelVersion: 'm',
          thresholdVersion: 't',
        },
      });
      await bus.publish(ANALYSIS_SOURCE_TOPICS.travel, [badTravel, goodTravel]);
      await bus.publish(PERSON_TOPIC, [badPerson]);

      const letterOf = (eventId: string) =>
        letters.find((l) => (JSON.parse(l.payload.value) as EventEnvelope).eventId === eventId);
      await until(
        'both letters arrive',
        async () => !!letterOf(badTravel.eventId) && !!letterOf(badPerson.eventId),
      );
      expect(letterOf(badTravel.eventId)?.payload).toMatchObject({
        topic: ANALYSIS_SOURCE_TOPICS.travel,
        groupId: consumer().groupId,
        error: { message: expect.stringContaining('port') },
      });
      expect(letterOf(badPerson.eventId)?.payload).toMatchObject({
        topic: PERSON_TOPIC,
        error: { message: expect.stringContaining('mergedInto') },
      });
      const applied = async () =>
        (await db.query('SELECT given_names FROM analysis_record WHERE key = $1', [
          `travel:${recordId}`,
        ])) as { given_names: string }[];
      await until(
        'the valid event of the batch is applied',
        async () => (await applied()).length === 1,
      );
      expect(await applied()).toEqual([{ given_names: hostile }]);
      const outcomes = (await db.query(
        'SELECT event_id::text, outcome FROM processed_event WHERE event_id = ANY($1::uuid[]) ORDER BY outcome',
        [[badTravel.eventId, goodTravel.eventId, badPerson.eventId]],
      )) as { event_id: string; outcome: string }[];
      expect(outcomes.map((o) => o.outcome).sort()).toEqual([
        'APPLIED',
        'DEAD_LETTERED',
        'DEAD_LETTERED',
      ]);
      expect(
        (await db.query('SELECT count(*)::int AS n FROM analysis_record')) as { n: number }[],
      ).toEqual([{ n: history.sourceEvents.length + 1 }]);
    });

    it('takes a record whose link is disputed out of link analysis (SUSPENDED), and puts it back (RESTORED)', async () => {
      // A seizure subject whose case has a subject on another person: the record ties the two.
      const [tie] = (await db.query(
        `SELECT r.key, r.source, r.record_id, r.person_id::text AS person_id
           FROM analysis_record r
          WHERE r.case_id IS NOT NULL AND r.person_id IS NOT NULL
            AND EXISTS (SELECT 1 FROM analysis_record o
                         WHERE o.case_id = r.case_id AND o.person_id <> r.person_id)
          ORDER BY r.key LIMIT 1`,
      )) as { key: string; source: string; record_id: string; person_id: string }[];
      if (!tie) throw new Error('no record ties two persons in the synthetic population');
      const graph = new PgLinkGraph({ session: db });
      const uses = (r: EvidenceRecord) => `${r.source}:${r.recordId}` === tie.key;
      const evidenceUsesRecord = async () =>
        (
          await graph.neighbors({
            personId: tie.person_id,
            hops: 1,
            edgeTypes: EDGE_TYPES,
            window: {},
          })
        ).edges.some((e) => e.evidence.some((x) => uses(x.fromRecord) || uses(x.toRecord)));
      const state = async () =>
        (
          (await db.query('SELECT state FROM analysis_membership WHERE record_key = $1', [
            tie.key,
          ])) as { state: string }[]
        )[0]?.state;
      const change = (kind: 'SUSPENDED' | 'RESTORED') =>
        createEnvelope({
          type: 'identity.person.changed',
          source: 'identity',
          key: tie.person_id,
          payload: {
            personId: tie.person_id,
            change: kind,
            records: [{ source: tie.source, recordId: tie.record_id }],
            mergedInto: null,
            splitFrom: null,
            into: [],
            modelVersion: 'm',
            thresholdVersion: 't',
          },
        });
      expect(await evidenceUsesRecord()).toBe(true);

      listener.persons.clear();
      await bus.publish(PERSON_TOPIC, [change('SUSPENDED')]);
      await until('the membership is suspended', async () => (await state()) === 'SUSPENDED');
      expect(await evidenceUsesRecord()).toBe(false);
      await until('the listeners hear of it', async () => listener.persons.has(tie.person_id));

      await bus.publish(PERSON_TOPIC, [change('RESTORED')]);
      await until('the membership counts again', async () => (await state()) === 'ACTIVE');
      expect(await evidenceUsesRecord()).toBe(true);
    });
  });
}
