import type { EntityManager } from 'typeorm';
import type { DisputeStateKind, DisputeTargetKind } from './entities/dispute.entity';

export interface DisputeRow {
  id: string;
  personId: string;
  target: DisputeTargetKind;
  recordKey: string | null;
  attributeKind: string | null;
  attributeValue: string | null;
  reason: string;
  state: DisputeStateKind;
  filedBy: string;
  filedPurpose: string;
  filedCase: string;
  filedAt: Date;
  resolvedBy: string | null;
  resolvedPurpose: string | null;
  resolvedCase: string | null;
  resolutionNote: string | null;
  resolvedAt: Date | null;
  separatedInto: string | null;
}

export interface NewDispute {
  id: string;
  personId: string;
  target: DisputeTargetKind;
  recordKey: string | null;
  attributeKind: string | null;
  attributeValue: string | null;
  reason: string;
  filedBy: string;
  filedPurpose: string;
  filedCase: string;
}

export interface DisputeResolution {
  state: Exclude<DisputeStateKind, 'OPEN'>;
  resolvedBy: string;
  resolvedPurpose: string;
  resolvedCase: string;
  note: string;
  separatedInto: string | null;
}

const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

const COLUMNS = `d.id, d.person_id, d.target, d.record_key, d.attribute_kind, d.attribute_value,
  d.reason, d.state, d.filed_by, d.filed_purpose, d.filed_case, d.filed_at, d.resolved_by,
  d.resolved_purpose, d.resolved_case, d.resolution_note, d.resolved_at, d.separated_into`;

function disputeRow(r: Record<string, unknown>): DisputeRow {
  return {
    id: r['id'] as string,
    personId: r['person_id'] as string,
    target: r['target'] as DisputeTargetKind,
    recordKey: text(r['record_key']),
    attributeKind: text(r['attribute_kind']),
    attributeValue: text(r['attribute_value']),
    reason: r['reason'] as string,
    state: r['state'] as DisputeStateKind,
    filedBy: r['filed_by'] as string,
    filedPurpose: r['filed_purpose'] as string,
    filedCase: r['filed_case'] as string,
    filedAt: date(r['filed_at']),
    resolvedBy: text(r['resolved_by']),
    resolvedPurpose: text(r['resolved_purpose']),
    resolvedCase: text(r['resolved_case']),
    resolutionNote: text(r['resolution_note']),
    resolvedAt: dateOrNull(r['resolved_at']),
    separatedInto: text(r['separated_into']),
  };
}

/**
 * The disputes that concern a person (alias `p`): filed against it, against
 * a person merged into it, or against the link of a record it now holds.
 */
export const DISPUTES_OF_PERSON_SQL = `
  SELECT d.id FROM dispute d WHERE d.person_id = p.id
  UNION SELECT d.id FROM dispute d JOIN person m ON m.id = d.person_id WHERE m.merged_into = p.id
  UNION SELECT d.id FROM dispute d JOIN identity_record r ON r.key = d.record_key
         WHERE r.person_id = p.id`;

/** Disputes: filed, locked for resolution, resolved once, read per person. */
export class DisputeRepository {
  async insert(manager: EntityManager, dispute: NewDispute): Promise<DisputeRow> {
    await manager.query(
      `INSERT INTO dispute (id, person_id, target, record_key, attribute_kind, attribute_value,
                            reason, filed_by, filed_purpose, filed_case)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        dispute.id,
        dispute.personId,
        dispute.target,
        dispute.recordKey,
        dispute.attributeKind,
        dispute.attributeValue,
        dispute.reason,
        dispute.filedBy,
        dispute.filedPurpose,
        dispute.filedCase,
      ],
    );
    return (await this.find(manager, dispute.id)) as DisputeRow;
  }

  async find(manager: EntityManager, id: string): Promise<DisputeRow | null> {
    const rows = (await manager.query(`SELECT ${COLUMNS} FROM dispute d WHERE d.id = $1`, [
      id,
    ])) as Record<string, unknown>[];
    return rows[0] ? disputeRow(rows[0]) : null;
  }

  /** The dispute, locked until the caller's transaction ends. */
  async lock(manager: EntityManager, id: string): Promise<DisputeRow | null> {
    const rows = (await manager.query(
      `SELECT ${COLUMNS} FROM dispute d WHERE d.id = $1 FOR UPDATE`,
      [id],
    )) as Record<string, unknown>[];
    return rows[0] ? disputeRow(rows[0]) : null;
  }

  async resolve(manager: EntityManager, id: string, resolution: DisputeResolution): Promise<void> {
    await manager.query(
      `UPDATE dispute SET state = $2, resolved_by = $3, resolved_purpose = $4, resolved_case = $5,
              resolution_note = $6, resolved_at = now(), separated_into = $7
        WHERE id = $1 AND state = 'OPEN'`,
      [
        id,
        resolution.state,
        resolution.resolvedBy,
        resolution.resolvedPurpose,
        resolution.resolvedCase,
        resolution.note,
        resolution.separatedInto,
      ],
    );
  }

  /** The open dispute of a record's link, if any. */
  async openLinkDispute(manager: EntityManager, recordKey: string): Promise<DisputeRow | null> {
    const rows = (await manager.query(
      `SELECT ${COLUMNS} FROM dispute d
        WHERE d.target = 'LINK' AND d.state = 'OPEN' AND d.record_key = $1`,
      [recordKey],
    )) as Record<string, unknown>[];
    return rows[0] ? disputeRow(rows[0]) : null;
  }

  /** The open dispute of one attribute value of a person, if any. */
  async openAttributeDispute(
    manager: EntityManager,
    personId: string,
    kind: string,
    value: string,
  ): Promise<DisputeRow | null> {
    const rows = (await manager.query(
      `SELECT ${COLUMNS} FROM dispute d
        WHERE d.target = 'ATTRIBUTE' AND d.state = 'OPEN' AND d.person_id = $1
          AND d.attribute_kind = $2 AND d.attribute_value = $3`,
      [personId, kind, value],
    )) as Record<string, unknown>[];
    return rows[0] ? disputeRow(rows[0]) : null;
  }

  /** Of these records, those whose link to their person is under an open dispute. */
  async suspendedRecords(manager: EntityManager, keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = (await manager.query(
      `SELECT record_key FROM dispute
        WHERE target = 'LINK' AND state = 'OPEN' AND record_key = ANY($1::text[])`,
      [[...keys]],
    )) as { record_key: string }[];
    return new Set(rows.map((r) => r.record_key));
  }

  /** Every dispute concerning each of these persons (DISPUTES_OF_PERSON_SQL), oldest first. */
  async byPersons(
    manager: EntityManager,
    personIds: readonly string[],
  ): Promise<(DisputeRow & { forPerson: string })[]> {
    const rows = (await manager.query(
      `SELECT p.id AS for_person, ${COLUMNS}
         FROM person p
         CROSS JOIN LATERAL (${DISPUTES_OF_PERSON_SQL}) x
         JOIN dispute d ON d.id = x.id
        WHERE p.id = ANY($1::uuid[])
        ORDER BY p.id, d.id`,
      [[...personIds]],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({ ...disputeRow(r), forPerson: r['for_person'] as string }));
  }
}
