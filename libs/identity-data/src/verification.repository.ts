import type { EntityManager } from 'typeorm';
import type {
  VerificationRequestState,
  VerificationTargetKind,
} from './entities/verification-request.entity';
import type { CitedEvidence, ReviewVerdict } from './entities/verification-review.entity';

/** One reviewer's verdict as read back. */
export interface VerificationReviewRow {
  reviewer: string;
  decision: ReviewVerdict;
  evidence: CitedEvidence[];
  roles: string[];
  purpose: string;
  caseNumber: string;
  reviewedAt: Date;
}

/** A verification request with its reviews, oldest first. */
export interface VerificationRequestRow {
  id: string;
  target: VerificationTargetKind;
  decisionId: string | null;
  probeKey: string | null;
  personId: string | null;
  state: VerificationRequestState;
  requestedBy: string;
  purpose: string;
  caseNumber: string;
  note: string | null;
  requestedAt: Date;
  closedAt: Date | null;
  reviews: VerificationReviewRow[];
}

export interface NewVerificationRequest {
  id: string;
  target: VerificationTargetKind;
  decisionId: string | null;
  probeKey: string | null;
  personId: string | null;
  requestedBy: string;
  purpose: string;
  caseNumber: string;
  note: string | null;
}

export interface NewVerificationReview {
  requestId: string;
  reviewer: string;
  decision: ReviewVerdict;
  evidence: CitedEvidence[];
  roles: string[];
  purpose: string;
  caseNumber: string;
}

const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

/** The columns of a request (alias `q`) and its reviews as one JSON array. */
export const VERIFICATION_REQUEST_COLUMNS = `
  q.id, q.target, q.decision_id, q.probe_key, q.person_id, q.state, q.requested_by, q.purpose,
  q.case_number, q.note, q.requested_at, q.closed_at,
  coalesce((
    SELECT json_agg(json_build_object(
             'reviewer', v.reviewer, 'decision', v.decision, 'evidence', v.evidence,
             'roles', v.roles, 'purpose', v.purpose, 'caseNumber', v.case_number,
             'reviewedAt', v.reviewed_at)
           ORDER BY v.reviewed_at, v.reviewer)
      FROM verification_review v WHERE v.request_id = q.id), '[]'::json) AS reviews`;

/**
 * Of a subject's requests, the one that speaks for it now: the live one (at
 * most one is PENDING or VERIFIED), else the latest rejected one.
 */
const CURRENT_FIRST = `(q.state <> 'REJECTED') DESC, q.id DESC`;

export function verificationRequestRow(r: Record<string, unknown>): VerificationRequestRow {
  const reviews = (
    typeof r['reviews'] === 'string' ? JSON.parse(r['reviews']) : (r['reviews'] ?? [])
  ) as (Omit<VerificationReviewRow, 'reviewedAt'> & { reviewedAt: string })[];
  return {
    id: r['id'] as string,
    target: r['target'] as VerificationTargetKind,
    decisionId: (r['decision_id'] as string | null) ?? null,
    probeKey: (r['probe_key'] as string | null) ?? null,
    personId: (r['person_id'] as string | null) ?? null,
    state: r['state'] as VerificationRequestState,
    requestedBy: r['requested_by'] as string,
    purpose: r['purpose'] as string,
    caseNumber: r['case_number'] as string,
    note: (r['note'] as string | null) ?? null,
    requestedAt: date(r['requested_at']),
    closedAt: r['closed_at'] === null || r['closed_at'] === undefined ? null : date(r['closed_at']),
    reviews: reviews.map((v) => ({ ...v, reviewedAt: date(v.reviewedAt) })),
  };
}

/**
 * Verification requests and their reviews. Reviews of one request are
 * written under the request's row lock (`lock`), so two reviewers acting at
 * once are counted one after the other.
 */
export class VerificationRepository {
  async insertRequest(
    manager: EntityManager,
    request: NewVerificationRequest,
  ): Promise<VerificationRequestRow> {
    await manager.query(
      `INSERT INTO verification_request
         (id, target, decision_id, probe_key, person_id, requested_by, purpose, case_number, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        request.id,
        request.target,
        request.decisionId,
        request.probeKey,
        request.personId,
        request.requestedBy,
        request.purpose,
        request.caseNumber,
        request.note,
      ],
    );
    const [row] = await this.requests(manager, [request.id]);
    return row as VerificationRequestRow;
  }

  async requests(
    manager: EntityManager,
    ids: readonly string[],
  ): Promise<VerificationRequestRow[]> {
    const rows = (await manager.query(
      `SELECT ${VERIFICATION_REQUEST_COLUMNS} FROM verification_request q
        WHERE q.id = ANY($1::uuid[]) ORDER BY q.id`,
      [[...ids]],
    )) as Record<string, unknown>[];
    return rows.map(verificationRequestRow);
  }

  /**
   * Requests waiting for reviewers, the longest-waiting first (ids are time
   * ordered), each with the records it is about: a LINK's two records from
   * its decision, an IDENTIFICATION's probe. `after` is the last id of the
   * previous page; one row more than `limit` says whether another page follows.
   */
  async pending(
    manager: EntityManager,
    page: { after: string | null; limit: number },
  ): Promise<{ request: VerificationRequestRow; recordKeys: string[] }[]> {
    const rows = (await manager.query(
      `SELECT ${VERIFICATION_REQUEST_COLUMNS},
              CASE WHEN q.target = 'LINK' THEN ARRAY[d.a_key, d.b_key] ELSE ARRAY[q.probe_key] END
                AS record_keys
         FROM verification_request q
         LEFT JOIN link_decision d ON d.id = q.decision_id
        WHERE q.state = 'PENDING' AND ($1::uuid IS NULL OR q.id > $1::uuid)
        ORDER BY q.id
        LIMIT $2`,
      [page.after, page.limit],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      request: verificationRequestRow(r),
      recordKeys: ((r['record_keys'] as (string | null)[] | null) ?? []).filter(
        (k): k is string => k !== null,
      ),
    }));
  }

  /** The PENDING or VERIFIED request about a link or an identification, if any. */
  async liveRequest(
    manager: EntityManager,
    subject: { decisionId: string } | { probeKey: string; personId: string },
  ): Promise<VerificationRequestRow | null> {
    const rows = (await ('decisionId' in subject
      ? manager.query(
          `SELECT ${VERIFICATION_REQUEST_COLUMNS} FROM verification_request q
            WHERE q.target = 'LINK' AND q.decision_id = $1 AND q.state <> 'REJECTED'`,
          [subject.decisionId],
        )
      : manager.query(
          `SELECT ${VERIFICATION_REQUEST_COLUMNS} FROM verification_request q
            WHERE q.target = 'IDENTIFICATION' AND q.probe_key = $1 AND q.person_id = $2
              AND q.state <> 'REJECTED'`,
          [subject.probeKey, subject.personId],
        ))) as Record<string, unknown>[];
    return rows[0] ? verificationRequestRow(rows[0]) : null;
  }

  /** The request, locked until the caller's transaction ends, with its reviews. */
  async lock(manager: EntityManager, id: string): Promise<VerificationRequestRow | null> {
    const locked = (await manager.query(
      'SELECT id FROM verification_request WHERE id = $1 FOR UPDATE',
      [id],
    )) as { id: string }[];
    if (locked.length === 0) return null;
    const [row] = await this.requests(manager, [id]);
    return row ?? null;
  }

  async addReview(manager: EntityManager, review: NewVerificationReview): Promise<void> {
    await manager.query(
      `INSERT INTO verification_review
         (request_id, reviewer, decision, evidence, roles, purpose, case_number)
       VALUES ($1, $2, $3, $4::jsonb, $5::text[], $6, $7)`,
      [
        review.requestId,
        review.reviewer,
        review.decision,
        JSON.stringify(review.evidence),
        review.roles,
        review.purpose,
        review.caseNumber,
      ],
    );
  }

  async close(
    manager: EntityManager,
    id: string,
    state: Exclude<VerificationRequestState, 'PENDING'>,
  ): Promise<void> {
    await manager.query(
      `UPDATE verification_request SET state = $2, closed_at = now()
        WHERE id = $1 AND state = 'PENDING'`,
      [id, state],
    );
  }

  /** For each probe record's candidate person, the request that speaks for the identification now. */
  async currentForIdentifications(
    manager: EntityManager,
    probeKey: string,
    personIds: readonly string[],
  ): Promise<Map<string, VerificationRequestRow>> {
    if (personIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT DISTINCT ON (q.person_id) ${VERIFICATION_REQUEST_COLUMNS}
         FROM verification_request q
        WHERE q.target = 'IDENTIFICATION' AND q.probe_key = $1 AND q.person_id = ANY($2::uuid[])
        ORDER BY q.person_id, ${CURRENT_FIRST}`,
      [probeKey, [...personIds]],
    )) as Record<string, unknown>[];
    return new Map(rows.map((r) => [r['person_id'] as string, verificationRequestRow(r)]));
  }
}

/** Of a decision's requests (alias `q`), the one that speaks for its link now. */
export const CURRENT_LINK_REQUEST_SQL = `
  SELECT ${VERIFICATION_REQUEST_COLUMNS} FROM verification_request q
   WHERE q.target = 'LINK' AND q.decision_id = l.decision_id
   ORDER BY ${CURRENT_FIRST} LIMIT 1`;
