import { z } from 'zod';

export const AUDIT_HEAD_TOPIC = 'audit.head.v1';
export const AUDIT_HEAD_EVENT = 'audit.head.checkpointed';

const hash = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 hex digest');
const sequence = z.string().regex(/^[1-9]\d{0,18}$/, 'expected a positive integer');

/**
 * The payload of `audit.head.v1` (key: AUDIT_EVENT_KEY): the chain's head as
 * the gateway saw it, published straight on the bus every few seconds, not
 * through the outbox, so removing outbox rows cannot hold it back. `chainStart`
 * (the hash of entry 1) tells this log's heads apart from other logs' on a
 * shared topic. A chain later found shorter than, or different at, a published
 * head lost or rewrote entries.
 */
export const auditHeadEventSchema = z
  .object({
    sequence,
    hash,
    chainStart: hash,
    at: z.iso.datetime({ offset: true }),
  })
  .strict();

export type AuditHeadEvent = z.output<typeof auditHeadEventSchema>;
