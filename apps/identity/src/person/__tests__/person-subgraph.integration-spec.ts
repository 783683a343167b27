import { randomBytes } from 'node:crypto';
import { KafkaEventBus, startConsumerGroupsAtEnd } from '@mosaic/event-bus';
import { SOURCE_TOPICS } from '@mosaic/resolution';
import { createSearchClient } from '@mosaic/search-engine';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { loadIdentityConfig } from '../../config/identity.config';
import { describePersonSubgraph } from './person-subgraph.contract';

const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const searchUrl = process.env['SEARCH_URL'] ?? 'http://127.0.0.1:9200';
// Its own database, candidate index and consumer group; record ids carry the run (shared topics).
const run = `itp${process.pid.toString(36)}${Date.now().toString(36)}`;
const prefix = `mosaic_${run}_`;
const group = `${run}-identity`;
const index = `mosaic-${run}-candidates`;

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
const bus = new KafkaEventBus({ brokers, clientId: `mosaic-${run}-source` });

describePersonSubgraph({
  mode: 'infra: PostgreSQL, Elasticsearch candidate index, Kafka',
  idPrefix: `${run}-`,
  config: async () => {
    await onServer(`CREATE DATABASE ${prefix}identity`);
    // Earlier runs' events stay on the shared topics: this run's group starts after them.
    await startConsumerGroupsAtEnd(brokers, [
      { groupId: group, topics: Object.values(SOURCE_TOPICS) },
    ]);
    return loadIdentityConfig({
      DATABASE_URL: serverUrl,
      KAFKA_BROKERS: brokers.join(','),
      SEARCH_URL: searchUrl,
      MOSAIC_DATABASE_PREFIX: prefix,
      MOSAIC_IDENTITY_CONSUMER_GROUP: group,
      MOSAIC_IDENTITY_CANDIDATE_INDEX: index,
      LOG_LEVEL: 'warn',
      // Infra mode requires a token secret (or a JWKS URL): the test mints its tokens with it.
      MOSAIC_AUTH_SECRET: 'integration-test-secret-of-at-least-32-characters',
      // … and the gateway's own key, another one: the test signs its calls as the gateway.
      MOSAIC_GATEWAY_SECRET: randomBytes(32).toString('base64url'),
    });
  },
  publish: async (byTopic) => {
    for (const [topic, envelopes] of byTopic) await bus.publish(topic, envelopes);
  },
  teardown: async () => {
    await bus.close();
    await onServer(`DROP DATABASE IF EXISTS ${prefix}identity WITH (FORCE)`);
    const search = createSearchClient(searchUrl);
    await search.indices.delete({ index, ignore_unavailable: true });
    await search.close();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([group]).catch(() => undefined);
    await admin.disconnect();
  },
});
