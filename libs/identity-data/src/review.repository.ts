import type { EntityManager } from 'typeorm';
import type { ReviewDecisionKind, ReviewState } from './entities/review-item.entity';
import type { ReviewStage } from './entities/review-verdict.entity';
import type { CitedEvidence } from './entities/verification-review.entity';

/** One person's verdict on a review item, as read back. */
export interface ReviewVerdictRow {
  reviewer: string;
  stage: ReviewStage;
  decision: ReviewDecisionKind;
  evidence: CitedEvidence[];
  note: string | null;
  roles: string[];
  purpose: string;
  caseNumber: string;
  decidedAt: Date;
}

/** A review item with its verdicts (oldest first) and where its two records are now. */
export interface ReviewItemRow {
  id: string;
  aKey: string;
  bKey: string;
  state: ReviewState;
  createdAt: Date;
  claimedBy: string | null;
  claimedUntil: Date | null;
  escalatedAt: Date | null;
  settledBy: string | null;
  closedAt: Date | null;
  closedByItem: string | null;
  reason: string | null;
  /** The persons holding the records now (null: the record is gone). */
  aPerson: string | null;
  bPerson: string | null;
  verdicts: ReviewVerdictRow[];
}

/** The parts of an item's queue priority, each shown to the reviewer. */
export interface ReviewPriorityParts {
  score: number;
  /** The score less the age term's moment of reference: what the queue is ordered by. */
  rank: number;
  /** Records of the persons of each side (what a LINK would join, a NOT_LINK keep apart). */
  aSize: number;
  bSize: number;
  llr: number;
  probability: number;
  /** The LLR of the decision's operating point: the auto-link threshold, or review for biographic-only. */
  operatingPoint: number;
  profile: string;
  /** A PENDING verification request names one of the two persons. */
  officerWaiting: boolean;
}

export type ReviewQueueRow = ReviewItemRow & { priority: ReviewPriorityParts };

export interface ReviewQueueQuery {
  states: readonly ReviewState[];
  profile?: string | null;
  officerWaiting?: boolean | null;
  /** Only items this user may take now: no live lease of someone else, no verdict of theirs. */
  claimableBy?: string | null;
  /** The moment the scores shown are computed for (a cursor keeps it, so pages agree). */
  asOf: Date;
  /** Keyset: items strictly after this one in queue order. */
  after?: { rank: number; id: string } | null;
  limit: number;
}

/**
 * How the queue is ordered (issue 18): an officer waiting on one of the
 * persons counts most; then how close the evidence is to the operating point
 * (a reviewer's verdict teaches most there), how many records the decision
 * joins or keeps apart, and age, so nothing waits for ever: each day waiting
 * adds one point. Age is linear so the order of two items never changes with
 * the clock alone.
 */
export const REVIEW_PRIORITY_WEIGHTS = {
  officerWaiting: 4,
  closeness: 2,
  size: 1,
  perDayWaiting: 1,
} as const;

const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

const ITEM_COLUMNS = `
  r.decision_id AS id, r.a_key, r.b_key, r.state, r.created_at, r.claimed_by, r.claimed_until,
  r.escalated_at, r.settled_by, r.closed_at, r.closed_by_item, r.reason,
  ra.person_id AS a_person, rb.person_id AS b_person,
  coalesce((
    SELECT json_agg(json_build_object(
             'reviewer', v.reviewer, 'stage', v.stage, 'decision', v.decision,
             'evidence', v.evidence, 'note', v.note, 'roles', v.roles, 'purpose', v.purpose,
             'caseNumber', v.case_number, 'decidedAt', v.decided_at)
           ORDER BY v.decided_at, v.reviewer)
      FROM review_verdict v WHERE v.item_id = r.decision_id), '[]'::json) AS verdicts`;

const ITEM_FROM = `review_item r
  LEFT JOIN identity_record ra ON ra.key = r.a_key
  LEFT JOIN identity_record rb ON rb.key = r.b_key`;

function itemRow(r: Record<string, unknown>): ReviewItemRow {
  return {
    id: r['id'] as string,
    aKey: r['a_key'] as string,
    bKey: r['b_key'] as string,
    state: r['state'] as ReviewState,
    createdAt: date(r['created_at']),
    claimedBy: (r['claimed_by'] as string | null) ?? null,
    claimedUntil: dateOrNull(r['claimed_until']),
    escalatedAt: dateOrNull(r['escalated_at']),
    settledBy: (r['settled_by'] as string | null) ?? null,
    closedAt: dateOrNull(r['closed_at']),
    closedByItem: (r['closed_by_item'] as string | null) ?? null,
    reason: (r['reason'] as string | null) ?? null,
    aPerson: (r['a_person'] as string | null) ?? null,
    bPerson: (r['b_person'] as string | null) ?? null,
    verdicts: json<Record<string, unknown>[]>(r['verdicts'] ?? []).map((v) => ({
      reviewer: v['reviewer'] as string,
      stage: v['stage'] as ReviewStage,
      decision: v['decision'] as ReviewDecisionKind,
      evidence: v['evidence'] as CitedEvidence[],
      note: (v['note'] as string | null) ?? null,
      roles: v['roles'] as string[],
      purpose: v['purpose'] as string,
      caseNumber: v['caseNumber'] as string,
      decidedAt: date(v['decidedAt']),
    })),
  };
}

export interface NewReviewVerdict {
  itemId: string;
  reviewer: string;
  stage: ReviewStage;
  decision: ReviewDecisionKind;
  evidence: CitedEvidence[];
  note: string | null;
  roles: string[];
  purpose: string;
  caseNumber: string;
  decidedAt: Date;
}

/** An open item touching given persons, and whether an applied decision has settled it. */
export interface SettledCandidate {
  id: string;
  /** Both records are in one person now. */
  samePerson: boolean;
  /** A cannot-link pair lies between the two records' persons: they can never be joined. */
  blocked: boolean;
}

/** A verdict with the other verdicts of its item, for oversight of reviewers. */
export interface OversightVerdictRow {
  itemId: string;
  reviewer: string;
  stage: ReviewStage;
  decision: ReviewDecisionKind;
  decidedAt: Date;
  /** The item's final state and when it closed (null: the item was purged since). */
  itemState: ReviewState | null;
  itemClosedAt: Date | null;
  /** An upheld LINK dispute on one of the item's records, filed after the item closed LINKED. */
  disputeUpheld: boolean;
}

/** The review queue and its items: reads, leases, verdicts and closing. */
export class ReviewRepository {
  /**
   * One page of open items in priority order (highest first, then id), with
   * the parts of each priority. One query, whatever the page size.
   */
  /**
   * Ranks again the open items whose priority may have moved since the last
   * read: new items, and items of persons changed (merged, split, records
   * added or purged: every such change bumps person.updated_at) or named by a
   * verification request opened or closed since. The watermark goes back 30
   * seconds each time, so a change committed late by a transaction that was
   * still running (a resolver batch) is still seen. One refresh at a time (the watermark row is locked).
   */
  async refreshRanks(manager: EntityManager): Promise<number> {
    const w = REVIEW_PRIORITY_WEIGHTS;
    return manager.transaction(async (tx) => {
      await tx.query(
        "INSERT INTO review_rank_watermark (ranked_until) VALUES ('1970-01-01T00:00:00Z') ON CONFLICT DO NOTHING",
      );
      const [mark] = (await tx.query(
        `SELECT ranked_until - interval '30 seconds' AS since, now() AS started
           FROM review_rank_watermark FOR UPDATE`,
      )) as { since: unknown; started: unknown }[];
      // Plans over a few rows: the compilation JIT would spend on the misestimated UPDATE
      // costs more than the statement.
      await tx.query('SET LOCAL jit = off');
      const stale = (
        (await tx.query(
          `WITH changed AS (
             SELECT id FROM person WHERE updated_at > $1::timestamptz
             UNION
             SELECT person_id FROM verification_request
              WHERE person_id IS NOT NULL
                AND (requested_at > $1::timestamptz OR closed_at > $1::timestamptz)
           ), keys AS (
             SELECT x.key FROM identity_record x WHERE x.person_id IN (SELECT id FROM changed)
           )
           SELECT decision_id FROM review_item
            WHERE rank IS NULL AND state IN ('PENDING', 'ESCALATED')
           UNION
           SELECT decision_id FROM review_item
            WHERE state IN ('PENDING', 'ESCALATED') AND a_key IN (SELECT key FROM keys)
           UNION
           SELECT decision_id FROM review_item
            WHERE state IN ('PENDING', 'ESCALATED') AND b_key IN (SELECT key FROM keys)`,
          [mark?.since],
        )) as { decision_id: string }[]
      ).map((r) => r.decision_id);
      if (stale.length > 0) {
        await tx.query(
          `WITH items AS (
             SELECT r.decision_id AS id, r.created_at, ra.person_id AS a_person, rb.person_id AS b_person,
                    d.llr,
                    coalesce((d.thresholds->>'autoLink')::float8, (d.thresholds->>'review')::float8) AS operating_point
               FROM review_item r
               JOIN link_decision d ON d.id = r.decision_id
               LEFT JOIN identity_record ra ON ra.key = r.a_key
               LEFT JOIN identity_record rb ON rb.key = r.b_key
              WHERE r.decision_id = ANY($1::uuid[])
           ), sizes AS (
             SELECT x.person_id, count(*)::int AS n FROM identity_record x
              WHERE x.person_id IN (SELECT a_person FROM items UNION SELECT b_person FROM items)
              GROUP BY x.person_id
           ), waiting AS (
             SELECT DISTINCT q.person_id FROM verification_request q
              WHERE q.state = 'PENDING'
                AND q.person_id IN (SELECT a_person FROM items UNION SELECT b_person FROM items)
           ), parts AS (
             SELECT i.id, i.created_at, i.llr, i.operating_point,
                    coalesce(sa.n, 0) AS a_size, coalesce(sb.n, 0) AS b_size,
                    (wa.person_id IS NOT NULL OR wb.person_id IS NOT NULL) AS officer_waiting
               FROM items i
               LEFT JOIN sizes sa ON sa.person_id = i.a_person
               LEFT JOIN sizes sb ON sb.person_id = i.b_person
               LEFT JOIN waiting wa ON wa.person_id = i.a_person
               LEFT JOIN waiting wb ON wb.person_id = i.b_person
           )
           UPDATE review_item r
              SET a_size = p.a_size, b_size = p.b_size, officer_waiting = p.officer_waiting,
                  ranked_at = $2::timestamptz,
                  rank = (CASE WHEN p.officer_waiting THEN ${w.officerWaiting} ELSE 0 END
                          + ${w.closeness} / (1 + abs(p.llr - p.operating_point))
                          + ${w.size} * ln(greatest(p.a_size + p.b_size, 1))
                          - ${w.perDayWaiting} * extract(epoch FROM p.created_at) / 86400)::float8
             FROM parts p
            WHERE r.decision_id = p.id`,
          [stale, mark?.started],
        );
      }
      await tx.query('UPDATE review_rank_watermark SET ranked_until = $1::timestamptz', [
        mark?.started,
      ]);
      return stale.length;
    });
  }

  /**
   * One page of open items in priority order (highest first, then id), with
   * the parts of each priority: an index range scan over the stored rank
   * (refreshRanks first). The score shown is the rank plus the age term at
   * `asOf`, the same for every item, so the order is the score's.
   */
  async queue(manager: EntityManager, query: ReviewQueueQuery): Promise<ReviewQueueRow[]> {
    const w = REVIEW_PRIORITY_WEIGHTS;
    const params: unknown[] = [[...query.states], query.asOf.toISOString(), query.limit];
    const where: string[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.profile) where.push(`d.profile = ${param(query.profile)}`);
    if (query.officerWaiting != null) {
      where.push(`r.officer_waiting = ${param(query.officerWaiting)}::boolean`);
    }
    if (query.claimableBy) {
      const user = param(query.claimableBy);
      where.push(`(r.claimed_by IS NULL OR r.claimed_by = ${user} OR r.claimed_until <= $2::timestamptz)
        AND NOT EXISTS (SELECT 1 FROM review_verdict v WHERE v.item_id = r.decision_id AND v.reviewer = ${user})`);
    }
    if (query.after) {
      // A row comparison, so the keyset is a range of the (rank, id) index, not a filter.
      where.push(
        `(r.rank, r.decision_id) < (${param(query.after.rank)}::float8, ${param(query.after.id)}::uuid)`,
      );
    }
    const rows = (await manager.query(
      `SELECT ${ITEM_COLUMNS},
              (r.rank + ${w.perDayWaiting} * extract(epoch FROM $2::timestamptz) / 86400)::float8 AS score,
              r.rank, r.a_size, r.b_size, r.officer_waiting, d.llr, d.probability, d.profile,
              coalesce((d.thresholds->>'autoLink')::float8, (d.thresholds->>'review')::float8) AS operating_point
         FROM ${ITEM_FROM}
         JOIN link_decision d ON d.id = r.decision_id
        WHERE r.state IN ('PENDING', 'ESCALATED') AND r.state = ANY($1::text[])
          ${where.map((c) => `AND ${c}`).join('\n          ')}
        ORDER BY r.rank DESC NULLS LAST, r.decision_id DESC
        LIMIT $3`,
      params,
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      ...itemRow(r),
      priority: {
        score: Number(r['score']),
        rank: Number(r['rank']),
        aSize: Number(r['a_size']),
        bSize: Number(r['b_size']),
        llr: Number(r['llr']),
        probability: Number(r['probability']),
        operatingPoint: Number(r['operating_point']),
        profile: r['profile'] as string,
        officerWaiting: Boolean(r['officer_waiting']),
      },
    }));
  }

  async items(manager: EntityManager, ids: readonly string[]): Promise<ReviewItemRow[]> {
    if (ids.length === 0) return [];
    const rows = (await manager.query(
      `SELECT ${ITEM_COLUMNS} FROM ${ITEM_FROM} WHERE r.decision_id = ANY($1::uuid[])`,
      [[...ids]],
    )) as Record<string, unknown>[];
    return rows.map(itemRow);
  }

  /** The item, locked for the rest of the transaction (null: no such item). */
  async lock(manager: EntityManager, id: string): Promise<ReviewItemRow | null> {
    await manager.query('SELECT 1 FROM review_item WHERE decision_id = $1 FOR UPDATE', [id]);
    const [row] = await this.items(manager, [id]);
    return row ?? null;
  }

  async claim(manager: EntityManager, id: string, user: string, until: Date): Promise<void> {
    await manager.query(
      'UPDATE review_item SET claimed_by = $2, claimed_until = $3 WHERE decision_id = $1',
      [id, user, until.toISOString()],
    );
  }

  async release(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      'UPDATE review_item SET claimed_by = NULL, claimed_until = NULL WHERE decision_id = $1',
      [id],
    );
  }

  /** Stores a verdict (and, for the two reviewers, the item's first_/second_ columns). */
  async addVerdict(manager: EntityManager, verdict: NewReviewVerdict): Promise<void> {
    await manager.query(
      `INSERT INTO review_verdict (item_id, reviewer, stage, decision, evidence, note, roles, purpose,
                                   case_number, decided_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::text[], $8, $9, $10)`,
      [
        verdict.itemId,
        verdict.reviewer,
        verdict.stage,
        verdict.decision,
        JSON.stringify(verdict.evidence),
        verdict.note,
        verdict.roles,
        verdict.purpose,
        verdict.caseNumber,
        verdict.decidedAt.toISOString(),
      ],
    );
    if (verdict.stage === 'SUPERVISOR') {
      await manager.query('UPDATE review_item SET settled_by = $2 WHERE decision_id = $1', [
        verdict.itemId,
        verdict.reviewer,
      ]);
      return;
    }
    const column = verdict.stage === 'FIRST' ? 'first' : 'second';
    await manager.query(
      `UPDATE review_item SET ${column}_reviewer = $2, ${column}_decision = $3, ${column}_at = $4
        WHERE decision_id = $1`,
      [verdict.itemId, verdict.reviewer, verdict.decision, verdict.decidedAt.toISOString()],
    );
  }

  async escalate(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query(
      "UPDATE review_item SET state = 'ESCALATED', escalated_at = $2 WHERE decision_id = $1",
      [id, at.toISOString()],
    );
  }

  /** Closes open items for good (their lease goes with it). */
  async close(
    manager: EntityManager,
    ids: readonly string[],
    outcome: {
      state: Extract<ReviewState, 'LINKED' | 'NOT_LINKED' | 'CLOSED'>;
      reason: string;
      at: Date;
      closedByItem?: string | null;
    },
  ): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(
      `UPDATE review_item
          SET state = $2, reason = $3, closed_at = $4, closed_by_item = $5,
              claimed_by = NULL, claimed_until = NULL
        WHERE decision_id = ANY($1::uuid[]) AND state IN ('PENDING', 'ESCALATED')`,
      [
        [...ids],
        outcome.state,
        outcome.reason,
        outcome.at.toISOString(),
        outcome.closedByItem ?? null,
      ],
    );
  }

  /**
   * Open items (other than `except`) with a record in one of `personIds`,
   * and whether each is settled now: both records in one person, or a
   * cannot-link pair between their persons.
   */
  async openItemsTouching(
    manager: EntityManager,
    personIds: readonly string[],
    except: string,
  ): Promise<SettledCandidate[]> {
    const rows = (await manager.query(
      `WITH keys AS (SELECT key FROM identity_record WHERE person_id = ANY($1::uuid[])),
            items AS (
              SELECT r.decision_id, r.a_key, r.b_key FROM review_item r
               WHERE r.state IN ('PENDING', 'ESCALATED') AND r.decision_id <> $2
                 AND r.a_key IN (SELECT key FROM keys)
              UNION
              SELECT r.decision_id, r.a_key, r.b_key FROM review_item r
               WHERE r.state IN ('PENDING', 'ESCALATED') AND r.decision_id <> $2
                 AND r.b_key IN (SELECT key FROM keys))
       SELECT i.decision_id AS id, ra.person_id = rb.person_id AS same_person,
              EXISTS (SELECT 1 FROM cannot_link c
                        JOIN identity_record x ON x.key = c.a_key
                        JOIN identity_record y ON y.key = c.b_key
                       WHERE (x.person_id = ra.person_id AND y.person_id = rb.person_id)
                          OR (x.person_id = rb.person_id AND y.person_id = ra.person_id)) AS blocked
         FROM items i
         JOIN identity_record ra ON ra.key = i.a_key
         JOIN identity_record rb ON rb.key = i.b_key`,
      [[...personIds], except],
    )) as { id: string; same_person: boolean; blocked: boolean }[];
    return rows.map((r) => ({ id: r.id, samePerson: r.same_person, blocked: r.blocked }));
  }

  /** Every verdict (since `since`), with what became of its item. */
  async oversightVerdicts(
    manager: EntityManager,
    since: Date | null,
  ): Promise<OversightVerdictRow[]> {
    const rows = (await manager.query(
      `SELECT v.item_id, v.reviewer, v.stage, v.decision, v.decided_at, r.state AS item_state,
              r.closed_at AS item_closed_at,
              (r.state = 'LINKED' AND EXISTS (
                 SELECT 1 FROM dispute d
                  WHERE d.target = 'LINK' AND d.state = 'UPHELD'
                    AND d.record_key IN (r.a_key, r.b_key) AND d.filed_at >= r.closed_at)) AS dispute_upheld
         FROM review_verdict v
         LEFT JOIN review_item r ON r.decision_id = v.item_id
        WHERE $1::timestamptz IS NULL OR v.decided_at >= $1::timestamptz
        ORDER BY v.item_id, v.decided_at`,
      [since ? since.toISOString() : null],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      itemId: r['item_id'] as string,
      reviewer: r['reviewer'] as string,
      stage: r['stage'] as ReviewStage,
      decision: r['decision'] as ReviewDecisionKind,
      decidedAt: date(r['decided_at']),
      itemState: (r['item_state'] as ReviewState | null) ?? null,
      itemClosedAt: dateOrNull(r['item_closed_at']),
      disputeUpheld: Boolean(r['dispute_upheld']),
    }));
  }
}
