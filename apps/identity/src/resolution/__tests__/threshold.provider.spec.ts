import { identityMigrations, ResolutionModelRepository } from '@mosaic/identity-data';
import { createServiceDataSource } from '@mosaic/persistence';
import type { CandidateIndex } from '@mosaic/resolution';
import type { DataSource } from 'typeorm';
import { loadIdentityConfig } from '../../config/identity.config';
import { ThresholdProvider } from '../threshold.provider';
import { trainTestModel } from './test-model';

/** An index that only knows its size: all the threshold provider asks of it. */
function indexOfSize(size: { value: number }): CandidateIndex {
  return {
    upsert: async () => undefined,
    search: async () => [],
    remove: async () => undefined,
    size: async () => size.value,
  };
}

describe('ThresholdProvider', () => {
  const model = trainTestModel({ seed: 101, persons: 1_000 });
  let db: DataSource;

  beforeAll(async () => {
    db = await createServiceDataSource({
      database: { kind: 'pglite', dataDir: 'memory://' },
      migrations: identityMigrations,
    });
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
    await new ResolutionModelRepository().activate(db.manager, model);
  }, 60_000);

  afterAll(async () => {
    if (db?.isInitialized) await db.destroy();
  });

  const versions = async () =>
    (await db.query(
      'SELECT version, gallery_size::int AS gallery, active FROM threshold_set ORDER BY created_at, version',
    )) as { version: string; gallery: number; active: boolean }[];

  it('computes a set for the configured gallery size, and a new version once the index has doubled past it', async () => {
    const provider = new ThresholdProvider(
      loadIdentityConfig({ MOSAIC_IDENTITY_GALLERY_SIZE: '100' }),
    );
    const size = { value: 10 };
    const index = indexOfSize(size);
    const first = await db.transaction((m) => provider.current(m, model, index));
    expect(first.policy.gallerySize).toBe(100);
    expect(first.modelVersion).toBe(model.version);

    size.value = 199;
    expect((await db.transaction((m) => provider.current(m, model, index))).version).toBe(
      first.version,
    );

    size.value = 200;
    const grown = await db.transaction((m) => provider.current(m, model, index));
    expect(grown.policy.gallerySize).toBe(200);
    expect(grown.version).not.toBe(first.version);
    // A larger gallery needs stronger evidence for the same per-search false-match rate.
    expect(grown.profiles['face']?.autoLink as number).toBeGreaterThan(
      first.profiles['face']?.autoLink as number,
    );
    expect(await versions()).toEqual([
      { version: first.version, gallery: 100, active: false },
      { version: grown.version, gallery: 200, active: true },
    ]);

    // Another worker (a fresh provider) picks up the active set instead of computing its own.
    const other = new ThresholdProvider(
      loadIdentityConfig({ MOSAIC_IDENTITY_GALLERY_SIZE: '100' }),
    );
    expect((await db.transaction((m) => other.current(m, model, index))).version).toBe(
      grown.version,
    );
    expect(await versions()).toHaveLength(2);
  });
});
