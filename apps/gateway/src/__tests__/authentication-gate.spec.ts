import { AccessError } from '@mosaic/access';
import type { AuditRecordInput } from '@mosaic/audit-data';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { authenticationGate } from '../request/authentication-gate';
import type { GatewayContext } from '../request/gateway-context';
import { SlidingWindowLimiter } from '../request/sliding-window-limiter';

function contextOf(ok: boolean, address = '192.0.2.1'): GatewayContext {
  return {
    req: {
      socket: { remoteAddress: address },
      headers: { 'x-mosaic-purpose': 'CASE_INVESTIGATION', 'x-mosaic-case': 'CASE-2026-1' },
      body: { query: '{ person(id: "1") { secret } }', operationName: 'Probe', variables: {} },
    },
    requestId: 'req-1',
    principal: ok
      ? {
          ok: true,
          value: { user: 'u', roles: ['ANALYST'], tokenId: null, expiresAt: new Date(2e12) },
        }
      : { ok: false, error: new AccessError('UNAUTHENTICATED', 'the token has expired') },
    purpose: {
      ok: true,
      value: { purpose: 'CASE_INVESTIGATION', caseNumber: 'CASE-2026-1' },
    },
    trail: { personIds: new Set(), decisionIds: new Set() },
  } as unknown as GatewayContext;
}

const response = () => ({ locals: {} }) as unknown as Response;

async function outcome(run: Promise<void>): Promise<string> {
  return run.then(
    () => 'passed',
    (error: GraphQLError) => String(error.extensions['code']),
  );
}

describe('the authentication gate, before the document is read', () => {
  let written: AuditRecordInput[];
  const gate = (limit = 5, append?: () => Promise<never>) =>
    authenticationGate({
      auditLog: { append: append ?? (async (r) => written.push(r) as never) },
      clock: () => new Date('2026-12-01T00:00:00Z'),
      anonymousLimiter: new SlidingWindowLimiter({ limit, windowMs: 60_000 }),
      anonymousRateLimitPerMinute: limit,
    });

  beforeEach(() => {
    written = [];
  });

  it('lets an authenticated request through, writing nothing itself', async () => {
    expect(await outcome(gate()(contextOf(true), response()))).toBe('passed');
    expect(written).toEqual([]);
  });

  it('refuses a request without a valid token, audited first, with the document by digest only', async () => {
    const res = response();
    expect(await outcome(gate()(contextOf(false), res))).toBe('UNAUTHENTICATED');
    expect(written).toEqual([
      expect.objectContaining({
        requestId: 'req-1',
        user: null,
        purpose: 'CASE_INVESTIGATION',
        operationName: 'Probe',
        outcome: 'DENIED',
        errorCodes: ['UNAUTHENTICATED'],
        documentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    expect(JSON.stringify(written)).not.toContain('secret');
    // The HTTP-refusal auditor must not write it a second time.
    expect(res.locals['mosaicAuditedByPlugin']).toBe(true);
  });

  it('limits such requests per address (RATE_LIMITED), each still audited', async () => {
    const limited = gate(2);
    const codes = [];
    for (let i = 0; i < 3; i += 1) codes.push(await outcome(limited(contextOf(false), response())));
    codes.push(await outcome(limited(contextOf(false, '192.0.2.2'), response())));
    expect(codes).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'RATE_LIMITED',
      'UNAUTHENTICATED',
    ]);
    expect(written.map((r) => r.errorCodes[0])).toEqual(codes);
  });

  it('fails closed when the refusal cannot be recorded: AUDIT_UNAVAILABLE', async () => {
    const broken = gate(5, () => Promise.reject(new Error('disk full')));
    expect(await outcome(broken(contextOf(false), response()))).toBe('AUDIT_UNAVAILABLE');
  });
});
