export { AuditEntryEntity } from './audit-entry.entity';
export { AUDIT_ENTRY_COLUMNS } from './audit-entry-row';
export {
  AUDIT_ACCESS_EVENT,
  AUDIT_ACCESS_TOPIC,
  AUDIT_EVENT_KEY,
  AUDIT_TEXT_LIMITS,
  auditAccessEventSchema,
  type AuditAccessEvent,
} from './audit-event';
export { digest, entryHash, GENESIS_HASH } from './audit-hash';
export {
  AUDIT_HEAD_EVENT,
  AUDIT_HEAD_TOPIC,
  auditHeadEventSchema,
  type AuditHeadEvent,
} from './audit-head';
export {
  appendPublishedEvents,
  AUDIT_PUBLISHED_FILE,
  AUDIT_PUBLISHED_TOPICS,
  auditPublishedFile,
  readPublishedFile,
  readPublishedTopics,
  type PublishedEvent,
  type TopicReadOptions,
} from './published-copy';
export {
  formatRanges,
  formatReconciliation,
  MISMATCH_LIMIT,
  reconcileAuditChain,
  type AuditHashMismatch,
  type AuditReconciliation,
  type PublishedHeadCheck,
  type ReconcileOptions,
  type SequenceRange,
} from './reconcile-audit-chain';
export {
  AUDIT_PAGE_LIMIT,
  AuditLog,
  AuditQueryError,
  type AuditPage,
  type AuditQuery,
} from './audit-log';
export {
  AUDIT_OUTCOMES,
  type AuditEntry,
  type AuditOutcome,
  type AuditRecordInput,
} from './audit-record';
export { AUDIT_DATABASE, auditEntities, auditMigrations } from './audit-service';
export {
  AUDIT_WRITER_ROLE,
  CreateAuditLog1764600000000,
} from './migrations/1764600000000-create-audit-log';
export {
  verifyAuditChain,
  type AuditProblem,
  type AuditProblemKind,
  type AuditVerification,
  type VerifyOptions,
} from './verify-audit-chain';
