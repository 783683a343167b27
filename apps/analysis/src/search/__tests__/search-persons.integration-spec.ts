import { randomBytes } from 'node:crypto';
import { developmentGatewayHeaders } from '@mosaic/access';
import type { GatewayCredentialConfig } from '@mosaic/config';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  PERSON_TOPIC,
  personSearchPopulation,
  READ_MODEL_TOPICS,
  syntheticReadModelHistory,
  SEARCH_SUBJECTS as S,
  writeSeedPersons,
} from '@mosaic/analysis-data';
import { createSearchClient } from '@mosaic/search-engine';
import { startConsumerGroupsAtEnd, type EventBus, type EventEnvelope } from '@mosaic/event-bus';
import { EVENT_BUS, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { AnalysisAppModule } from '../../app.module';
import { loadAnalysisConfig } from '../../config/analysis.config';
import { READ_MODEL_LISTENERS, type ReadModelListeners } from '../../projection/projection.tokens';

const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const searchUrl = process.env['SEARCH_URL'] ?? 'http://127.0.0.1:9200';
// Its own database, search index and consumer group (the topics are shared).
const run = `asrch${process.pid.toString(36)}${Date.now().toString(36)}`;
const prefix = `mosaic_${run}_`;
const group = `${run}-analysis`;
const index = `mosaic-it-${run}-persons`;

async function onServer(statement: string): Promise<void> {
  const client = new Client({ connectionString: `${serverUrl.replace(/\/+$/, '')}/postgres` });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const kafka = new Kafka({ clientId: `mosaic-${run}`, brokers, logLevel: logLevel.NOTHING });

describe('analysis subgraph: searchPersons on Elasticsearch (infra)', () => {
  let app: INestApplication;
  let url: string;
  let db: DataSource;
  const population = personSearchPopulation(60);

  let gateway: GatewayCredentialConfig;

  /** Straight to analysis, as the gateway calls it for an analyst on a case. */
  const searchPersons = async (variables: Record<string, unknown>) => {
    // A fresh credential per call, as the gateway signs one: it is good for a minute only.
    const analyst = await developmentGatewayHeaders(gateway, {
      subgraph: 'analysis',
      user: 'test.analyst',
      roles: ['ANALYST'],
      purpose: 'CASE_INVESTIGATION',
      caseNumber: 'CASE-2026-000001',
    });
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...analyst },
      body: JSON.stringify({
        query: `query ($name: String, $documentNumber: String, $nationality: String) {
          searchPersons(name: $name, documentNumber: $documentNumber, nationality: $nationality) {
            hits { person { id } matched { field value how } } total totalIsLowerBound
          }
        }`,
        variables,
      }),
    });
    return (await response.json()) as {
      data?: {
        searchPersons: {
          hits: { person: { id: string }; matched: { field: string; how: string }[] }[];
          total: number;
        } | null;
      };
      errors?: { extensions?: Record<string, unknown> }[];
    };
  };

  beforeAll(async () => {
    await onServer(`CREATE DATABASE ${prefix}analysis`);
    // Earlier runs' events stay on the shared topics: this run's group starts after them.
    await startConsumerGroupsAtEnd(brokers, [{ groupId: group, topics: READ_MODEL_TOPICS }]);
    const config = loadAnalysisConfig({
      DATABASE_URL: serverUrl,
      KAFKA_BROKERS: brokers.join(','),
      SEARCH_URL: searchUrl,
      MOSAIC_DATABASE_PREFIX: prefix,
      MOSAIC_ANALYSIS_CONSUMER_GROUP: group,
      MOSAIC_ANALYSIS_SEARCH_INDEX: index,
      LOG_LEVEL: 'warn',
      // Infra mode requires a token secret (or a JWKS URL) and the gateway's own, other key:
      // the test signs its calls as the gateway with that one.
      MOSAIC_AUTH_SECRET: 'integration-test-secret-of-at-least-32-characters',
      MOSAIC_GATEWAY_SECRET: randomBytes(32).toString('base64url'),
    });
    gateway = config.gatewayCredential as GatewayCredentialConfig;
    app = await NestFactory.create(AnalysisAppModule.register(config), { logger: false });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    db = app.get<DataSource>(SERVICE_DATA_SOURCE);
  });

  afterAll(async () => {
    await app?.close();
    await onServer(`DROP DATABASE IF EXISTS ${prefix}analysis WITH (FORCE)`);
    const search = createSearchClient(searchUrl);
    await search.indices.delete({ index, ignore_unavailable: true });
    await search.close();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([group]).catch(() => undefined);
    await admin.disconnect();
  });

  it('searches only what the read-model listener indexed, then finds it by name and document', async () => {
    await writeSeedPersons(db, population);
    expect((await searchPersons({ name: 'Jurgen Muller' })).data?.searchPersons?.hits).toEqual([]);

    const listeners = app.get<ReadModelListeners>(READ_MODEL_LISTENERS);
    expect(listeners).toHaveLength(1);
    for (const listener of listeners) await listener.personsChanged(population.map((p) => p.id));

    const byName = await searchPersons({ name: 'JUERGEN MUELLER' });
    expect(byName.data?.searchPersons?.hits.map((h) => h.person.id)).toEqual([S.muller]);
    const byDocument = await searchPersons({ documentNumber: '72.4410.9931', nationality: 'RUS' });
    expect(byDocument.data?.searchPersons?.hits[0]?.matched.map((m) => m.field).sort()).toEqual([
      'DOCUMENT',
      'NATIONALITY',
    ]);
    expect((await searchPersons({ name: 'Quentin Marchbanks' })).data?.searchPersons?.total).toBe(
      0,
    );
  });

  it('indexes what the projection applies from the topics: resolved persons searchable, merged ones gone', async () => {
    const history = syntheticReadModelHistory({ persons: 12, seed: 41, idPrefix: `${run}-` });
    const bus = app.get<EventBus>(EVENT_BUS);
    const byTopic = new Map<string, EventEnvelope[]>();
    for (const { topic, envelope } of history.sourceEvents) {
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), envelope]);
    }
    for (const [topic, envelopes] of byTopic) await bus.publish(topic, envelopes);
    await bus.publish(PERSON_TOPIC, history.personEvents);

    const search = createSearchClient(searchUrl);
    try {
      const status = new Map(history.persons.map((p) => [p.id, p.status]));
      const expected = [...new Set(history.placement.values())].filter(
        (id) => status.get(id) === 'ACTIVE',
      );
      // The projection consumes asynchronously; its listener refreshes the index as it goes.
      const deadline = Date.now() + 60_000;
      // Settled: every resolved person indexed and every merged one gone (a merge can be
      // applied after the persons it ends were first indexed).
      const settled = async () =>
        (await Promise.all(expected.map((id) => search.exists({ index, id })))).every(Boolean) &&
        !(await Promise.all(history.merged.map((id) => search.exists({ index, id })))).some(
          Boolean,
        );
      while (!(await settled())) {
        if (Date.now() > deadline)
          throw new Error('the projection did not settle the index in 60 s');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      for (const id of history.merged) expect(await search.exists({ index, id })).toBe(false);

      const traveler = history.sources.travel.find((r) => r.document !== null);
      const person = history.placement.get(`travel:${traveler?.recordId}`);
      const found = await searchPersons({
        name: `${traveler?.traveler.givenNames ?? ''} ${traveler?.traveler.surname ?? ''}`,
        documentNumber: traveler?.document?.number,
      });
      expect(found.data?.searchPersons?.hits.map((h) => h.person.id)).toEqual([person]);
    } finally {
      await search.close();
    }
  });

  it('answers hostile strings with no hits or a typed BAD_USER_INPUT', async () => {
    const injected = await searchPersons({ name: '{"query":{"match_all":{}}}' });
    expect(injected.errors).toBeUndefined();
    expect(injected.data?.searchPersons?.total).toBe(0);
    const refused = await searchPersons({ name: '*' });
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});
