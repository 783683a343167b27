import { Global, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { EventBus } from '@mosaic/event-bus';
import { EVENT_BUS, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import { loadAnalysisConfig } from '../../config/analysis.config';
import { ApplyReadModelBatchUseCase } from '../apply-read-model-batch.use-case';
import { ProjectionConsumer } from '../projection.consumer';
import { ProjectionModule } from '../projection.module';

/** A database on which every statement finds nothing: enough to run an empty batch. */
const emptyDatabase = {
  transaction: async <T>(work: (manager: unknown) => Promise<T>) => work({ query: async () => [] }),
};
const subscriptions: string[][] = [];
const bus: Pick<EventBus, 'subscribe' | 'publish'> = {
  subscribe: async (options) => {
    subscriptions.push(options.topics);
    return { close: async () => undefined };
  },
  publish: async () => undefined,
};

@Global()
@Module({
  providers: [
    { provide: SERVICE_DATA_SOURCE, useValue: emptyDatabase },
    { provide: EVENT_BUS, useValue: bus },
  ],
  exports: [SERVICE_DATA_SOURCE, EVENT_BUS],
})
class PlatformStub {}

describe('ProjectionModule', () => {
  let app: INestApplicationContext;

  beforeAll(async () => {
    const config = loadAnalysisConfig({ MOSAIC_DATA_DIR: '/nonexistent' });
    app = await NestFactory.createApplicationContext(
      { module: class Root {}, imports: [PlatformStub, ProjectionModule.register(config)] },
      { logger: false },
    );
  });

  afterAll(async () => {
    await app?.close();
  });

  it('starts without read-model listeners and subscribes to the source and person topics', async () => {
    expect(app.get(ProjectionConsumer).groupId).toBe('analysis-projection');
    expect(subscriptions).toEqual([
      [
        'travel.encounter.v1',
        'seizure.subject.v1',
        'fingerprint.enrollment.v1',
        'identity.person.v1',
      ],
    ]);
    const result = await app
      .get(ApplyReadModelBatchUseCase)
      .execute({ groupId: 'g', records: [], persons: [], rejected: [] });
    expect(result).toMatchObject({ applied: 0, deadLettered: 0, notified: 0 });
  });
});
