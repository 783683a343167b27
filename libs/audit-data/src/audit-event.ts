import { z } from 'zod';
import { AUDIT_OUTCOMES } from './audit-record';

export const AUDIT_ACCESS_TOPIC = 'audit.access.v1';
export const AUDIT_ACCESS_EVENT = 'audit.access.recorded';
/** Every audit event shares one key: one partition, so consumers see the chain in order. */
export const AUDIT_EVENT_KEY = 'audit-log';

/** The longest text each field keeps (AuditLog clips longer values before hashing). */
export const AUDIT_TEXT_LIMITS = {
  requestId: 100,
  user: 200,
  role: 64,
  purpose: 64,
  caseNumber: 64,
  operationName: 200,
  operationType: 32,
  digest: 128,
  id: 128,
  errorCode: 64,
  detail: 2000,
} as const;

const text = (max: number) => z.string().max(max);
const hash = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 hex digest');

/**
 * The payload of `audit.access.v1` (key: AUDIT_EVENT_KEY): one audit entry as
 * committed, hashes included, so a consumer can keep its own copy of the chain
 * and notice when the database's copy loses or changes an entry.
 */
export const auditAccessEventSchema = z
  .object({
    entryId: z.uuid(),
    sequence: z.string().regex(/^[1-9]\d{0,18}$/, 'expected a positive integer'),
    at: z.iso.datetime({ offset: true }),
    requestId: text(AUDIT_TEXT_LIMITS.requestId).nullable(),
    user: text(AUDIT_TEXT_LIMITS.user).nullable(),
    roles: z.array(text(AUDIT_TEXT_LIMITS.role)),
    purpose: text(AUDIT_TEXT_LIMITS.purpose).nullable(),
    caseNumber: text(AUDIT_TEXT_LIMITS.caseNumber).nullable(),
    operationName: text(AUDIT_TEXT_LIMITS.operationName).nullable(),
    operationType: text(AUDIT_TEXT_LIMITS.operationType).nullable(),
    documentHash: text(AUDIT_TEXT_LIMITS.digest).nullable(),
    variablesDigest: text(AUDIT_TEXT_LIMITS.digest).nullable(),
    personIds: z.array(text(AUDIT_TEXT_LIMITS.id)),
    decisionIds: z.array(text(AUDIT_TEXT_LIMITS.id)),
    outcome: z.enum(AUDIT_OUTCOMES),
    errorCodes: z.array(text(AUDIT_TEXT_LIMITS.errorCode)),
    detail: text(AUDIT_TEXT_LIMITS.detail).nullable(),
    prevHash: hash,
    hash,
  })
  .strict();

export type AuditAccessEvent = z.output<typeof auditAccessEventSchema>;
