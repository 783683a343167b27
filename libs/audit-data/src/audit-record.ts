/** How an audited operation ended. */
export const AUDIT_OUTCOMES = ['OK', 'PARTIAL', 'DENIED', 'FAILED'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * One operation to record, as the gateway (or a job) describes it. Nothing
 * here is trusted to be well formed beyond its type: the log records what
 * happened, including refusals of malformed requests.
 */
export interface AuditRecordInput {
  at: Date;
  requestId: string | null;
  /** The authenticated user; null when the request carried no valid identity. */
  user: string | null;
  roles: string[];
  purpose: string | null;
  caseNumber: string | null;
  operationName: string | null;
  /** `query`, `mutation`, `subscription`, or `job` for work outside GraphQL. */
  operationType: string | null;
  documentHash: string | null;
  variablesDigest: string | null;
  /** The persons whose data the operation returned. */
  personIds: string[];
  /** The decisions (links, verifications, disputes) the operation acted on. */
  decisionIds: string[];
  outcome: AuditOutcome;
  errorCodes: string[];
  detail: string | null;
}

/** One entry of the log: the record, its place in the chain and the hashes that bind it there. */
export interface AuditEntry extends AuditRecordInput {
  /** Position in the chain, from 1, without gaps (a bigint as a decimal string). */
  sequence: string;
  id: string;
  /** The hash of the entry before it; GENESIS_HASH for the first. */
  prevHash: string;
  /** sha256 of the canonical JSON of every other field (see entryHash). */
  hash: string;
}
