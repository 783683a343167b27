import { randomUUID } from 'node:crypto';
import { CASE_HEADER, PURPOSE_HEADER } from '@mosaic/access';
import type { DataSource } from 'typeorm';
import { errorCodes, postGraphQL, type GraphQLAnswer } from '../support/gateway-harness';

export interface CallOptions {
  /** The bearer token; null sends no Authorization header. */
  token: string | null;
  /** null sends no purpose header. */
  purpose?: string | null;
  /** null sends no case header. */
  caseNumber?: string | null;
  /** A raw Authorization header value, instead of `Bearer <token>`. */
  authorization?: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export const CASE_NUMBER = 'CASE-2026-000042';

export type Exchange = GraphQLAnswer & {
  /** The request id sent, so the test can find the request's audit entry. */
  sentRequestId: string;
};

/**
 * One operation over HTTP as any client sends it, with the access headers the
 * options describe (default: CASE_INVESTIGATION for CASE_NUMBER).
 */
export async function graphql(url: string, query: string, options: CallOptions): Promise<Exchange> {
  const sentRequestId = `sec-${randomUUID()}`;
  const headers: Record<string, string> = { 'x-request-id': sentRequestId };
  if (options.authorization !== undefined) headers['authorization'] = options.authorization;
  else if (options.token !== null) headers['authorization'] = `Bearer ${options.token}`;
  const purpose = options.purpose === undefined ? 'CASE_INVESTIGATION' : options.purpose;
  const caseNumber = options.caseNumber === undefined ? CASE_NUMBER : options.caseNumber;
  if (purpose !== null) headers[PURPOSE_HEADER] = purpose;
  if (caseNumber !== null) headers[CASE_HEADER] = caseNumber;
  const answer = await postGraphQL(
    url,
    {
      query,
      variables: options.variables ?? {},
      ...(options.operationName ? { operationName: options.operationName } : {}),
    },
    headers,
  );
  return { ...answer, sentRequestId };
}

/** The codes of an answer's errors, in order. */
export const codes = (answer: GraphQLAnswer): string[] => errorCodes(answer).map(String);

export interface AuditRow {
  sequence: string;
  user: string | null;
  purpose: string | null;
  case_number: string | null;
  operation_name: string | null;
  outcome: string;
  error_codes: string[];
  person_ids: string[];
  decision_ids: string[];
}

/** The audit entry of one request (the gateway writes it before it answers). */
export async function auditEntryOf(audit: DataSource, requestId: string): Promise<AuditRow> {
  const rows = (await audit.query(
    `SELECT sequence, user_name AS "user", purpose, case_number, operation_name, outcome, error_codes,
            person_ids, decision_ids
       FROM audit_entry WHERE request_id = $1`,
    [requestId],
  )) as AuditRow[];
  if (rows.length !== 1) {
    throw new Error(`expected one audit entry for request ${requestId}, found ${rows.length}`);
  }
  return rows[0] as AuditRow;
}
