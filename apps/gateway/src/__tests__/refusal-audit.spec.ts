import type { AuditRecordInput } from '@mosaic/audit-data';
import type { Request } from 'express';
import { RefusalAuditor } from '../request/refusal-audit';

function request(address: string, requestId: string): Request {
  return {
    method: 'POST',
    socket: { remoteAddress: address },
    headers: { 'x-request-id': requestId, 'x-mosaic-purpose': 'CASE_INVESTIGATION' },
  } as unknown as Request;
}

describe('auditing refusals before GraphQL ran', () => {
  let now: number;
  let written: AuditRecordInput[];
  let auditor: RefusalAuditor;

  beforeEach(() => {
    now = Date.parse('2026-12-01T10:00:00Z');
    written = [];
    auditor = new RefusalAuditor({
      auditLog: { append: async (record) => written.push(record) as never },
      clock: () => new Date(now),
      windowMs: 60_000,
    });
  });

  afterEach(() => auditor.close());

  const refuse = (address: string, code: string, requestId = 'r') =>
    auditor.refused({ req: request(address, requestId), status: 400, code, message: 'no' });

  it('writes the first refusal per address and code at once, with the request id and the claimed purpose', async () => {
    refuse('198.51.100.1', 'PAYLOAD_TOO_LARGE', 'req-1');
    await auditor.flush();
    expect(written).toEqual([
      expect.objectContaining({
        requestId: 'req-1',
        user: null,
        purpose: 'CASE_INVESTIGATION',
        outcome: 'DENIED',
        errorCodes: ['PAYLOAD_TOO_LARGE'],
        operationType: 'http',
        detail: expect.stringContaining('from 198.51.100.1'),
      }),
    ]);
  });

  it('summarises a flood from one address in one entry per window: the log grows with windows, not requests', async () => {
    for (let i = 0; i < 1_000; i += 1) {
      now += 50;
      refuse('198.51.100.1', 'BAD_REQUEST');
    }
    // Another address and another code are counted apart.
    refuse('198.51.100.2', 'BAD_REQUEST');
    refuse('198.51.100.1', 'CSRF_PREVENTED');
    await auditor.flush();
    // 50 s of refusals: one window. One entry at once, one summary of the other 999.
    const flood = written.filter(
      (r) => r.errorCodes[0] === 'BAD_REQUEST' && r.detail?.includes('198.51.100.1'),
    );
    expect(flood).toHaveLength(2);
    expect(flood[1]?.detail).toMatch(
      /^999 more HTTP refusals \(BAD_REQUEST\) from 198\.51\.100\.1/,
    );
    expect(written).toHaveLength(4);
  });

  it('opens a new window after windowMs, summarising the one before', async () => {
    refuse('198.51.100.1', 'BAD_REQUEST', 'a');
    now += 1_000;
    refuse('198.51.100.1', 'BAD_REQUEST', 'b');
    now += 60_000;
    refuse('198.51.100.1', 'BAD_REQUEST', 'c');
    await new Promise((r) => setImmediate(r));
    await auditor.flush();
    expect(written.map((r) => r.requestId)).toEqual(['a', null, 'c']);
  });
});
