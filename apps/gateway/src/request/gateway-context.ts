import type { IncomingHttpHeaders } from 'node:http';
import {
  AccessError,
  CASE_HEADER,
  parsePurpose,
  PURPOSE_HEADER,
  ROLES,
  type Principal,
  type Purpose,
} from '@mosaic/access';
import { logger } from '@mosaic/service-kit';
import type { Request, Response } from 'express';
import type { Authenticator } from './authenticator';
import { requestIdOf } from './request-id.middleware';

/** A check's result: the value, or the error that refused it. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: AccessError };

export interface DeclaredPurpose {
  purpose: Purpose;
  caseNumber: string;
}

/** What the subgraphs' answers said the request touched (their `extensions.mosaicAudit`). */
export interface AuditTrail {
  personIds: Set<string>;
  decisionIds: Set<string>;
}

/**
 * What the gateway knows about one client request. Building it never fails:
 * the access-control plugin refuses a request whose `principal` or `purpose`
 * is not ok before any subgraph is called, and the audit entry records both
 * either way.
 */
export interface GatewayContext {
  req: Request;
  requestId: string;
  principal: Checked<Principal>;
  /**
   * The declared purpose and case, checked against the caller's roles. When
   * the caller is not authenticated it is checked for form only, so the audit
   * entry still shows what the request claimed.
   */
  purpose: Checked<DeclaredPurpose>;
  trail: AuditTrail;
}

/** Any role may declare any purpose: what is left is the form check. */
const FORM_ONLY = { roles: [...ROLES] };

function unexpected(error: unknown): AccessError {
  // A check that broke rather than refused still refuses the request (fail closed).
  logger.warn({ err: error }, 'gateway: a request check failed unexpectedly');
  return new AccessError('UNAUTHENTICATED', 'the token could not be verified');
}

async function check<T>(run: () => T | Promise<T>): Promise<Checked<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error: error instanceof AccessError ? error : unexpected(error) };
  }
}

/** The principal and purpose of a request's headers. Never throws. */
export async function checkRequest(
  authenticator: Authenticator,
  headers: IncomingHttpHeaders,
): Promise<Pick<GatewayContext, 'principal' | 'purpose'>> {
  const principal = await check(() => authenticator.authenticate(headers));
  const purpose = await check(() =>
    parsePurpose(
      headers[PURPOSE_HEADER],
      headers[CASE_HEADER],
      principal.ok ? principal.value : FORM_ONLY,
    ),
  );
  return { principal, purpose };
}

/**
 * The context of each request. `gate` runs on it before the document is
 * parsed: a request it throws for is answered with that error and nothing
 * else (the authentication gate refuses a request without a valid token there).
 */
export function gatewayContextFactory(
  authenticator: Authenticator,
  gate?: (context: GatewayContext, res: Response) => Promise<void>,
) {
  return async ({ req, res }: { req: Request; res: Response }): Promise<GatewayContext> => {
    const context: GatewayContext = {
      req,
      requestId: requestIdOf(res),
      ...(await checkRequest(authenticator, req.headers)),
      trail: { personIds: new Set(), decisionIds: new Set() },
    };
    await gate?.(context, res);
    return context;
  };
}
