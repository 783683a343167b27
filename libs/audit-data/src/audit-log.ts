import { appendToOutbox } from '@mosaic/outbox';
import type { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  AUDIT_ACCESS_EVENT,
  AUDIT_ACCESS_TOPIC,
  AUDIT_EVENT_KEY,
  AUDIT_TEXT_LIMITS as LIMIT,
  type AuditAccessEvent,
} from './audit-event';
import { entryHash, GENESIS_HASH } from './audit-hash';
import {
  AUDIT_OUTCOMES,
  type AuditEntry,
  type AuditOutcome,
  type AuditRecordInput,
} from './audit-record';
import { AUDIT_ENTRY_COLUMNS, entryFromRow } from './audit-entry-row';
import { storableOrNull, storableSet, storableText } from './audit-text';
import { AUDIT_WRITER_ROLE } from './migrations/1764600000000-create-audit-log';
import type { PublishedEvent } from './published-copy';
import {
  reconcileAuditChain,
  type AuditReconciliation,
  type ReconcileOptions,
} from './reconcile-audit-chain';
import { verifyAuditChain, type AuditVerification, type VerifyOptions } from './verify-audit-chain';

/** Serialises appends across every process writing the log (an arbitrary, fixed key). */
const APPEND_LOCK = 4_170_925_318_602;

/** What oversight may ask of the log; every criterion optional, all of them combined. */
export interface AuditQuery {
  user?: string;
  personId?: string;
  purpose?: string;
  caseNumber?: string;
  outcome?: AuditOutcome;
  /** Entries at or after this instant. */
  from?: Date;
  /** Entries before this instant. */
  to?: Date;
  /** The cursor of the previous page (`nextCursor`): entries older than it. */
  after?: string;
  /** 1–100; 50 when absent. */
  limit?: number;
}

export interface AuditPage {
  /** Newest first. */
  entries: AuditEntry[];
  /** Pass as `after` for the next page; null when this page is the last. */
  nextCursor: string | null;
}

/** A query the log refuses, naming the criterion. */
export class AuditQueryError extends Error {
  override readonly name = 'AuditQueryError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

export const AUDIT_PAGE_LIMIT = 100;
const CURSOR = /^[1-9]\d{0,18}$/;

/** The record as it will be stored: text PostgreSQL keeps as is, sets sorted. */
function storable(input: AuditRecordInput): AuditRecordInput {
  if (!(input.at instanceof Date) || Number.isNaN(input.at.getTime())) {
    throw new TypeError('an audit record needs a valid `at`');
  }
  if (!AUDIT_OUTCOMES.includes(input.outcome)) {
    throw new TypeError(`unknown audit outcome ${JSON.stringify(input.outcome)}`);
  }
  return {
    at: input.at,
    requestId: storableOrNull(input.requestId, LIMIT.requestId),
    user: storableOrNull(input.user, LIMIT.user),
    roles: storableSet(input.roles, LIMIT.role),
    purpose: storableOrNull(input.purpose, LIMIT.purpose),
    caseNumber: storableOrNull(input.caseNumber, LIMIT.caseNumber),
    operationName: storableOrNull(input.operationName, LIMIT.operationName),
    operationType: storableOrNull(input.operationType, LIMIT.operationType),
    documentHash: storableOrNull(input.documentHash, LIMIT.digest),
    variablesDigest: storableOrNull(input.variablesDigest, LIMIT.digest),
    personIds: storableSet(input.personIds, LIMIT.id),
    decisionIds: storableSet(input.decisionIds, LIMIT.id),
    outcome: input.outcome,
    errorCodes: storableSet(input.errorCodes, LIMIT.errorCode),
    detail: input.detail === null ? null : storableText(input.detail, LIMIT.detail, '…'),
  };
}

function eventPayload(entry: AuditEntry): AuditAccessEvent {
  const { id, at, ...rest } = entry;
  return { entryId: id, ...rest, at: at.toISOString() };
}

/** The most entries one group commit writes (19 parameters each, well under PostgreSQL's 65,535). */
const MAX_GROUP = 200;

const ENTRY_COLUMNS = 19;

function entryRow(entry: AuditEntry): unknown[] {
  return [
    entry.sequence,
    entry.id,
    entry.at,
    entry.requestId,
    entry.user,
    entry.roles,
    entry.purpose,
    entry.caseNumber,
    entry.operationName,
    entry.operationType,
    entry.documentHash,
    entry.variablesDigest,
    entry.personIds,
    entry.decisionIds,
    entry.outcome,
    entry.errorCodes,
    entry.detail,
    entry.prevHash,
    entry.hash,
  ];
}

/** `($1, …, $19), ($20, …)`: one VALUES tuple per entry, with the array casts. */
function valuesClause(rows: number): string {
  const arrays = new Set([6, 13, 14, 16]);
  return Array.from({ length: rows }, (_, row) => {
    const params = Array.from({ length: ENTRY_COLUMNS }, (_, column) => {
      const placeholder = `$${row * ENTRY_COLUMNS + column + 1}`;
      return arrays.has(column + 1) ? `${placeholder}::text[]` : placeholder;
    });
    return `(${params.join(', ')})`;
  }).join(',\n');
}

interface Pending {
  record: AuditRecordInput;
  resolve: (entry: AuditEntry) => void;
  reject: (error: unknown) => void;
}

/**
 * The tamper-evident audit log (DESIGN.md "Accountability controls" 2): each
 * entry carries the hash of the one before it, and is published on
 * `audit.access.v1` in the same transaction.
 */
export class AuditLog {
  private queue: Pending[] = [];
  private draining: Promise<void> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends one entry; resolves once it is committed (fail closed: a caller
   * never hears "recorded" for an entry that is not durable). Appends are
   * serialised (an advisory lock held to the end of the transaction), so the
   * chain never forks, and grouped: entries that arrive while a commit is in
   * flight are chained and written together in the next one, so concurrent
   * requests share one lock, one head read and one round trip per group
   * instead of queueing one transaction each. The write runs as
   * AUDIT_WRITER_ROLE, which can insert and read but not change or remove.
   */
  async append(input: AuditRecordInput): Promise<AuditEntry> {
    const record = storable(input);
    return new Promise<AuditEntry>((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, MAX_GROUP);
        try {
          const entries = await this.commit(group.map((p) => p.record));
          group.forEach((pending, i) => pending.resolve(entries[i] as AuditEntry));
        } catch (error) {
          // The whole group rolled back: none of its entries exists, and every caller hears so.
          for (const pending of group) pending.reject(error);
        }
      }
    } finally {
      this.draining = null;
    }
  }

  private commit(records: readonly AuditRecordInput[]): Promise<AuditEntry[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
      await manager.query(`SET LOCAL ROLE ${AUDIT_WRITER_ROLE}`);
      const head = await this.head(manager);
      let sequence = head ? BigInt(head.sequence) : 0n;
      let prevHash = head?.hash ?? GENESIS_HASH;
      const entries = records.map((record): AuditEntry => {
        sequence += 1n;
        const unhashed: Omit<AuditEntry, 'hash'> = {
          ...record,
          sequence: sequence.toString(),
          id: uuidv7(),
          prevHash,
        };
        const entry: AuditEntry = { ...unhashed, hash: entryHash(unhashed) };
        prevHash = entry.hash;
        return entry;
      });
      await manager.query(
        `INSERT INTO audit_entry (sequence, id, at, request_id, user_name, roles, purpose,
           case_number, operation_name, operation_type, document_hash, variables_digest,
           person_ids, decision_ids, outcome, error_codes, detail, prev_hash, hash)
         VALUES ${valuesClause(entries.length)}`,
        entries.flatMap(entryRow),
      );
      await appendToOutbox(
        manager,
        entries.map((entry) => ({
          topic: AUDIT_ACCESS_TOPIC,
          type: AUDIT_ACCESS_EVENT,
          source: 'audit',
          key: AUDIT_EVENT_KEY,
          payload: eventPayload(entry),
        })),
      );
      return entries;
    });
  }

  /** Entries matching every given criterion, newest first, a page at a time. */
  async query(criteria: AuditQuery = {}): Promise<AuditPage> {
    const limit = criteria.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_PAGE_LIMIT) {
      throw new AuditQueryError('limit', `must be a whole number from 1 to ${AUDIT_PAGE_LIMIT}`);
    }
    if (criteria.after !== undefined && !CURSOR.test(criteria.after)) {
      throw new AuditQueryError('after', 'is not a cursor this log returned');
    }
    for (const bound of ['from', 'to'] as const) {
      const at = criteria[bound];
      if (at !== undefined && Number.isNaN(at.getTime()))
        throw new AuditQueryError(bound, 'is not a valid instant');
    }
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (condition: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (criteria.user !== undefined) add((p) => `user_name = ${p}`, criteria.user);
    if (criteria.personId !== undefined)
      add((p) => `person_ids @> ARRAY[${p}]::text[]`, criteria.personId);
    if (criteria.purpose !== undefined) add((p) => `purpose = ${p}`, criteria.purpose);
    if (criteria.caseNumber !== undefined) add((p) => `case_number = ${p}`, criteria.caseNumber);
    if (criteria.outcome !== undefined) add((p) => `outcome = ${p}`, criteria.outcome);
    if (criteria.from !== undefined) add((p) => `at >= ${p}`, criteria.from);
    if (criteria.to !== undefined) add((p) => `at < ${p}`, criteria.to);
    if (criteria.after !== undefined) add((p) => `sequence < ${p}::bigint`, criteria.after);
    params.push(limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT ${AUDIT_ENTRY_COLUMNS} FROM audit_entry
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY audit_entry.sequence DESC LIMIT $${params.length}`,
      params,
    )) as Record<string, unknown>[];
    const entries = rows.slice(0, limit).map(entryFromRow);
    const last = entries[entries.length - 1];
    return { entries, nextCursor: rows.length > limit && last ? last.sequence : null };
  }

  /**
   * The chain's head and start (the hash of entry 1, which names this chain on
   * shared topics), as `audit.head.v1` publishes them; null for an empty log.
   */
  async headCheckpoint(): Promise<{ sequence: string; hash: string; chainStart: string } | null> {
    const rows = (await this.dataSource.query(
      `SELECT h.sequence::text AS sequence, h.hash, s.hash AS "chainStart"
         FROM (SELECT sequence, hash FROM audit_entry ORDER BY sequence DESC LIMIT 1) h
         JOIN audit_entry s ON s.sequence = 1`,
    )) as { sequence: string; hash: string; chainStart: string }[];
    return rows[0] ?? null;
  }

  /** Walks the whole chain (see verifyAuditChain). */
  verify(options: VerifyOptions = {}): Promise<AuditVerification> {
    return verifyAuditChain(this.dataSource, options);
  }

  /** Compares the log with its published copy (see reconcileAuditChain). */
  reconcile(
    published: AsyncIterable<PublishedEvent>,
    options: ReconcileOptions = {},
  ): Promise<AuditReconciliation> {
    return reconcileAuditChain(this.dataSource, published, options);
  }

  private async head(manager: EntityManager): Promise<{ sequence: string; hash: string } | null> {
    const rows = (await manager.query(
      'SELECT sequence::text AS sequence, hash FROM audit_entry ORDER BY audit_entry.sequence DESC LIMIT 1',
    )) as { sequence: string; hash: string }[];
    return rows[0] ?? null;
  }
}
