import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createSearchClient } from '@mosaic/search-engine';
import type { HealthReport } from '@mosaic/service-kit';
import { AnalysisAppModule } from '../app.module';
import { loadAnalysisConfig } from '../config/analysis.config';

// The same service code as in embedded mode, on the real services of `npm run infra:up`.
const env = {
  DATABASE_URL: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432',
  KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
  SEARCH_URL: process.env['SEARCH_URL'] ?? 'http://127.0.0.1:9200',
  // Its own search index and consumer group: the shared ones belong to a running deployment.
  MOSAIC_ANALYSIS_SEARCH_INDEX: `mosaic-health-${process.pid}`,
  MOSAIC_ANALYSIS_CONSUMER_GROUP: `analysis-health-${process.pid}`,
  // Infra mode requires a token secret (or a JWKS URL) and the gateway's own, other key;
  // /health needs neither.
  MOSAIC_AUTH_SECRET: 'integration-test-secret-of-at-least-32-characters',
  MOSAIC_GATEWAY_SECRET: randomBytes(32).toString('base64url'),
};

describe('analysis service in infra mode', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const config = loadAnalysisConfig(env);
    app = await NestFactory.create(AnalysisAppModule.register(config), { logger: false });
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    const search = createSearchClient(env.SEARCH_URL);
    await search.indices.delete({
      index: env.MOSAIC_ANALYSIS_SEARCH_INDEX,
      ignore_unavailable: true,
    });
    await search.close();
  });

  it('migrates its PostgreSQL database and reports database, Kafka and search engine up', async () => {
    const response = await fetch(`${await app.getUrl()}/health`);
    const report = (await response.json()) as HealthReport;
    expect(report).toEqual({
      status: 'ok',
      service: 'analysis',
      mode: 'infra',
      checks: { database: { status: 'up' }, bus: { status: 'up' }, search: { status: 'up' } },
    });
    expect(response.status).toBe(200);
  });
});
