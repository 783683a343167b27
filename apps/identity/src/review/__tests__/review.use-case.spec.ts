import type { Role } from '@mosaic/access';
import {
  identityEntities,
  identityMigrations,
  PersonProfileRepository,
  seedResolvedPerson,
  TEST_MODEL_VERSION,
  TEST_THRESHOLD_VERSION,
  type IdentityPersonEvent,
  type SeededPerson,
} from '@mosaic/identity-data';
import { createServiceDataSource } from '@mosaic/persistence';
import type { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { Actor } from '../../verification/acting-user';
import type { EvidenceInput } from '../../verification/verification-evidence';
import { ClaimReviewItemUseCase } from '../claim-review-item.use-case';
import { DecideReviewItemUseCase } from '../decide-review-item.use-case';
import { ReviewQueueService } from '../review-queue.service';
import { REVIEW_LEASE_MS } from '../review-rules';
import { ReviewerOversightUseCase } from '../reviewer-oversight.use-case';

const CASE = 'CASE-2026-000818';
const actor = (user: string, roles: Role[], purpose: Actor['purpose'] = 'DATA_QUALITY'): Actor => ({
  user,
  roles,
  purpose,
  caseNumber: CASE,
});
const rita = actor('rita.reviewer', ['REVIEWER']);
const rob = actor('rob.reviewer', ['REVIEWER']);
const rhea = actor('rhea.reviewer', ['REVIEWER']);
const sara = actor('sara.supervisor', ['SUPERVISOR']);
const olga = actor('olga.oversight', ['OVERSIGHT'], 'OVERSIGHT_AUDIT');
const analyst = actor('ann.analyst', ['ANALYST'], 'CASE_INVESTIGATION');

const DOCUMENT: EvidenceInput[] = [{ kind: 'TRAVEL_DOCUMENT', reference: 'PASSPORT P123 PRT' }];
const FACE_ONLY: EvidenceInput[] = [{ kind: 'FACE_COMPARISON', reference: 'capture 1 vs 2' }];

async function refusal(run: () => Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await run();
  } catch (error) {
    return (error as GraphQLError).extensions ?? { message: (error as Error).message };
  }
  throw new Error('expected a refusal');
}

describe('the review workflow', () => {
  let db: DataSource;
  let now = new Date('2026-12-01T09:00:00Z');
  const clock = () => now;
  let claims: ClaimReviewItemUseCase;
  let verdicts: DecideReviewItemUseCase;
  let queue: ReviewQueueService;
  let oversight: ReviewerOversightUseCase;

  beforeAll(async () => {
    db = await createServiceDataSource({
      database: { kind: 'pglite', dataDir: 'memory://' },
      entities: identityEntities,
      migrations: identityMigrations,
    });
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
    claims = new ClaimReviewItemUseCase(db, clock);
    verdicts = new DecideReviewItemUseCase(db, clock);
    queue = new ReviewQueueService(db, clock);
    oversight = new ReviewerOversightUseCase(db);
  }, 60_000);

  afterAll(async () => {
    if (db?.isInitialized) await db.destroy();
  });

  const person = (records = 2): Promise<SeededPerson> =>
    seedResolvedPerson(db, {
      records: Array.from({ length: records }, (_, i) => ({
        source: i % 2 === 0 ? ('travel' as const) : ('fingerprint' as const),
        recordId: `R-${uuidv7()}`,
      })),
    });

  /** A REVIEW decision between two records and its open review item. */
  const reviewItem = async (aKey: string, bKey: string, llr = 9, createdAt = now) => {
    const id = uuidv7();
    await db.query(
      `INSERT INTO link_decision (id, a_key, b_key, outcome, llr, biometric_llr, probability, profile,
                                  thresholds, contributions, biometrics, model_version, threshold_version)
       VALUES ($1, $2, $3, 'REVIEW', $4, 0, 0.97, 'biographic',
               '{"autoLink": null, "review": 6, "biometric": null}'::jsonb,
               '[{"kind": "BIOGRAPHIC", "name": "surname", "detail": "EXACT", "weight": 5}]'::jsonb,
               '[]'::jsonb, $5, $6)`,
      [id, aKey, bKey, llr, TEST_MODEL_VERSION, TEST_THRESHOLD_VERSION],
    );
    await db.query(
      'INSERT INTO review_item (decision_id, a_key, b_key, created_at) VALUES ($1, $2, $3, $4)',
      [id, aKey, bKey, createdAt.toISOString()],
    );
    return id;
  };
  const item = async (id: string) => await queue.item(rita, id);
  const personOf = async (key: string) =>
    (
      (await db.query('SELECT person_id FROM identity_record WHERE key = $1', [key])) as {
        person_id: string;
      }[]
    )[0]?.person_id;
  const events = async (...personIds: string[]) =>
    (
      (await db.query(
        `SELECT envelope FROM outbox WHERE topic = 'identity.person.v1' AND key = ANY($1::text[])
          ORDER BY position`,
        [personIds],
      )) as { envelope: { payload: IdentityPersonEvent } | string }[]
    ).map((r) => (typeof r.envelope === 'string' ? JSON.parse(r.envelope) : r.envelope).payload);
  /** Claims and gives a verdict as `who`. */
  const review = async (
    who: Actor,
    id: string,
    decision: 'LINK' | 'NOT_LINK' | 'UNSURE',
    evidence = DOCUMENT,
  ) => {
    await claims.claim(who, id);
    return verdicts.decide({ actor: who, itemId: id, decision, evidence, note: null });
  };

  it('applies a LINK two different reviewers agree on: one person, lineage, events, the link explained', async () => {
    const [p, q] = [await person(), await person(3)];
    const id = await reviewItem(p.recordKeys[0] as string, q.recordKeys[1] as string);

    const first = await review(rita, id, 'LINK');
    expect(first.applied).toBeNull();
    expect(first.item.state).toBe('PENDING');
    expect(await personOf(q.recordKeys[1] as string)).toBe(q.personId);

    const second = await review(rob, id, 'LINK');
    expect(second.applied).toMatchObject({ state: 'LINKED' });
    expect(second.item).toMatchObject({ state: 'LINKED', claimedBy: null });
    // The older person keeps its id; the other is MERGED into it.
    for (const key of [...p.recordKeys, ...q.recordKeys]) {
      expect(await personOf(key)).toBe(p.personId);
    }
    const [merged] = await new PersonProfileRepository(db.manager).persons([q.personId]);
    expect(merged).toMatchObject({ status: 'MERGED', mergedInto: p.personId });
    const links = await new PersonProfileRepository(db.manager).links([p.personId]);
    expect(links.find((l) => l.decision?.id === id)).toMatchObject({ reason: 'REVIEW' });
    expect((await events(p.personId, q.personId)).map((e) => [e.personId, e.change])).toEqual([
      [q.personId, 'MERGED'],
      [p.personId, 'RECORDS_ADDED'],
    ]);
    expect(second.item.verdicts.map((v) => [v.reviewer, v.stage, v.decision])).toEqual([
      ['rita.reviewer', 'FIRST', 'LINK'],
      ['rob.reviewer', 'SECOND', 'LINK'],
    ]);
  });

  it('makes a pair both reviewers reject cannot-link, and closes the items it settles', async () => {
    const [p, q] = [await person(), await person()];
    const id = await reviewItem(p.recordKeys[0] as string, q.recordKeys[0] as string);
    const other = await reviewItem(p.recordKeys[1] as string, q.recordKeys[1] as string);

    await review(rita, id, 'NOT_LINK');
    const second = await review(rob, id, 'NOT_LINK');
    expect(second.item.state).toBe('NOT_LINKED');
    expect(second.applied?.settled).toEqual([other]);
    const [pair] = [p.recordKeys[0] as string, q.recordKeys[0] as string].sort();
    expect(await db.query('SELECT reason FROM cannot_link WHERE a_key = $1', [pair])).toEqual([
      { reason: `REVIEW_NOT_LINK:${id}` },
    ]);
    expect(await item(other)).toMatchObject({ state: 'CLOSED', closedByItem: id });
    expect((await item(other)).reason).toMatch(/^CANNOT_LINK/);
    expect(await personOf(q.recordKeys[0] as string)).toBe(q.personId);
  });

  it('changes nothing on one verdict, and refuses the same reviewer twice', async () => {
    const [p, q] = [await person(), await person()];
    const id = await reviewItem(p.recordKeys[0] as string, q.recordKeys[0] as string);
    await review(rita, id, 'LINK');
    expect(await personOf(q.recordKeys[0] as string)).toBe(q.personId);
    expect(await events(q.personId)).toEqual([]);
    expect(await refusal(() => claims.claim(rita, id))).toMatchObject({
      code: 'DUPLICATE_CONFIRMATION',
    });
  });

  it('holds an item for one reviewer under a lease, which nobody else can take until it expires', async () => {
    const [p, q] = [await person(), await person()];
    const id = await reviewItem(p.recordKeys[0] as string, q.recordKeys[0] as string);
    const claimed = await claims.claim(rita, id);
    expect(claimed).toMatchObject({ claimedBy: 'rita.reviewer' });
    expect(await refusal(() => claims.claim(rhea, id))).toMatchObject({
      code: 'CONFLICT',
      reason: 'LEASED',
      claimedBy: 'rita.reviewer',
    });
    // Deciding without the lease is refused too, whoever holds it.
    expect(
      await refusal(() =>
        verdicts.decide({
          actor: rhea,
          itemId: id,
          decision: 'LINK',
          evidence: DOCUMENT,
          note: null,
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT', reason: 'LEASED' });
    const queued = await queue.page(
      rhea,
      { states: ['PENDING'], profile: null, officerWaiting: null, claimableOnly: true },
      100,
      null,
    );
    expect(queued.rows.map((r) => r.id)).not.toContain(id);

    now = new Date(now.getTime() + REVIEW_LEASE_MS + 1);
    expect(await claims.claim(rhea, id)).toMatchObject({ claimedBy: 'rhea.reviewer' });
    expect(
      await refusal(() =>
        verdicts.decide({
          actor: rita,
          itemId: id,
          decision: 'LINK',
          evidence: DOCUMENT,
          note: null,
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT', reason: 'LEASED' });
  });

  it('sends a disagreement to a supervisor who did not review it, whose decision applies', async () => {
    const [p, q] = [await person(), await person()];
    const id = await reviewItem(p.recordKeys[0] as string, q.recordKeys[0] as string);
    await review(rita, id, 'LINK');
    const second = await review(rob, id, 'NOT_LINK');
    expect(second.item.state).toBe('ESCALATED');
    expect(second.applied).toBeNull();
    expect(await refusal(() => review(rhea, id, 'LINK'))).toMatchObject({ code: 'FORBIDDEN' });

    await claims.claim(sara, id);
    const settled = await verdicts.settle({
      actor: sara,
      itemId: id,
      decision: 'LINK',
      evidence: DOCUMENT,
      note: 'Same passport on both',
    });
    expect(settled.item).toMatchObject({ state: 'LINKED', settledBy: 'sara.supervisor' });
    expect(await personOf(q.recordKeys[0] as string)).toBe(p.personId);
  });

  it('escalates at once on UNSURE, and a supervisor who reviewed the item may not settle it', async () => {
    const [p, q] = [await person(), await person()];
    const id = await reviewItem(p.recordKeys[0] as string, q.recordKeys[0] as string);
    const unsure = await review(sara, id, 'UNSURE');
    expect(unsure.item.state).toBe('ESCALATED');
    expect(await refusal(() => claims.claim(sara, id))).toMatchObject({
      code: 'DUPLICATE_CONFIRMATION',
    });
  });

  it('holds verdicts to the verification evidence rules', async () => {
    const [p, q] = [await person(), await person()];
    const id = await reviewItem(p.recordKeys[0] as string, q.recordKeys[0] as string);
    await claims.claim(rita, id);
    expect(
      await refusal(() =>
        verdicts.decide({
          actor: rita,
          itemId: id,
          decision: 'LINK',
          evidence: FACE_ONLY,
          note: null,
        }),
      ),
    ).toMatchObject({ code: 'EVIDENCE_REQUIRED' });
    expect(
      await refusal(() =>
        verdicts.decide({
          actor: rita,
          itemId: id,
          decision: 'NOT_LINK',
          evidence: [],
          note: null,
        }),
      ),
    ).toMatchObject({ code: 'EVIDENCE_REQUIRED' });
    // A face comparison may support a NOT_LINK.
    await verdicts.decide({
      actor: rita,
      itemId: id,
      decision: 'NOT_LINK',
      evidence: FACE_ONLY,
      note: null,
    });
    expect(await refusal(() => claims.claim(analyst, id))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('ranks the queue: an officer waiting first, then closeness, size and age; pages with a cursor', async () => {
    await db.query(
      "UPDATE review_item SET state = 'CLOSED', closed_at = now(), claimed_by = NULL, claimed_until = NULL WHERE state IN ('PENDING', 'ESCALATED')",
    );
    const [a, b, c, d, e, f, g, h] = [
      await person(),
      await person(),
      await person(),
      await person(4),
      await person(),
      await person(),
      await person(),
      await person(),
    ];
    const far = await reviewItem(a.recordKeys[0] as string, b.recordKeys[0] as string, 30);
    const big = await reviewItem(c.recordKeys[0] as string, d.recordKeys[0] as string, 30);
    const waited = await reviewItem(
      e.recordKeys[0] as string,
      f.recordKeys[0] as string,
      30,
      new Date(now.getTime() - 3 * 86_400_000),
    );
    const close = await reviewItem(a.recordKeys[1] as string, b.recordKeys[1] as string, 6.2);
    const officer = await reviewItem(g.recordKeys[0] as string, h.recordKeys[0] as string, 30);
    await db.query(
      `INSERT INTO verification_request (id, target, probe_key, person_id, requested_by, purpose, case_number)
       VALUES ($1, 'IDENTIFICATION', $2, $3, 'otto.officer', 'IDENTITY_VERIFICATION', $4)`,
      [uuidv7(), 'travel:PROBE-1', h.personId, CASE],
    );
    const filter = {
      states: ['PENDING' as const],
      profile: null,
      officerWaiting: null,
      claimableOnly: false,
    };
    const all = await queue.page(rita, filter, 10, null);
    expect(all.rows.map((r) => r.id)).toEqual([officer, waited, close, big, far]);
    expect(all.rows[0]?.priority).toMatchObject({ officerWaiting: true, aSize: 2, bSize: 2 });
    expect(all.rows[3]?.priority).toMatchObject({ officerWaiting: false, aSize: 2, bSize: 4 });

    const first = await queue.page(rita, filter, 2, null);
    expect(first.hasNextPage).toBe(true);
    const rest = await queue.page(rita, filter, 2, first.cursors.at(-1) as string);
    const last = await queue.page(rita, filter, 2, rest.cursors.at(-1) as string);
    expect([...first.rows, ...rest.rows, ...last.rows].map((r) => r.id)).toEqual(
      all.rows.map((r) => r.id),
    );
    expect(last.hasNextPage).toBe(false);
    expect(await refusal(() => queue.page(rita, filter, 2, 'not-a-cursor'))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('ranks an item again when its persons change or an officer starts waiting on one', async () => {
    const [p, q] = [await person(), await person()];
    const id = await reviewItem(p.recordKeys[0] as string, q.recordKeys[0] as string);
    const filter = {
      states: ['PENDING' as const],
      profile: null,
      officerWaiting: null,
      claimableOnly: false,
    };
    const find = async () =>
      (await queue.page(rita, filter, 100, null)).rows.find((r) => r.id === id)?.priority;
    expect(await find()).toMatchObject({ aSize: 2, bSize: 2, officerWaiting: false });
    const before = (await find())?.score as number;
    // A record resolved into p (as a resolver batch does: the person's updated_at moves).
    await db.query(
      `INSERT INTO identity_record (key, source, record_id, person_id, observed_at, biographic, event_id)
       SELECT 'travel:R-extra-' || $2, 'travel', 'R-extra-' || $2, person_id, observed_at, biographic, $3
         FROM identity_record WHERE key = $1`,
      [p.recordKeys[0], uuidv7(), uuidv7()],
    );
    await db.query('UPDATE person SET updated_at = now(), version = version + 1 WHERE id = $1', [
      p.personId,
    ]);
    await db.query(
      `INSERT INTO verification_request (id, target, probe_key, person_id, requested_by, purpose, case_number)
       VALUES ($1, 'IDENTIFICATION', $2, $3, 'otto.officer', 'IDENTITY_VERIFICATION', $4)`,
      [uuidv7(), `travel:PROBE-${uuidv7()}`, q.personId, CASE],
    );
    const after = await find();
    expect(after).toMatchObject({ aSize: 3, bSize: 2, officerWaiting: true });
    expect(after?.score).toBeGreaterThan(before + 4);
  });

  it('shows the comparison: fields side by side, waterfall, heldBecause, the persons’ other records', async () => {
    const [p, q] = [await person(3), await person()];
    const id = await reviewItem(p.recordKeys[0] as string, q.recordKeys[0] as string);
    const comparison = await queue.comparison(await item(id));
    expect(comparison.heldBecause).toEqual(['BIOGRAPHIC_ONLY']);
    expect(comparison.fields.find((f) => f.field === 'surname')).toMatchObject({
      level: 'EXACT',
      weight: 5,
      left: ['Silva'],
      right: ['Silva'],
    });
    expect(comparison.fields.find((f) => f.field === 'phone')).toMatchObject({
      level: 'NOT_COMPARED',
    });
    expect(comparison.left?.otherRecords.map((r) => r.key)).toEqual(p.recordKeys.slice(1));
    expect(comparison.right?.otherRecords.map((r) => r.key)).toEqual(q.recordKeys.slice(1));
    expect(comparison.decision.contributions).toHaveLength(1);
  });

  it('gives oversight per-reviewer counts, kappa and supervisor overturns, to OVERSIGHT only', async () => {
    expect(await refusal(() => oversight.execute(sara, null))).toMatchObject({ code: 'FORBIDDEN' });
    const figures = await oversight.execute(olga, null);
    const of = (name: string) => figures.reviewers.find((r) => r.reviewer === name);
    // rita and rob: agreed on LINK, agreed on NOT_LINK, disagreed (rob's NOT_LINK overturned).
    expect(of('rob.reviewer')).toMatchObject({
      pairedVerdicts: 3,
      agreements: 2,
      overturnedBySupervisor: 1,
    });
    expect(of('rita.reviewer')?.overturnedBySupervisor).toBe(0);
    expect(of('sara.supervisor')).toMatchObject({ settlements: 1, unsure: 1 });
    expect(figures.pairedItems).toBe(3);
    expect(figures.kappa).toBeCloseTo(
      cohen([
        ['LINK', 'LINK'],
        ['NOT_LINK', 'NOT_LINK'],
        ['LINK', 'NOT_LINK'],
      ]),
      10,
    );
  });
});

/** κ for a small table, worked by hand: pₒ = 2/3; pₑ = (2/3·1/3) + (1/3·2/3) = 4/9; κ = 0.4. */
function cohen(_pairs: [string, string][]): number {
  return (2 / 3 - 4 / 9) / (1 - 4 / 9);
}
