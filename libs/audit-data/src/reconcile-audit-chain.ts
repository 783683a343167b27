import type { DataSource } from 'typeorm';
import { AUDIT_ACCESS_TOPIC, auditAccessEventSchema } from './audit-event';
import { AUDIT_HEAD_TOPIC, auditHeadEventSchema } from './audit-head';
import type { PublishedEvent } from './published-copy';

/** Consecutive sequence numbers, both ends included. */
export interface SequenceRange {
  from: string;
  to: string;
}

/** An entry whose published hash is not the one the log holds at that sequence. */
export interface AuditHashMismatch {
  sequence: string;
  publishedHash: string;
  chainHash: string;
}

/** The highest published head of this chain, and how the log compares with it. */
export interface PublishedHeadCheck {
  sequence: string;
  hash: string;
  at: string;
  /**
   * HELD: the log has that entry with that hash. SHORTER: the log ends before
   * it. DIVERGED: the log has a different entry there (rolled back and regrown).
   */
  state: 'HELD' | 'SHORTER' | 'DIVERGED';
}

export interface AuditReconciliation {
  /** No published entry or head of this chain is missing from the log or different in it. */
  ok: boolean;
  /** The hash of entry 1, which names this chain on shared topics; null when the log is empty. */
  chainStart: string | null;
  chainHead: { sequence: string; hash: string } | null;
  /** This chain's entries found in the published copy (distinct sequence and hash). */
  publishedEntries: number;
  /** This chain's heads found in the published copy (distinct). */
  publishedHeads: number;
  latestHead: PublishedHeadCheck | null;
  /** Sequences published (as entries, or below a published head) that the log does not have. */
  missing: SequenceRange[];
  missingCount: number;
  /** The first MISMATCH_LIMIT entries whose published hash differs from the log's. */
  mismatched: AuditHashMismatch[];
  mismatchedCount: number;
  /** Events of other chains (other deployments, earlier logs) on the same topics, ignored. */
  foreignEvents: number;
  /** Events that are not a valid audit entry or head (left out, counted). */
  unreadableEvents: number;
}

export interface ReconcileOptions {
  /**
   * The hash of entry 1 as the operator recorded it, for a log that may have
   * lost entry 1 itself (or everything); default: the log's own entry 1.
   */
  chainStart?: string;
  /** Called every so many events read from the published copy. */
  onProgress?: (eventsRead: number) => void;
}

export const MISMATCH_LIMIT = 100;
const BATCH = 1_000;

/** Sorted sequence numbers as ranges of consecutive ones. */
export function toRanges(sequences: readonly bigint[]): SequenceRange[] {
  const ranges: SequenceRange[] = [];
  let start: bigint | null = null;
  let end: bigint | null = null;
  for (const s of sequences) {
    if (end !== null && s === end + 1n) {
      end = s;
      continue;
    }
    if (start !== null && end !== null) ranges.push({ from: String(start), to: String(end) });
    start = s;
    end = s;
  }
  if (start !== null && end !== null) ranges.push({ from: String(start), to: String(end) });
  return ranges;
}

/** Disjoint ranges, in order, with touching ones joined. */
function mergeRanges(ranges: readonly SequenceRange[]): SequenceRange[] {
  const sorted = [...ranges].sort((a, b) => (BigInt(a.from) < BigInt(b.from) ? -1 : 1));
  const merged: SequenceRange[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && BigInt(r.from) <= BigInt(last.to) + 1n) {
      if (BigInt(r.to) > BigInt(last.to)) last.to = r.to;
    } else merged.push({ ...r });
  }
  return merged;
}

/** `5`, `5–9`, `5–9, 12` */
export function formatRanges(ranges: readonly SequenceRange[]): string {
  return ranges.map((r) => (r.from === r.to ? r.from : `${r.from}–${r.to}`)).join(', ');
}

async function chainHashes(
  dataSource: DataSource,
  sequences: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < sequences.length; i += BATCH) {
    const rows = (await dataSource.query(
      `SELECT sequence::text AS sequence, hash FROM audit_entry WHERE sequence = ANY($1::bigint[])`,
      [sequences.slice(i, i + BATCH)],
    )) as { sequence: string; hash: string }[];
    for (const row of rows) found.set(row.sequence, row.hash);
  }
  return found;
}

/**
 * Compares the audit log with its published copy (`audit.access.v1` and
 * `audit.head.v1`: the Kafka topics, or the embedded mode's NDJSON file) and
 * names what the log lost: entries published but absent from the log, entries
 * whose hash differs, and a log shorter than, or rolled back from, a head
 * published earlier. The hash chain alone cannot see a removed tail: what is
 * left is a valid, shorter chain.
 *
 * The topics are shared by every deployment that writes to the broker, so this
 * chain's events are picked out by following hash links from its own entry 1:
 * an entry is this chain's when it links to an entry already known to be. Other
 * chains never link into it. This relies on the published order, which keeps
 * each chain's order (one key, one partition; the file is appended in that
 * order). Heads are picked by their `chainStart`. Memory grows with this
 * chain's published entries (about 150 bytes each).
 *
 * Read-only: it changes neither the log nor the copy.
 */
export async function reconcileAuditChain(
  dataSource: DataSource,
  published: AsyncIterable<PublishedEvent>,
  options: ReconcileOptions = {},
): Promise<AuditReconciliation> {
  const [first] = (await dataSource.query('SELECT hash FROM audit_entry WHERE sequence = 1')) as {
    hash: string;
  }[];
  const [head] = (await dataSource.query(
    'SELECT sequence::text AS sequence, hash FROM audit_entry ORDER BY audit_entry.sequence DESC LIMIT 1',
  )) as { sequence: string; hash: string }[];
  const chainStart = options.chainStart ?? first?.hash ?? null;

  /** This chain's published entries: hash → sequence. */
  const entries = new Map<string, string>();
  /** This chain's published heads: `sequence hash` → head. */
  const heads = new Map<string, { sequence: string; hash: string; at: string }>();
  let foreignEvents = 0;
  let unreadableEvents = 0;
  let read = 0;
  const firstEntry = (hash: string, sequence: string) => sequence === '1' && hash === chainStart;

  for await (const { topic, payload } of published) {
    read += 1;
    if (read % BATCH === 0) options.onProgress?.(read);
    if (topic === AUDIT_ACCESS_TOPIC) {
      const parsed = auditAccessEventSchema.safeParse(payload);
      if (!parsed.success) {
        unreadableEvents += 1;
        continue;
      }
      const { sequence, hash, prevHash } = parsed.data;
      if (entries.has(hash)) continue;
      const linked = entries.get(prevHash);
      if (
        firstEntry(hash, sequence) ||
        (linked !== undefined && BigInt(linked) + 1n === BigInt(sequence))
      ) {
        entries.set(hash, sequence);
      } else foreignEvents += 1;
    } else if (topic === AUDIT_HEAD_TOPIC) {
      const parsed = auditHeadEventSchema.safeParse(payload);
      if (!parsed.success) {
        unreadableEvents += 1;
        continue;
      }
      const { sequence, hash, chainStart: start, at } = parsed.data;
      if (start !== chainStart) foreignEvents += 1;
      else heads.set(`${sequence} ${hash}`, { sequence, hash, at });
    } else unreadableEvents += 1;
  }
  options.onProgress?.(read);

  const inChain = await chainHashes(dataSource, [
    ...new Set([...entries.values(), ...[...heads.values()].map((h) => h.sequence)]),
  ]);
  const end = head ? BigInt(head.sequence) : 0n;
  const missing = new Set<bigint>();
  const mismatched: AuditHashMismatch[] = [];
  const mismatchedKeys = new Set<string>();
  const compare = (sequence: string, publishedHash: string) => {
    const chainHash = inChain.get(sequence);
    if (chainHash === undefined) missing.add(BigInt(sequence));
    else if (chainHash !== publishedHash && !mismatchedKeys.has(`${sequence} ${publishedHash}`)) {
      mismatchedKeys.add(`${sequence} ${publishedHash}`);
      mismatched.push({ sequence, publishedHash, chainHash });
    }
  };
  for (const [hash, sequence] of entries) compare(sequence, hash);
  let latest: { sequence: string; hash: string; at: string } | null = null;
  for (const h of heads.values()) {
    compare(h.sequence, h.hash);
    if (!latest || BigInt(h.sequence) > BigInt(latest.sequence)) latest = h;
  }
  // Every entry below a published head existed when it was published: a log
  // ending before it lost them all, published on audit.access.v1 or not.
  const lostTail =
    latest && BigInt(latest.sequence) > end
      ? { from: end + 1n, to: BigInt(latest.sequence) }
      : null;
  if (lostTail)
    for (const s of [...missing]) if (s >= lostTail.from && s <= lostTail.to) missing.delete(s);
  mismatched.sort((a, b) => (BigInt(a.sequence) < BigInt(b.sequence) ? -1 : 1));
  const latestHead: PublishedHeadCheck | null = latest
    ? {
        ...latest,
        state:
          BigInt(latest.sequence) > end
            ? 'SHORTER'
            : inChain.get(latest.sequence) === latest.hash
              ? 'HELD'
              : 'DIVERGED',
      }
    : null;
  const missingSorted = [...missing].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let missingRanges = toRanges(missingSorted);
  let missingCount = missing.size;
  if (lostTail) {
    missingRanges = mergeRanges([
      ...missingRanges,
      { from: String(lostTail.from), to: String(lostTail.to) },
    ]);
    missingCount += Number(lostTail.to - lostTail.from + 1n);
  }
  return {
    ok: missingCount === 0 && mismatched.length === 0,
    chainStart,
    chainHead: head ?? null,
    publishedEntries: entries.size,
    publishedHeads: heads.size,
    latestHead,
    missing: missingRanges,
    missingCount,
    mismatched: mismatched.slice(0, MISMATCH_LIMIT),
    mismatchedCount: mismatched.length,
    foreignEvents,
    unreadableEvents,
  };
}

/** One line for a person: what the published copy shows the log lost, or that it lost nothing. */
export function formatReconciliation(result: AuditReconciliation): string {
  if (result.chainStart === null) {
    return 'audit reconcile: the log is empty, so nothing names its published events; give the hash of entry 1 (--chain-start) to check a log that lost everything';
  }
  const copy = `${result.publishedEntries} published entries and ${result.publishedHeads} heads of this chain`;
  if (result.ok) {
    return `audit reconcile: nothing lost — ${copy} are all in the log (head ${result.chainHead?.sequence ?? 'none'})`;
  }
  const parts: string[] = [];
  if (result.missingCount > 0) {
    parts.push(
      `${result.missingCount} published entries are missing from the log: ${formatRanges(result.missing)}`,
    );
  }
  if (result.mismatchedCount > 0) {
    const first = result.mismatched.slice(0, 10).map((m) => m.sequence);
    parts.push(
      `${result.mismatchedCount} entries differ from what was published (${first.join(', ')}${result.mismatchedCount > first.length ? ', …' : ''})`,
    );
  }
  const h = result.latestHead;
  if (h && h.state !== 'HELD') {
    parts.push(
      h.state === 'SHORTER'
        ? `the log ends at ${result.chainHead?.sequence ?? 'nothing'}, before head ${h.sequence} published at ${h.at}`
        : `the log was rolled back: entry ${h.sequence} is not the head published at ${h.at}`,
    );
  }
  return `audit reconcile: LOSS — ${parts.join('; ')} (${copy})`;
}
