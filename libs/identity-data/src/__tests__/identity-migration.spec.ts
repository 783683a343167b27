import { createServiceDataSource } from '@mosaic/persistence';
import type { DataSource } from 'typeorm';
import { identityEntities, identityMigrations } from '..';

const IDENTITY_TABLES = [
  'cannot_link',
  'dispute',
  'identity_record',
  'link_decision',
  'person',
  'person_link',
  'processed_event',
  'resolution_batch',
  'resolution_model',
  'review_item',
  'review_rank_watermark',
  'review_verdict',
  'threshold_set',
  'verification_request',
  'verification_review',
];
const ACCOUNTABILITY_TABLES = [
  'dispute',
  'review_verdict',
  'verification_request',
  'verification_review',
];

describe('identity database migration', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await createServiceDataSource({
      database: { kind: 'pglite', dataDir: 'memory://' },
      entities: identityEntities,
      migrations: identityMigrations,
    });
    await db.initialize();
  }, 60_000);

  afterAll(async () => {
    if (db?.isInitialized) await db.destroy();
  });

  const tables = async () =>
    (
      (await db.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY($1::text[]) ORDER BY 1",
        [IDENTITY_TABLES],
      )) as { table_name: string }[]
    ).map((r) => r.table_name);

  it('creates the identity tables and drops them again on revert', async () => {
    await db.runMigrations({ transaction: 'each' });
    expect(await tables()).toEqual(IDENTITY_TABLES);

    // The review queue's rank (review_rank_watermark), concurrent resolution
    // (resolution_batch), the review workflow (review_verdict), the retention states (no
    // table), the verification and dispute tables, the profile indexes, then the identity tables.
    const without = (...gone: string[]) =>
      IDENTITY_TABLES.filter((t) => !['review_rank_watermark', ...gone].includes(t));
    await db.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual(without());
    await db.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual(without('resolution_batch'));
    await db.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual(without('resolution_batch', 'review_verdict'));
    await db.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual(without('resolution_batch', 'review_verdict'));
    await db.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual(without('resolution_batch', ...ACCOUNTABILITY_TABLES));
    await db.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual(without('resolution_batch', ...ACCOUNTABILITY_TABLES));
    await db.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);
    await db.runMigrations({ transaction: 'each' });
    expect(await tables()).toEqual(IDENTITY_TABLES);
  });
});
