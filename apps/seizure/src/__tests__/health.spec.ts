import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { closeEmbeddedBus, type HealthReport } from '@mosaic/service-kit';
import { SeizureAppModule } from '../app.module';
import { loadSeizureConfig } from '../config/seizure.config';

describe('seizure service in embedded mode', () => {
  let app: INestApplication;
  let dataDir: string;
  let url: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mosaic-seizure-'));
    const config = loadSeizureConfig({ MOSAIC_DATA_DIR: dataDir });
    app = await NestFactory.create(SeizureAppModule.register(config), { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await closeEmbeddedBus();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('boots on its own PGlite folder with migrations applied and reports healthy', async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as HealthReport;
    expect(report).toEqual({
      status: 'ok',
      service: 'seizure',
      mode: 'embedded',
      checks: { database: { status: 'up' }, bus: { status: 'up' } },
    });
  });

  it('answers 503 naming the dependency that is down', async () => {
    await closeEmbeddedBus();
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(503);
    const report = (await response.json()) as HealthReport;
    expect(report.status).toBe('unavailable');
    expect(report.checks['database']).toEqual({ status: 'up' });
    expect(report.checks['bus']).toEqual({ status: 'down', reason: 'event bus is closed' });
  });
});
