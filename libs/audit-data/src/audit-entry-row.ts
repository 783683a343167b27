import type { AuditEntry } from './audit-record';

/** The columns of an entry, as AuditEntry fields. */
export const AUDIT_ENTRY_COLUMNS = `
  sequence::text AS sequence, id::text AS id, at, request_id AS "requestId", user_name AS "user",
  roles, purpose, case_number AS "caseNumber", operation_name AS "operationName",
  operation_type AS "operationType", document_hash AS "documentHash",
  variables_digest AS "variablesDigest", person_ids AS "personIds", decision_ids AS "decisionIds",
  outcome, error_codes AS "errorCodes", detail, prev_hash AS "prevHash", hash`;

/** A row of AUDIT_ENTRY_COLUMNS as an entry (drivers differ on timestamps and arrays). */
export function entryFromRow(row: Record<string, unknown>): AuditEntry {
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  return {
    ...(row as unknown as AuditEntry),
    at: row['at'] instanceof Date ? row['at'] : new Date(String(row['at'])),
    roles: list(row['roles']),
    personIds: list(row['personIds']),
    decisionIds: list(row['decisionIds']),
    errorCodes: list(row['errorCodes']),
  };
}
