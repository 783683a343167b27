import { createServiceDataSource } from '@mosaic/persistence';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { identityEntities, identityMigrations, seedResolvedPerson } from '..';

/**
 * The rules of two-person verification and disputes that the database holds
 * on its own, whatever code writes to it.
 */
describe('verification and dispute tables', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await createServiceDataSource({
      database: { kind: 'pglite', dataDir: 'memory://' },
      entities: identityEntities,
      migrations: identityMigrations,
    });
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
  }, 60_000);

  afterAll(async () => {
    if (db?.isInitialized) await db.destroy();
  });

  const request = async (requestedBy: string) => {
    const { decisionIds } = await seedResolvedPerson(db, {
      records: [
        { source: 'travel', recordId: `T-${uuidv7()}` },
        { source: 'fingerprint', recordId: `F-${uuidv7()}` },
      ],
    });
    const id = uuidv7();
    await db.query(
      `INSERT INTO verification_request (id, target, decision_id, requested_by, purpose, case_number)
       VALUES ($1, 'LINK', $2, $3, 'IDENTITY_VERIFICATION', 'CASE-2026-1')`,
      [id, decisionIds[0], requestedBy],
    );
    return id;
  };
  const review = (requestId: string, reviewer: string, evidence = '[{"kind": "CASE_FILE"}]') =>
    db.query(
      `INSERT INTO verification_review (request_id, reviewer, decision, evidence, roles, purpose, case_number)
       VALUES ($1, $2, 'CONFIRM', $3::jsonb, '{REVIEWER}', 'IDENTITY_VERIFICATION', 'CASE-2026-1')`,
      [requestId, reviewer, evidence],
    );

  it('refuses a review by the requester, a second review by one reviewer, and one citing nothing', async () => {
    const id = await request('ana');
    await expect(review(id, 'ana')).rejects.toThrow(/SELF_CONFIRMATION/);
    await review(id, 'ben');
    await expect(review(id, 'ben')).rejects.toThrow(/duplicate key/);
    await expect(review(id, 'cy', '[]')).rejects.toThrow(/check constraint/);
  });

  it('keeps one live request per link: another only after a rejection', async () => {
    const id = await request('ana');
    const [{ decision_id: decisionId }] = (await db.query(
      'SELECT decision_id FROM verification_request WHERE id = $1',
      [id],
    )) as [{ decision_id: string }];
    const again = () =>
      db.query(
        `INSERT INTO verification_request (id, target, decision_id, requested_by, purpose, case_number)
         VALUES ($1, 'LINK', $2, 'dee', 'CASE_INVESTIGATION', 'CASE-2026-2')`,
        [uuidv7(), decisionId],
      );
    await expect(again()).rejects.toThrow(/duplicate key/);
    await db.query(
      "UPDATE verification_request SET state = 'REJECTED', closed_at = now() WHERE id = $1",
      [id],
    );
    await again();
  });

  it('never deletes a dispute, resolves it once, and never by who filed it', async () => {
    const { personId, recordKeys } = await seedResolvedPerson(db, {
      records: [
        { source: 'travel', recordId: `T-${uuidv7()}` },
        { source: 'seizure', recordId: `S-${uuidv7()}` },
      ],
    });
    const id = uuidv7();
    await db.query(
      `INSERT INTO dispute (id, person_id, target, record_key, reason, filed_by, filed_purpose, filed_case)
       VALUES ($1, $2, 'LINK', $3, 'not me', 'ana', 'CASE_INVESTIGATION', 'CASE-2026-3')`,
      [id, personId, recordKeys[1]],
    );
    const resolve = (by: string) =>
      db.query(
        `UPDATE dispute SET state = 'REJECTED', resolved_by = $2, resolution_note = 'checked',
                resolved_at = now() WHERE id = $1`,
        [id, by],
      );
    await expect(resolve('ana')).rejects.toThrow(/dispute_two_people/);
    await expect(
      db.query("UPDATE dispute SET reason = 'something else' WHERE id = $1", [id]),
    ).rejects.toThrow(/cannot change/);
    await resolve('sam');
    await expect(resolve('tia')).rejects.toThrow(/already resolved/);
    await expect(db.query('DELETE FROM dispute WHERE id = $1', [id])).rejects.toThrow(
      /never deleted/,
    );
    const [row] = (await db.query('SELECT state, resolved_by FROM dispute WHERE id = $1', [
      id,
    ])) as { state: string; resolved_by: string }[];
    expect(row).toEqual({ state: 'REJECTED', resolved_by: 'sam' });
  });
});
