import type { Role } from '@mosaic/access';
import {
  ClusterRepository,
  DisputeRepository,
  identityEntities,
  identityMigrations,
  PersonProfileRepository,
  seedResolvedPerson,
  TEST_MODEL_VERSION,
  type IdentityPersonEvent,
  type SeededPerson,
} from '@mosaic/identity-data';
import { createServiceDataSource } from '@mosaic/persistence';
import { ClusterState } from '@mosaic/resolution';
import type { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { attributesView, countingLinks, countingRecords } from '../../person/person-views';
import type { Actor } from '../../verification/acting-user';
import { FileDisputeUseCase } from '../file-dispute.use-case';
import { ResolveDisputeUseCase } from '../resolve-dispute.use-case';

const CASE = 'CASE-2026-000777';
const actor = (
  user: string,
  roles: Role[],
  purpose: Actor['purpose'] = 'CASE_INVESTIGATION',
): Actor => ({ user, roles, purpose, caseNumber: CASE });
const analyst = actor('ann.analyst', ['ANALYST']);
const supervisor = actor('sara.supervisor', ['SUPERVISOR']);
const otherSupervisor = actor('sam.supervisor', ['SUPERVISOR'], 'DATA_QUALITY');

async function refusal(run: () => Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await run();
  } catch (error) {
    return (error as GraphQLError).extensions ?? { message: (error as Error).message };
  }
  throw new Error('expected a refusal');
}

describe('disputes and redress', () => {
  let db: DataSource;
  let file: FileDisputeUseCase;
  let resolve: ResolveDisputeUseCase;
  const disputes = new DisputeRepository();

  beforeAll(async () => {
    db = await createServiceDataSource({
      database: { kind: 'pglite', dataDir: 'memory://' },
      entities: identityEntities,
      migrations: identityMigrations,
    });
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
    file = new FileDisputeUseCase(db);
    resolve = new ResolveDisputeUseCase(db);
  }, 60_000);

  afterAll(async () => {
    if (db?.isInitialized) await db.destroy();
  });

  const person = (links?: [number, number][]): Promise<SeededPerson> =>
    seedResolvedPerson(db, {
      records: [
        { source: 'travel', recordId: `TE-${uuidv7()}`, biographic: { phones: ['+351912345678'] } },
        { source: 'seizure', recordId: `SS-${uuidv7()}`, biographic: { surname: 'Sylva' } },
        { source: 'fingerprint', recordId: `FP-${uuidv7()}` },
      ],
      ...(links ? { links } : {}),
    });
  /** identity.person.v1 payloads about these persons, in the order they were appended. */
  const events = async (...personIds: string[]) =>
    (
      (await db.query(
        `SELECT envelope FROM outbox WHERE topic = 'identity.person.v1' AND key = ANY($1::text[])
          ORDER BY position`,
        [personIds],
      )) as { envelope: { payload: IdentityPersonEvent } | string }[]
    ).map((r) => (typeof r.envelope === 'string' ? JSON.parse(r.envelope) : r.envelope).payload);
  const profile = async (personId: string) => {
    const repository = new PersonProfileRepository(db.manager);
    const [[row], records, links] = await Promise.all([
      repository.persons([personId]),
      repository.records([personId]),
      repository.links([personId]),
    ]);
    return {
      row,
      records: countingRecords(records).map((r) => r.key),
      suspended: records.filter((r) => r.suspended).map((r) => r.key),
      links: countingLinks(links).map((l) => [l.aKey, l.bKey].sort()),
      attributes: attributesView(
        countingRecords(records),
        countingLinks(links),
        row?.attributeDisputes,
      ),
    };
  };
  const ref = (key: string) => {
    const [source, recordId] = key.split(/:(.*)/s) as [string, string];
    return { source, recordId };
  };

  it('suspends a disputed link at once: out of the profile, flagged, and a SUSPENDED event for link analysis', async () => {
    const { personId, recordKeys } = await person();
    const disputed = recordKeys[1] as string;
    const dispute = await file.execute({
      actor: analyst,
      personId,
      reason: 'The seizure subject is my brother, not me',
      target: 'LINK',
      recordKey: disputed,
    });
    expect(dispute).toMatchObject({
      personId,
      target: 'LINK',
      recordKey: disputed,
      state: 'OPEN',
      filedBy: 'ann.analyst',
      filedPurpose: 'CASE_INVESTIGATION',
      filedCase: CASE,
      resolvedBy: null,
    });
    const after = await profile(personId);
    expect(after.row?.underDispute).toBe(true);
    expect(after.records).toEqual([recordKeys[0], recordKeys[2]]);
    expect(after.suspended).toEqual([disputed]);
    // Both links touched the disputed record: none counts.
    expect(after.links).toEqual([]);
    expect(after.attributes.names.map((n) => n.value)).toEqual(['Ana Silva']);
    expect(await events(personId)).toEqual([
      expect.objectContaining({
        personId,
        change: 'SUSPENDED',
        records: [ref(disputed)],
        modelVersion: TEST_MODEL_VERSION,
      }),
    ]);
    expect(
      await refusal(() =>
        file.execute({
          actor: supervisor,
          personId,
          reason: 'again',
          target: 'LINK',
          recordKey: disputed,
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT', disputeId: dispute.id });
  });

  it('refuses a dispute that names no link of the person', async () => {
    const { personId } = await person();
    const other = await person();
    expect(
      await refusal(() =>
        file.execute({
          actor: analyst,
          personId,
          reason: 'x',
          target: 'LINK',
          recordKey: other.recordKeys[0] as string,
        }),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ field: 'input.record' }] });
    const single = await seedResolvedPerson(db, {
      records: [{ source: 'travel', recordId: `TE-${uuidv7()}` }],
    });
    expect(
      await refusal(() =>
        file.execute({
          actor: analyst,
          personId: single.personId,
          reason: 'x',
          target: 'LINK',
          recordKey: single.recordKeys[0] as string,
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT' });
    expect(
      await refusal(() =>
        file.execute({
          actor: analyst,
          personId: uuidv7(),
          reason: 'x',
          target: 'LINK',
          recordKey: 'travel:X',
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await refusal(() =>
        file.execute({
          actor: actor('adam', ['ADMIN'], 'DATA_QUALITY'),
          personId,
          reason: 'x',
          target: 'LINK',
          recordKey: 'travel:X',
        }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN', field: 'Mutation.fileDispute' });
  });

  it('rejected: the link counts again (RESTORED), and the dispute keeps its history', async () => {
    const { personId, recordKeys } = await person();
    const disputed = recordKeys[2] as string;
    const dispute = await file.execute({
      actor: analyst,
      personId,
      reason: 'wrong',
      target: 'LINK',
      recordKey: disputed,
    });
    const { dispute: resolved, separation } = await resolve.execute({
      actor: supervisor,
      disputeId: dispute.id,
      outcome: 'REJECTED',
      note: 'Fingerprints and passport agree',
    });
    expect(separation).toBeNull();
    expect(resolved).toMatchObject({
      state: 'REJECTED',
      filedBy: 'ann.analyst',
      resolvedBy: 'sara.supervisor',
      resolvedPurpose: 'CASE_INVESTIGATION',
      resolutionNote: 'Fingerprints and passport agree',
      resolvedAt: expect.any(Date),
      separatedInto: null,
    });
    const after = await profile(personId);
    expect(after.row?.underDispute).toBe(false);
    expect(after.records).toEqual(recordKeys);
    expect(after.links).toHaveLength(2);
    expect((await events(personId)).map((e) => [e.change, e.records])).toEqual([
      ['SUSPENDED', [ref(disputed)]],
      ['RESTORED', [ref(disputed)]],
    ]);
    expect((await disputes.byPersons(db.manager, [personId])).map((d) => d.id)).toEqual([
      dispute.id,
    ]);
  });

  it('upheld: unmerges the record into a person of its own, removes its links, and makes it cannot-link for good', async () => {
    const { personId, recordKeys } = await person();
    const [kept, disputed, alsoKept] = recordKeys as [string, string, string];
    // A link between the other two, so the person holds together without the disputed record.
    await db.query(
      `INSERT INTO person_link (person_id, a_key, b_key, reason) VALUES ($1, $2, $3, 'AUTO_LINK')`,
      [personId, kept, alsoKept],
    );
    const dispute = await file.execute({
      actor: analyst,
      personId,
      reason: 'not me',
      target: 'LINK',
      recordKey: disputed,
    });
    const { dispute: resolved, separation } = await resolve.execute({
      actor: supervisor,
      disputeId: dispute.id,
      outcome: 'UPHELD',
      note: 'Different person: the seizure subject was in custody elsewhere',
    });
    const separatedInto = separation?.separatedInto as string;
    expect(separation).toMatchObject({
      personId,
      alsoSplitOff: [],
      cannotLinkWith: [kept, alsoKept],
    });
    expect(resolved).toMatchObject({ state: 'UPHELD', separatedInto });

    const left = await profile(personId);
    expect(left.records).toEqual([kept, alsoKept]);
    expect(left.links).toEqual([[kept, alsoKept].sort()]);
    expect(left.row?.underDispute).toBe(false);
    const alone = await profile(separatedInto);
    expect(alone.records).toEqual([disputed]);
    expect(alone.links).toEqual([]);
    const [row] = (await db.query('SELECT split_from, status FROM person WHERE id = $1', [
      separatedInto,
    ])) as { split_from: string; status: string }[];
    expect(row).toEqual({ split_from: personId, status: 'ACTIVE' });
    expect(
      await db.query('SELECT count(*)::int AS n FROM person_link WHERE a_key = $1 OR b_key = $1', [
        disputed,
      ]),
    ).toEqual([{ n: 0 }]);
    const cannot = (await db.query(
      'SELECT a_key, b_key, reason FROM cannot_link WHERE a_key = $1 OR b_key = $1 ORDER BY a_key, b_key',
      [disputed],
    )) as { a_key: string; b_key: string; reason: string }[];
    expect(cannot.map((c) => [c.a_key, c.b_key].sort())).toEqual(
      [[disputed, kept].sort(), [disputed, alsoKept].sort()].sort(),
    );
    expect(new Set(cannot.map((c) => c.reason))).toEqual(new Set([`DISPUTE_UPHELD:${dispute.id}`]));

    expect(
      (await events(personId, separatedInto)).map((e) => [
        e.change,
        e.personId,
        e.records,
        e.splitFrom,
        e.into,
      ]),
    ).toEqual([
      ['SUSPENDED', personId, [ref(disputed)], null, []],
      ['CREATED', separatedInto, [ref(disputed)], personId, []],
      ['SPLIT', personId, [ref(disputed)], null, [separatedInto]],
    ]);
    // Both persons keep the dispute in their history.
    for (const id of [personId, separatedInto]) {
      expect((await disputes.byPersons(db.manager, [id])).map((d) => [d.id, d.state])).toEqual([
        [dispute.id, 'UPHELD'],
      ]);
    }

    // However strong the evidence, the resolver's clustering never joins them again.
    const slice = await new ClusterRepository().loadSlice(db.manager, [disputed, kept]);
    const state = ClusterState.restore(() => uuidv7(), slice);
    expect(state.link({ a: disputed, b: kept, reason: 'AUTO_LINK' })).toMatchObject({
      status: 'BLOCKED',
      reason: 'CANNOT_LINK',
    });
  });

  it('upheld on a record that was all that tied the rest: every part becomes a person of its own', async () => {
    const { personId, recordKeys } = await person([
      [0, 1],
      [1, 2],
    ]);
    const [first, bridge, last] = recordKeys as [string, string, string];
    const dispute = await file.execute({
      actor: analyst,
      personId,
      reason: 'not me',
      target: 'LINK',
      recordKey: bridge,
    });
    const { separation } = await resolve.execute({
      actor: supervisor,
      disputeId: dispute.id,
      outcome: 'UPHELD',
      note: 'wrong',
    });
    const [splitOff] = separation?.alsoSplitOff ?? [];
    expect((await profile(personId)).records).toEqual([first]);
    expect((await profile(separation?.separatedInto as string)).records).toEqual([bridge]);
    expect((await profile(splitOff as string)).records).toEqual([last]);
    const split = (await events(personId)).find((e) => e.change === 'SPLIT');
    expect(split).toMatchObject({
      into: [separation?.separatedInto, splitOff],
      records: [ref(bridge), ref(last)],
    });
  });

  it('resolves once, only by a supervisor who did not file it', async () => {
    const { personId, recordKeys } = await person();
    const mine = await file.execute({
      actor: supervisor,
      personId,
      reason: 'my own doubt',
      target: 'LINK',
      recordKey: recordKeys[0] as string,
    });
    expect(
      await refusal(() =>
        resolve.execute({
          actor: supervisor,
          disputeId: mine.id,
          outcome: 'REJECTED',
          note: 'fine',
        }),
      ),
    ).toMatchObject({ code: 'SELF_CONFIRMATION' });
    for (const who of [
      actor('rita', ['REVIEWER']),
      analyst,
      actor('ozzy', ['OVERSIGHT'], 'OVERSIGHT_AUDIT'),
    ]) {
      expect(
        await refusal(() =>
          resolve.execute({ actor: who, disputeId: mine.id, outcome: 'REJECTED', note: 'fine' }),
        ),
      ).toMatchObject({ code: 'FORBIDDEN', field: 'Mutation.resolveDispute' });
    }
    await resolve.execute({
      actor: otherSupervisor,
      disputeId: mine.id,
      outcome: 'REJECTED',
      note: 'checked',
    });
    expect(
      await refusal(() =>
        resolve.execute({
          actor: actor('tia', ['SUPERVISOR']),
          disputeId: mine.id,
          outcome: 'UPHELD',
          note: 'no',
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT', state: 'REJECTED' });
    expect(
      await refusal(() =>
        resolve.execute({
          actor: otherSupervisor,
          disputeId: uuidv7(),
          outcome: 'UPHELD',
          note: 'no',
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect((await disputes.find(db.manager, mine.id))?.resolvedBy).toBe('sam.supervisor');
  });

  it('marks a disputed attribute value and flags the person; upheld it stays marked, rejected it does not', async () => {
    const { personId } = await person();
    const filed = async (kind: 'NAME' | 'PHONE', value: string) =>
      file.execute({
        actor: analyst,
        personId,
        reason: 'never used this',
        target: 'ATTRIBUTE',
        kind,
        value,
      });
    const phone = await filed('PHONE', '+351912345678');
    const name = await filed('NAME', 'Ana Sylva');
    let after = await profile(personId);
    expect(after.row?.underDispute).toBe(true);
    // Links are untouched by attribute disputes.
    expect(after.records).toHaveLength(3);
    expect(after.attributes.phones).toEqual([
      expect.objectContaining({ value: '+351912345678', disputed: true, disputeState: 'OPEN' }),
    ]);
    expect(after.attributes.names.map((n) => [n.value, n.disputed, n.disputeState])).toEqual([
      ['Ana Silva', false, null],
      ['Ana Sylva', true, 'OPEN'],
    ]);
    expect(await events(personId)).toEqual([]);

    await resolve.execute({
      actor: supervisor,
      disputeId: phone.id,
      outcome: 'UPHELD',
      note: 'carrier says so',
    });
    await resolve.execute({
      actor: supervisor,
      disputeId: name.id,
      outcome: 'REJECTED',
      note: 'spelling on the charge sheet',
    });
    after = await profile(personId);
    expect(after.row?.underDispute).toBe(false);
    expect(after.attributes.phones[0]).toMatchObject({ disputed: true, disputeState: 'UPHELD' });
    expect(after.attributes.names.every((n) => !n.disputed && n.disputeState === null)).toBe(true);

    expect(await refusal(() => filed('NAME', 'Somebody Else'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [{ field: 'input.attribute.value' }],
    });
  });
});
