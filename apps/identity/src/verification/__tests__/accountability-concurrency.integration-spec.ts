import type { Role } from '@mosaic/access';
import {
  DisputeRepository,
  identityEntities,
  identityMigrations,
  seedResolvedPerson,
  VerificationRepository,
} from '@mosaic/identity-data';
import { createServiceDataSource } from '@mosaic/persistence';
import type { GraphQLError } from 'graphql';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { FileDisputeUseCase } from '../../dispute/file-dispute.use-case';
import { ResolveDisputeUseCase } from '../../dispute/resolve-dispute.use-case';
import type { Actor } from '../acting-user';
import { ConfirmVerificationUseCase } from '../confirm-verification.use-case';
import { RequestVerificationUseCase } from '../request-verification.use-case';

const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
// Its own database, dropped afterwards: runs never see each other's rows.
const database = `mosaic_acc${process.pid.toString(36)}${Date.now().toString(36)}_identity`;

async function onServer(statement: string): Promise<void> {
  const client = new Client({ connectionString: `${serverUrl.replace(/\/+$/, '')}/postgres` });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const actor = (user: string, roles: Role[]): Actor => ({
  user,
  roles,
  purpose: roles.includes('ANALYST') ? 'CASE_INVESTIGATION' : 'IDENTITY_VERIFICATION',
  caseNumber: 'CASE-2026-000042',
});
const evidence = [{ kind: 'CASE_FILE' as const, reference: 'CF-2026-42' }];

/** What each of several concurrent calls did: how many succeeded, and the codes of the rest. */
async function race(calls: (() => Promise<unknown>)[]) {
  const outcomes = await Promise.allSettled(calls.map((call) => call()));
  return {
    done: outcomes.filter((o) => o.status === 'fulfilled').length,
    refused: outcomes.flatMap((o) =>
      o.status === 'rejected' ? [(o.reason as GraphQLError).extensions?.['code'] ?? o.reason] : [],
    ),
  };
}

/**
 * The same rules under real concurrency (PostgreSQL, a connection pool):
 * reviewers and supervisors acting at the same moment are counted one after
 * the other, and no race lets a rule be broken.
 */
describe('two-person verification and disputes under concurrency (PostgreSQL)', () => {
  let db: DataSource;
  let request: RequestVerificationUseCase;
  let confirm: ConfirmVerificationUseCase;
  let file: FileDisputeUseCase;
  let resolve: ResolveDisputeUseCase;

  beforeAll(async () => {
    await onServer(`CREATE DATABASE ${database}`);
    db = await createServiceDataSource({
      database: { kind: 'postgres', url: serverUrl, database },
      entities: identityEntities,
      migrations: identityMigrations,
    });
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
    request = new RequestVerificationUseCase(db);
    confirm = new ConfirmVerificationUseCase(db);
    file = new FileDisputeUseCase(db);
    resolve = new ResolveDisputeUseCase(db);
  }, 60_000);

  afterAll(async () => {
    if (db?.isInitialized) await db.destroy();
    await onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  const person = () =>
    seedResolvedPerson(db, {
      records: [
        { source: 'travel', recordId: `TE-${uuidv7()}` },
        { source: 'fingerprint', recordId: `FP-${uuidv7()}` },
        { source: 'seizure', recordId: `SS-${uuidv7()}` },
      ],
    });

  it('lets exactly one of simultaneous requests about a link through', async () => {
    const { decisionIds } = await person();
    const decisionId = decisionIds[0] as string;
    const result = await race(
      ['olga', 'otto', 'oona'].map(
        (user) => () =>
          request.execute({
            actor: actor(user, ['OFFICER']),
            note: null,
            target: 'LINK',
            decisionId,
          }),
      ),
    );
    expect(result).toEqual({ done: 1, refused: ['CONFLICT', 'CONFLICT'] });
  });

  it('counts simultaneous reviews one after the other: two confirm, the third finds it verified', async () => {
    const { decisionIds } = await person();
    const { request: asked } = await request.execute({
      actor: actor('olga', ['OFFICER']),
      note: null,
      target: 'LINK',
      decisionId: decisionIds[0] as string,
    });
    const result = await race(
      [actor('rita', ['REVIEWER']), actor('raul', ['REVIEWER']), actor('sara', ['SUPERVISOR'])].map(
        (who) => () =>
          confirm.execute({ actor: who, requestId: asked.id, decision: 'CONFIRM', evidence }),
      ),
    );
    expect(result).toEqual({ done: 2, refused: ['CONFLICT'] });
    const [stored] = await new VerificationRepository().requests(db.manager, [asked.id]);
    expect(stored?.state).toBe('VERIFIED');
    expect(new Set(stored?.reviews.map((r) => r.reviewer)).size).toBe(2);
  });

  it('never counts one reviewer twice, however fast they click', async () => {
    const { decisionIds } = await person();
    const { request: asked } = await request.execute({
      actor: actor('olga', ['OFFICER']),
      note: null,
      target: 'LINK',
      decisionId: decisionIds[0] as string,
    });
    const rita = actor('rita', ['REVIEWER']);
    const result = await race(
      Array.from(
        { length: 4 },
        () => () =>
          confirm.execute({ actor: rita, requestId: asked.id, decision: 'CONFIRM', evidence }),
      ),
    );
    expect(result.done).toBe(1);
    expect(result.refused).toEqual(Array(3).fill('DUPLICATE_CONFIRMATION'));
    const [stored] = await new VerificationRepository().requests(db.manager, [asked.id]);
    expect(stored).toMatchObject({ state: 'PENDING', reviews: [{ reviewer: 'rita' }] });
  });

  it('files one dispute per link and resolves it once, whoever acts at the same moment', async () => {
    const { personId, recordKeys } = await person();
    // The end of the person's chain of links: upheld, it alone leaves.
    const recordKey = recordKeys[2] as string;
    const filed = await race(
      ['ann', 'abe'].map(
        (user) => () =>
          file.execute({
            actor: actor(user, ['ANALYST']),
            personId,
            reason: 'not me',
            target: 'LINK',
            recordKey,
          }),
      ),
    );
    expect(filed).toEqual({ done: 1, refused: ['CONFLICT'] });
    const [open] = await new DisputeRepository().byPersons(db.manager, [personId]);
    const resolved = await race(
      [
        ['sara', 'UPHELD'],
        ['sam', 'REJECTED'],
      ].map(
        ([user, outcome]) =>
          () =>
            resolve.execute({
              actor: actor(user as string, ['SUPERVISOR']),
              disputeId: open?.id as string,
              outcome: outcome as 'UPHELD' | 'REJECTED',
              note: 'checked',
            }),
      ),
    );
    expect(resolved).toEqual({ done: 1, refused: ['CONFLICT'] });
    const after = await new DisputeRepository().find(db.manager, open?.id as string);
    // Whichever won, the person's clustering says the same thing.
    const [{ n }] = (await db.query(
      'SELECT count(DISTINCT person_id)::int AS n FROM identity_record WHERE key = ANY($1::text[])',
      [recordKeys],
    )) as [{ n: number }];
    expect(n).toBe(after?.state === 'UPHELD' ? 2 : 1);
  });
});
