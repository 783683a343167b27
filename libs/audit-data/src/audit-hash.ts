import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import type { AuditEntry } from './audit-record';

/** What the first entry chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * sha256 (hex) of the RFC 8785 canonical JSON of `value`: the same value gives
 * the same digest whatever its key order, so the gateway can fingerprint
 * variables and documents without storing them.
 */
export function digest(value: unknown): string {
  // canonicalize(undefined) yields undefined; a digest of "nothing" must still be stable.
  return createHash('sha256')
    .update(canonicalize(value === undefined ? null : value) ?? 'null')
    .digest('hex');
}

/** The fields an entry's hash covers: all of them but the hash itself. */
export function hashedContent(entry: Omit<AuditEntry, 'hash'>): Record<string, unknown> {
  return {
    sequence: entry.sequence,
    id: entry.id,
    at: entry.at.toISOString(),
    requestId: entry.requestId,
    user: entry.user,
    roles: entry.roles,
    purpose: entry.purpose,
    caseNumber: entry.caseNumber,
    operationName: entry.operationName,
    operationType: entry.operationType,
    documentHash: entry.documentHash,
    variablesDigest: entry.variablesDigest,
    personIds: entry.personIds,
    decisionIds: entry.decisionIds,
    outcome: entry.outcome,
    errorCodes: entry.errorCodes,
    detail: entry.detail,
    prevHash: entry.prevHash,
  };
}

/** The hash an entry must carry: it binds its content, its sequence and its predecessor. */
export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  return digest(hashedContent(entry));
}
