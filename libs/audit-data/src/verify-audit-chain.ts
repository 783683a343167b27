import type { DataSource } from 'typeorm';
import { entryHash, GENESIS_HASH } from './audit-hash';
import type { AuditEntry } from './audit-record';
import { AUDIT_ENTRY_COLUMNS, entryFromRow } from './audit-entry-row';

/** How the chain is broken. */
export type AuditProblemKind = 'ALTERED' | 'INSERTED' | 'REMOVED';

export interface AuditProblem {
  kind: AuditProblemKind;
  /** The entry named: the altered or inserted one, or the first one after a removal. */
  sequence: string;
  entryId: string;
  /** What is wrong, for a person: which entry and why. */
  message: string;
}

export type AuditVerification =
  | { ok: true; entries: number; head: { sequence: string; hash: string } | null }
  | { ok: false; entries: number; problem: AuditProblem };

export interface VerifyOptions {
  /** Called after each batch: entries checked so far, out of the count when the walk began. */
  onProgress?: (progress: { checked: number; total: number }) => void;
  /** Entries read per query. */
  batchSize?: number;
}

/** Reads the log in sequence order, one batch at a time, with one entry of look-ahead. */
class ChainReader {
  private buffer: AuditEntry[] = [];
  private lastRead = '0';
  private exhausted = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly batchSize: number,
  ) {}

  async next(): Promise<AuditEntry | null> {
    await this.fill();
    return this.buffer.shift() ?? null;
  }

  async peek(): Promise<AuditEntry | null> {
    await this.fill();
    return this.buffer[0] ?? null;
  }

  private async fill(): Promise<void> {
    if (this.buffer.length > 0 || this.exhausted) return;
    const rows = (await this.dataSource.query(
      `SELECT ${AUDIT_ENTRY_COLUMNS} FROM audit_entry WHERE sequence > $1::bigint
       ORDER BY audit_entry.sequence LIMIT $2`,
      [this.lastRead, this.batchSize],
    )) as Record<string, unknown>[];
    this.buffer = rows.map(entryFromRow);
    const last = this.buffer[this.buffer.length - 1];
    if (last) this.lastRead = last.sequence;
    if (rows.length < this.batchSize) this.exhausted = true;
  }
}

const label = (e: AuditEntry) => `entry ${e.sequence} (${e.id})`;

/**
 * Walks the audit log in sequence order and reports the first place where it
 * is not what appends made it. At each entry, against the entry before it:
 *
 * - REMOVED: its sequence does not follow on (entries are missing before it).
 * - INSERTED: it links to an entry earlier than its predecessor — the entries
 *   in between are foreign and the chain resumes after them (the first of
 *   them is named); or it links to no entry at all while the next entry links
 *   to its predecessor — the chain resumes around it.
 * - ALTERED: its content does not hash to its stored hash; or it is intact
 *   but links to a hash its predecessor no longer has — the predecessor was
 *   rewritten and re-hashed.
 *
 * Removing entries from the end leaves a shorter, valid chain: the
 * `audit.access.v1` stream is the copy that shows it.
 */
export async function verifyAuditChain(
  dataSource: DataSource,
  options: VerifyOptions = {},
): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? 1_000;
  const [{ total }] = (await dataSource.query(
    'SELECT count(*)::int AS total FROM audit_entry',
  )) as [{ total: number }];
  const reader = new ChainReader(dataSource, batchSize);
  let previous: AuditEntry | null = null;
  let checked = 0;
  const failed = (
    kind: AuditProblemKind,
    entry: AuditEntry,
    message: string,
  ): AuditVerification => ({
    ok: false,
    entries: checked,
    problem: { kind, sequence: entry.sequence, entryId: entry.id, message },
  });

  for (let entry = await reader.next(); entry !== null; entry = await reader.next()) {
    const expectedSequence = previous ? BigInt(previous.sequence) + 1n : 1n;
    if (BigInt(entry.sequence) !== expectedSequence) {
      const missing =
        BigInt(entry.sequence) - 1n === expectedSequence
          ? `entry ${expectedSequence} is`
          : `entries ${expectedSequence}–${BigInt(entry.sequence) - 1n} are`;
      return failed('REMOVED', entry, `${missing} missing before ${label(entry)}`);
    }
    const expectedLink = previous?.hash ?? GENESIS_HASH;
    const intact = entryHash(entry) === entry.hash;
    if (entry.prevHash === expectedLink) {
      if (!intact) {
        return failed(
          'ALTERED',
          entry,
          `${label(entry)} was altered: its content does not hash to its stored hash`,
        );
      }
    } else {
      const earlier = (await dataSource.query(
        `SELECT sequence::text AS sequence FROM audit_entry
         WHERE hash = $1 AND sequence < $2::bigint LIMIT 1`,
        [entry.prevHash, entry.sequence],
      )) as { sequence: string }[];
      const linked = earlier[0];
      if (linked) {
        const [first] = (await dataSource.query(
          `SELECT ${AUDIT_ENTRY_COLUMNS} FROM audit_entry WHERE sequence > $1::bigint
           ORDER BY audit_entry.sequence LIMIT 1`,
          [linked.sequence],
        )) as Record<string, unknown>[];
        const inserted = entryFromRow(first as Record<string, unknown>);
        return failed(
          'INSERTED',
          inserted,
          `${label(inserted)} was inserted: ${label(entry)} links to entry ${linked.sequence}, skipping it`,
        );
      }
      if (!intact) {
        return failed(
          'ALTERED',
          entry,
          `${label(entry)} was altered: its content does not hash to its stored hash`,
        );
      }
      const next = await reader.peek();
      if (next !== null && next.prevHash === expectedLink) {
        return failed(
          'INSERTED',
          entry,
          `${label(entry)} was inserted: it links to no entry of the log, and the entry after it links to ${previous ? label(previous) : 'the start of the chain'}`,
        );
      }
      if (previous === null) {
        return failed(
          'ALTERED',
          entry,
          `${label(entry)} was altered: the first entry must link to the start of the chain`,
        );
      }
      return failed(
        'ALTERED',
        previous,
        `${label(previous)} was altered and re-hashed: ${label(entry)} was chained to a different hash`,
      );
    }
    previous = entry;
    checked += 1;
    if (checked % batchSize === 0) options.onProgress?.({ checked, total });
  }
  options.onProgress?.({ checked, total });
  return {
    ok: true,
    entries: checked,
    head: previous ? { sequence: previous.sequence, hash: previous.hash } : null,
  };
}
