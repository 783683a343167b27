import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayCredentialVerifier } from '@mosaic/access';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../request/gateway-context';
import { GatewayCredentialSigner } from '../supergraph/gateway-credential-signer';
import { collectAuditTrail, SubgraphDataSource } from '../supergraph/subgraph.data-source';

/** A stand-in subgraph whose answer each test picks by path, recording what it received. */
function fakeSubgraph() {
  const received: IncomingHttpHeaders[] = [];
  const resets = new Map<string, number>();
  const server = createServer((req, res) => {
    received.push(req.headers);
    req.resume();
    req.on('end', () => {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/ok') {
        json(200, {
          data: { travelEncounter: { id: 'TE-1' } },
          extensions: { mosaicAudit: { personIds: ['P-1', 'P-2'], decisionIds: ['D-9'] } },
        });
      } else if (req.url?.startsWith('/resets-once')) {
        // The first call on this path breaks the connection before answering; later ones answer.
        resets.set(req.url, (resets.get(req.url) ?? 0) + 1);
        if (resets.get(req.url) === 1) {
          req.socket.destroy();
          return;
        }
        json(200, { data: { travelEncounter: { id: 'TE-1' } } });
      } else if (req.url === '/busy')
        json(503, { errors: [{ message: 'db at http://10.0.0.7 down' }] });
      else if (req.url === '/refuses') json(401, { errors: [{ message: 'bad token' }] });
      else if (req.url === '/html') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>proxy error</html>');
      }
      // '/hangs' never answers.
    });
  });
  return { server, received, resets };
}

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );

const newContext = (): Partial<GatewayContext> => ({
  requestId: 'req-42',
  principal: {
    ok: true,
    value: {
      user: 'officer.jones',
      roles: ['OFFICER'],
      tokenId: 't-1',
      expiresAt: new Date('2030-01-01T00:00:00Z'),
    },
  },
  purpose: { ok: true, value: { purpose: 'CASE_INVESTIGATION', caseNumber: 'CASE-2026-000042' } },
  trail: { personIds: new Set(['P-0']), decisionIds: new Set() },
});

const CREDENTIAL = { kind: 'hs256', secret: 'the-gateway-credential-key-of-this-test' } as const;

function call(
  url: string,
  timeoutMs = 5_000,
  context = newContext(),
  query = '{ travelEncounter(id: "TE-1") { id } }',
) {
  const signer = new GatewayCredentialSigner(CREDENTIAL);
  const source = new SubgraphDataSource({ subgraph: 'travel', url, timeoutMs, signer });
  // What the gateway passes for a client operation (its request-kind enum is not exported).
  const options = {
    kind: 'incoming operation',
    request: { query, variables: {} },
    context,
    incomingRequestContext: {},
  };
  return source.process(options as unknown as Parameters<SubgraphDataSource['process']>[0]);
}

async function failure(url: string, timeoutMs?: number): Promise<GraphQLError> {
  const error = await call(url, timeoutMs).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  return error as GraphQLError;
}

describe('the gateway calling one subgraph', () => {
  const { server, received, resets } = fakeSubgraph();
  let base: string;
  let closedPort: string;

  beforeAll(async () => {
    base = await listen(server);
    const closed = createServer();
    closedPort = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends a query again when its connection breaks before any answer, but never a mutation', async () => {
    const response = await call(`${base}/resets-once-query`);
    expect(response.data).toEqual({ travelEncounter: { id: 'TE-1' } });
    expect(resets.get('/resets-once-query')).toBe(2);

    const error = await call(
      `${base}/resets-once-mutation`,
      5_000,
      newContext(),
      'mutation { recordTravelEncounter(input: {}) { id } }',
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as GraphQLError).extensions['code']).toBe('SUBGRAPH_UNAVAILABLE');
    expect((error as GraphQLError).message).toContain('connection reset');
    expect(resets.get('/resets-once-mutation')).toBe(1);
  });

  it("signs the call with the gateway's credential for that subgraph, carrying who, why, which case and the request id", async () => {
    const response = await call(`${base}/ok`);
    expect(response.data).toEqual({ travelEncounter: { id: 'TE-1' } });
    const headers = received.at(-1) ?? {};
    expect(headers['x-request-id']).toBe('req-42');
    const verified = await new GatewayCredentialVerifier(CREDENTIAL, 'travel').verify(
      headers.authorization,
    );
    expect(verified).toEqual({
      requestId: 'req-42',
      access: expect.objectContaining({
        user: 'officer.jones',
        roles: ['OFFICER'],
        purpose: 'CASE_INVESTIGATION',
        caseNumber: 'CASE-2026-000042',
      }),
    });
    // The credential is for travel only, and the subgraph learns nothing from loose headers.
    await expect(
      new GatewayCredentialVerifier(CREDENTIAL, 'identity').verify(headers.authorization),
    ).rejects.toThrow(/another subgraph/);
    for (const loose of ['x-mosaic-user', 'x-mosaic-roles', 'x-mosaic-purpose', 'x-mosaic-case']) {
      expect(headers[loose]).toBeUndefined();
    }
  });

  it("adds the persons and decisions the subgraph's answer names to the request's audit trail", async () => {
    const context = newContext();
    await call(`${base}/ok`, 5_000, context);
    expect(context.trail).toEqual({
      personIds: new Set(['P-0', 'P-1', 'P-2']),
      decisionIds: new Set(['D-9']),
    });
  });

  it.each([
    ['refuses connections', () => `${closedPort}/graphql`, 'connection refused'],
    ['answers HTTP 503', () => `${base}/busy`, 'it answered HTTP 503'],
    ['answers with something that is not JSON', () => `${base}/html`, 'unreadable answer'],
  ])('reports a subgraph that %s as SUBGRAPH_UNAVAILABLE, naming it', async (_, url, reason) => {
    const error = await failure(url());
    expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'travel' });
    expect(error.message).toContain('travel subgraph is unavailable');
    expect(error.message).toContain(reason);
    // Nothing about the internal network or the subgraph's body reaches the client.
    expect(error.message).not.toMatch(/127\.0\.0\.1|10\.0\.0\.7|html/);
  });

  it('gives up on a subgraph that does not answer within the timeout', async () => {
    const error = await failure(`${base}/hangs`, 300);
    expect(error.extensions['code']).toBe('SUBGRAPH_UNAVAILABLE');
    expect(error.message).toContain('no answer within 300 ms');
  });

  it('keeps a refusal of the credentials a refusal, not an outage', async () => {
    const error = await failure(`${base}/refuses`);
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', subgraph: 'travel' });
  });
});

describe('the audit trail of a request', () => {
  const trail = () => ({ personIds: new Set<string>(), decisionIds: new Set<string>() });

  it('takes only string ids from an answer, and nothing from an answer without mosaicAudit', () => {
    const t = trail();
    collectAuditTrail(t, undefined);
    collectAuditTrail(t, { ftv1: 'trace' });
    collectAuditTrail(t, { mosaicAudit: null });
    collectAuditTrail(t, { mosaicAudit: { personIds: 'P-1', decisionIds: [{ id: 'D-1' }] } });
    expect(t).toEqual(trail());
    collectAuditTrail(t, { mosaicAudit: { personIds: ['P-1', 7, null, 'P-1'] } });
    collectAuditTrail(t, { mosaicAudit: { personIds: ['P-2'], decisionIds: ['D-1'] } });
    expect(t).toEqual({ personIds: new Set(['P-1', 'P-2']), decisionIds: new Set(['D-1']) });
  });
});
