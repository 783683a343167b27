import { randomBytes } from 'node:crypto';
import { READ_MODEL_TOPICS } from '@mosaic/analysis-data';
import { deadLetterTopic, startConsumerGroupsAtEnd } from '@mosaic/event-bus';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { loadAnalysisConfig } from '../../config/analysis.config';
import { describeProjection } from './projection.contract';

const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const searchUrl = process.env['SEARCH_URL'] ?? 'http://127.0.0.1:9200';
// Its own database and consumer groups; record ids carry the run (topics are shared).
const run = `aprj${process.pid.toString(36)}${Date.now().toString(36)}`;
const prefix = `mosaic_${run}_`;
const group = `${run}-analysis`;
const deadLetterGroup = `${run}-dlq`;

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

describeProjection({
  mode: 'infra: PostgreSQL, Kafka',
  idPrefix: `${run}-`,
  deadLetterGroup,
  config: async () => {
    await onServer(`CREATE DATABASE ${prefix}analysis`);
    // Earlier runs' events stay on the shared topics: this run's groups start after them.
    await startConsumerGroupsAtEnd(brokers, [
      { groupId: group, topics: READ_MODEL_TOPICS },
      { groupId: deadLetterGroup, topics: READ_MODEL_TOPICS.map(deadLetterTopic) },
    ]);
    return loadAnalysisConfig({
      DATABASE_URL: serverUrl,
      KAFKA_BROKERS: brokers.join(','),
      SEARCH_URL: searchUrl,
      MOSAIC_DATABASE_PREFIX: prefix,
      MOSAIC_ANALYSIS_CONSUMER_GROUP: group,
      MOSAIC_ANALYSIS_BATCH_SIZE: '50',
      LOG_LEVEL: 'warn',
      // Infra mode requires a token secret (or a JWKS URL) and the gateway's own, other key;
      // nothing here calls the subgraph.
      MOSAIC_AUTH_SECRET: 'integration-test-secret-of-at-least-32-characters',
      MOSAIC_GATEWAY_SECRET: randomBytes(32).toString('base64url'),
    });
  },
  teardown: async () => {
    await onServer(`DROP DATABASE IF EXISTS ${prefix}analysis WITH (FORCE)`);
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([group, deadLetterGroup]).catch(() => undefined);
    await admin.disconnect();
  },
});
