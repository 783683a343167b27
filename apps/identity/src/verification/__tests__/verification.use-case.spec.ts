import type { Role } from '@mosaic/access';
import {
  identityEntities,
  identityMigrations,
  PersonProfileRepository,
  seedResolvedPerson,
  VerificationRepository,
  type SeededPerson,
} from '@mosaic/identity-data';
import { createServiceDataSource } from '@mosaic/persistence';
import type { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { matchDecisionView } from '../../person/person-views';
import type { Actor } from '../acting-user';
import { ConfirmVerificationUseCase } from '../confirm-verification.use-case';
import { PendingVerificationsUseCase } from '../pending-verifications.use-case';
import { RequestVerificationUseCase } from '../request-verification.use-case';
import type { EvidenceInput } from '../verification-evidence';

const CASE = 'CASE-2026-000123';
const actor = (
  user: string,
  roles: Role[],
  purpose: Actor['purpose'] = 'IDENTITY_VERIFICATION',
): Actor => ({ user, roles, purpose, caseNumber: CASE });

const officer = actor('olga.officer', ['OFFICER']);
const reviewer1 = actor('rita.reviewer', ['REVIEWER']);
const reviewer2 = actor('raul.reviewer', ['REVIEWER']);
const supervisor = actor('sara.supervisor', ['SUPERVISOR']);
const documents: EvidenceInput[] = [{ kind: 'TRAVEL_DOCUMENT', reference: 'PRT passport X123' }];

/** The refusal's `extensions`, or a failure when `run` succeeded. */
async function refusal(run: () => Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await run();
  } catch (error) {
    return (error as GraphQLError).extensions ?? { message: (error as Error).message };
  }
  throw new Error('expected a refusal');
}

describe('two-person verification', () => {
  let db: DataSource;
  let request: RequestVerificationUseCase;
  let confirm: ConfirmVerificationUseCase;

  beforeAll(async () => {
    db = await createServiceDataSource({
      database: { kind: 'pglite', dataDir: 'memory://' },
      entities: identityEntities,
      migrations: identityMigrations,
    });
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
    request = new RequestVerificationUseCase(db);
    confirm = new ConfirmVerificationUseCase(db);
  }, 60_000);

  afterAll(async () => {
    if (db?.isInitialized) await db.destroy();
  });

  const person = (): Promise<SeededPerson> =>
    seedResolvedPerson(db, {
      records: [
        { source: 'travel', recordId: `TE-${uuidv7()}` },
        { source: 'fingerprint', recordId: `FP-${uuidv7()}` },
        { source: 'seizure', recordId: `SS-${uuidv7()}` },
      ],
    });
  const requestLink = async (decisionId: string, by: Actor = officer) =>
    (await request.execute({ actor: by, note: null, target: 'LINK', decisionId })).request;
  const linkVerification = async (personId: string, decisionId: string) => {
    const links = await new PersonProfileRepository(db.manager).links([personId]);
    const link = links.find((l) => l.decision?.id === decisionId);
    return link ? matchDecisionView(link).verification : null;
  };

  it('makes a link actionable only once two different reviewers confirm it, citing non-biometric evidence', async () => {
    const { personId, decisionIds, recordKeys } = await person();
    const decisionId = decisionIds[0] as string;
    expect(await linkVerification(personId, decisionId)).toMatchObject({
      state: 'UNVERIFIED',
      confirmations: 0,
      required: 2,
      requestId: null,
    });

    const asked = await request.execute({
      actor: officer,
      note: 'lead for an arrest warrant',
      target: 'LINK',
      decisionId,
    });
    expect(asked.recordKeys).toEqual([recordKeys[0], recordKeys[1]].sort());
    expect(asked.request).toMatchObject({
      target: 'LINK',
      decisionId,
      personId,
      state: 'PENDING',
      requestedBy: 'olga.officer',
      purpose: 'IDENTITY_VERIFICATION',
      caseNumber: CASE,
      note: 'lead for an arrest warrant',
      reviews: [],
    });
    const requestId = asked.request.id;
    expect(await linkVerification(personId, decisionId)).toMatchObject({
      state: 'PENDING',
      confirmations: 0,
      requestId,
      requestedBy: 'olga.officer',
    });

    const first = await confirm.execute({
      actor: reviewer1,
      requestId,
      decision: 'CONFIRM',
      evidence: [...documents, { kind: 'FACE_COMPARISON', reference: 'examiner sheet 7' }],
    });
    expect(first.request.state).toBe('PENDING');
    expect(await linkVerification(personId, decisionId)).toMatchObject({
      state: 'PENDING',
      confirmations: 1,
      confirmedBy: ['rita.reviewer'],
    });

    const second = await confirm.execute({
      actor: supervisor,
      requestId,
      decision: 'CONFIRM',
      evidence: [{ kind: 'CASE_FILE', reference: 'CF-2026-88' }],
    });
    expect(second.request).toMatchObject({ state: 'VERIFIED', closedAt: expect.any(Date) });
    expect(second.request.reviews).toEqual([
      expect.objectContaining({
        reviewer: 'rita.reviewer',
        decision: 'CONFIRM',
        roles: ['REVIEWER'],
        evidence: [
          { kind: 'TRAVEL_DOCUMENT', reference: 'PRT passport X123', note: null },
          { kind: 'FACE_COMPARISON', reference: 'examiner sheet 7', note: null },
        ],
      }),
      expect.objectContaining({ reviewer: 'sara.supervisor', decision: 'CONFIRM' }),
    ]);
    expect(await linkVerification(personId, decisionId)).toEqual({
      state: 'VERIFIED',
      confirmations: 2,
      required: 2,
      confirmedBy: ['rita.reviewer', 'sara.supervisor'],
      rejectedBy: [],
      requestId,
      requestedBy: 'olga.officer',
    });
    // The person's other link was never asked about.
    expect((await linkVerification(personId, decisionIds[1] as string))?.state).toBe('UNVERIFIED');
  });

  it('refuses a confirmation by the requester, even a reviewer (SELF_CONFIRMATION)', async () => {
    const { decisionIds } = await person();
    const asked = await requestLink(decisionIds[0] as string, reviewer1);
    expect(
      await refusal(() =>
        confirm.execute({
          actor: reviewer1,
          requestId: asked.id,
          decision: 'CONFIRM',
          evidence: documents,
        }),
      ),
    ).toMatchObject({ code: 'SELF_CONFIRMATION' });
    const [stored] = await new VerificationRepository().requests(db.manager, [asked.id]);
    expect(stored?.reviews).toEqual([]);
  });

  it('refuses a second review by the same person (DUPLICATE_CONFIRMATION), however it is phrased', async () => {
    const { decisionIds } = await person();
    const asked = await requestLink(decisionIds[0] as string);
    await confirm.execute({
      actor: reviewer1,
      requestId: asked.id,
      decision: 'CONFIRM',
      evidence: documents,
    });
    // The same user under another purpose, with other evidence, is still the same person.
    const again = actor('rita.reviewer', ['REVIEWER', 'ANALYST'], 'CASE_INVESTIGATION');
    expect(
      await refusal(() =>
        confirm.execute({
          actor: again,
          requestId: asked.id,
          decision: 'CONFIRM',
          evidence: [{ kind: 'INTERVIEW', reference: 'interview 2' }],
        }),
      ),
    ).toMatchObject({ code: 'DUPLICATE_CONFIRMATION' });
    const [stored] = await new VerificationRepository().requests(db.manager, [asked.id]);
    expect(stored).toMatchObject({ state: 'PENDING', reviews: [{ reviewer: 'rita.reviewer' }] });
  });

  it('lets only reviewers and supervisors review, and refuses roles that may not ask', async () => {
    const { decisionIds } = await person();
    const asked = await requestLink(decisionIds[0] as string);
    for (const who of [
      actor('ann.analyst', ['ANALYST'], 'CASE_INVESTIGATION'),
      actor('otto.officer', ['OFFICER']),
      // Under OVERSIGHT_AUDIT a token that also holds REVIEWER acts as OVERSIGHT only.
      actor('ozzy.oversight', ['OVERSIGHT', 'REVIEWER'], 'OVERSIGHT_AUDIT'),
    ]) {
      expect(
        await refusal(() =>
          confirm.execute({
            actor: who,
            requestId: asked.id,
            decision: 'CONFIRM',
            evidence: documents,
          }),
        ),
      ).toMatchObject({ code: 'FORBIDDEN', field: 'Mutation.confirmVerification' });
    }
    expect(
      await refusal(() =>
        request.execute({
          actor: actor('ozzy.oversight', ['OVERSIGHT'], 'OVERSIGHT_AUDIT'),
          note: null,
          target: 'LINK',
          decisionId: decisionIds[1] as string,
        }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN', field: 'Mutation.requestVerification' });
  });

  it('refuses a confirmation without corroborating non-biometric evidence (EVIDENCE_REQUIRED), and stores nothing', async () => {
    const { decisionIds } = await person();
    const asked = await requestLink(decisionIds[0] as string);
    for (const evidence of [
      [],
      [{ kind: 'FACE_COMPARISON' as const, reference: 'examiner sheet 1' }],
    ]) {
      expect(
        await refusal(() =>
          confirm.execute({ actor: reviewer1, requestId: asked.id, decision: 'CONFIRM', evidence }),
        ),
      ).toMatchObject({ code: 'EVIDENCE_REQUIRED', issues: [{ field: 'input.evidence' }] });
    }
    const [stored] = await new VerificationRepository().requests(db.manager, [asked.id]);
    expect(stored?.reviews).toEqual([]);
  });

  it('closes a request on one rejection: no more reviews, and a new request may be asked', async () => {
    const { personId, decisionIds } = await person();
    const decisionId = decisionIds[0] as string;
    const asked = await requestLink(decisionId);
    await confirm.execute({
      actor: reviewer1,
      requestId: asked.id,
      decision: 'CONFIRM',
      evidence: documents,
    });
    const rejected = await confirm.execute({
      actor: reviewer2,
      requestId: asked.id,
      decision: 'REJECT',
      evidence: [{ kind: 'TRAVEL_HISTORY', reference: 'in Lisbon that day', note: 'entry stamp' }],
    });
    expect(rejected.request.state).toBe('REJECTED');
    expect(await linkVerification(personId, decisionId)).toMatchObject({
      state: 'REJECTED',
      confirmedBy: ['rita.reviewer'],
      rejectedBy: ['raul.reviewer'],
    });
    expect(
      await refusal(() =>
        confirm.execute({
          actor: supervisor,
          requestId: asked.id,
          decision: 'CONFIRM',
          evidence: documents,
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT', state: 'REJECTED' });

    const again = await requestLink(decisionId, actor('otto.officer', ['OFFICER']));
    expect(again.id).not.toBe(asked.id);
    expect(await linkVerification(personId, decisionId)).toMatchObject({
      state: 'PENDING',
      requestId: again.id,
    });
  });

  it('keeps one live request per link, naming it on a second ask', async () => {
    const { decisionIds } = await person();
    const asked = await requestLink(decisionIds[0] as string);
    expect(
      await refusal(() =>
        requestLink(decisionIds[0] as string, actor('ann', ['ANALYST'], 'CASE_INVESTIGATION')),
      ),
    ).toMatchObject({ code: 'CONFLICT', requestId: asked.id, state: 'PENDING' });
  });

  it('counts reviewers acting at the same moment one after the other', async () => {
    const { decisionIds } = await person();
    const asked = await requestLink(decisionIds[0] as string);
    const outcomes = await Promise.allSettled(
      [reviewer1, reviewer2, supervisor].map((who) =>
        confirm.execute({
          actor: who,
          requestId: asked.id,
          decision: 'CONFIRM',
          evidence: documents,
        }),
      ),
    );
    const done = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.flatMap((o) =>
      o.status === 'rejected' ? [(o.reason as GraphQLError).extensions] : [],
    );
    expect(done).toHaveLength(2);
    expect(refused).toEqual([expect.objectContaining({ code: 'CONFLICT', state: 'VERIFIED' })]);
    const [stored] = await new VerificationRepository().requests(db.manager, [asked.id]);
    expect(stored?.state).toBe('VERIFIED');
    expect(stored?.reviews).toHaveLength(2);
  });

  it('answers unknown decisions and requests with NOT_FOUND, and a decision that links nothing with CONFLICT', async () => {
    expect(await refusal(() => requestLink(uuidv7()))).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await refusal(() =>
        confirm.execute({
          actor: reviewer1,
          requestId: uuidv7(),
          decision: 'CONFIRM',
          evidence: documents,
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    const { decisionIds } = await person();
    await db.query('DELETE FROM person_link WHERE decision_id = $1', [decisionIds[0]]);
    expect(await refusal(() => requestLink(decisionIds[0] as string))).toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('verifies an identification: a probe record belongs to a candidate person', async () => {
    const candidate = await person();
    const probe = await seedResolvedPerson(db, {
      records: [{ source: 'travel', recordId: `PROBE-${uuidv7()}` }],
    });
    const probeKey = probe.recordKeys[0] as string;
    const asked = await request.execute({
      actor: officer,
      note: null,
      target: 'IDENTIFICATION',
      probeKey,
      personId: candidate.personId,
    });
    expect(asked).toMatchObject({
      recordKeys: [probeKey],
      request: {
        target: 'IDENTIFICATION',
        probeKey,
        personId: candidate.personId,
        decisionId: null,
      },
    });
    await confirm.execute({
      actor: reviewer1,
      requestId: asked.request.id,
      decision: 'CONFIRM',
      evidence: documents,
    });
    await confirm.execute({
      actor: reviewer2,
      requestId: asked.request.id,
      decision: 'CONFIRM',
      evidence: documents,
    });
    const current = await new VerificationRepository().currentForIdentifications(
      db.manager,
      probeKey,
      [candidate.personId, probe.personId],
    );
    expect(current.get(candidate.personId)?.state).toBe('VERIFIED');
    expect(current.has(probe.personId)).toBe(false);

    expect(
      await refusal(() =>
        request.execute({
          actor: officer,
          note: null,
          target: 'IDENTIFICATION',
          probeKey: 'travel:NOPE',
          personId: candidate.personId,
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await refusal(() =>
        request.execute({
          actor: officer,
          note: null,
          target: 'IDENTIFICATION',
          probeKey,
          personId: uuidv7(),
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('does not review a link whose record is under an open dispute', async () => {
    const { personId, decisionIds, recordKeys } = await person();
    const asked = await requestLink(decisionIds[0] as string);
    await db.query(
      `INSERT INTO dispute (id, person_id, target, record_key, reason, filed_by, filed_purpose, filed_case)
       VALUES ($1, $2, 'LINK', $3, 'not me', 'ann', 'CASE_INVESTIGATION', $4)`,
      [uuidv7(), personId, recordKeys[0], CASE],
    );
    expect(
      await refusal(() =>
        confirm.execute({
          actor: reviewer1,
          requestId: asked.id,
          decision: 'CONFIRM',
          evidence: documents,
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT', reason: 'UNDER_DISPUTE' });
  });

  it('lists what waits for reviewers, longest-waiting first, a page at a time, to reviewers only', async () => {
    const pending = new PendingVerificationsUseCase(db);
    // Whatever earlier cases left pending, the new requests come after it.
    const before = await pending.execute({ actor: reviewer1, first: 100, after: null });
    const start = before.endCursor;
    const a = await person();
    const b = await person();
    const c = await person();
    const first = await requestLink(a.decisionIds[0] as string);
    const second = await requestLink(b.decisionIds[0] as string);
    const closed = await requestLink(c.decisionIds[0] as string);
    await confirm.execute({
      actor: reviewer1,
      requestId: closed.id,
      decision: 'REJECT',
      evidence: documents,
    });

    const page1 = await pending.execute({ actor: reviewer2, first: 1, after: start });
    expect(page1.requests.map((r) => r.request.id)).toEqual([first.id]);
    expect(page1.requests[0]?.recordKeys).toEqual(
      expect.arrayContaining([a.recordKeys[0], a.recordKeys[1]]),
    );
    expect(page1.hasNextPage).toBe(true);
    const page2 = await pending.execute({ actor: supervisor, first: 5, after: page1.endCursor });
    // The rejected request is closed: it waits for nobody.
    expect(page2.requests.map((r) => r.request.id)).toEqual([second.id]);
    expect(page2.hasNextPage).toBe(false);

    expect(
      await refusal(() => pending.execute({ actor: officer, first: 5, after: null })),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refusal(() => pending.execute({ actor: reviewer1, first: 0, after: null })),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [expect.objectContaining({ field: 'first' })],
    });
    expect(
      await refusal(() => pending.execute({ actor: reviewer1, first: 5, after: 'page-2' })),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [expect.objectContaining({ field: 'after' })],
    });
  });
});
