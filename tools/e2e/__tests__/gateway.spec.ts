// The gateway in front of the travel, seizure and fingerprint subgraphs, all
// in embedded mode, queried over HTTP like any client would.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { closeEmbeddedBus, type HealthReport } from '@mosaic/service-kit';
import { FingerprintAppModule } from '../../../apps/fingerprint/src/app.module';
import { loadFingerprintConfig } from '../../../apps/fingerprint/src/config/fingerprint.config';
import { GatewayAppModule } from '../../../apps/gateway/src/app.module';
import { loadGatewayConfig } from '../../../apps/gateway/src/config/gateway.config';
import { loadSupergraph } from '../../../apps/gateway/src/supergraph/supergraph';
import { SeizureAppModule } from '../../../apps/seizure/src/app.module';
import { loadSeizureConfig } from '../../../apps/seizure/src/config/seizure.config';
import { TravelAppModule } from '../../../apps/travel/src/app.module';
import { loadTravelConfig } from '../../../apps/travel/src/config/travel.config';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function unitTemplate(dimensions: number, seed: number): string {
  const v = new Float32Array(dimensions);
  let sum = 0;
  for (let i = 0; i < dimensions; i++) {
    v[i] = Math.sin(seed * 3.7 + i * 0.41);
    sum += (v[i] as number) ** 2;
  }
  for (let i = 0; i < dimensions; i++) v[i] = (v[i] as number) / Math.sqrt(sum);
  return Buffer.from(v.buffer).toString('base64');
}

const encounter = (recordId: string) => ({
  recordId,
  encounteredAt: '2024-05-02T08:40:00Z',
  port: 'AMS',
  direction: 'DEPARTURE',
  carrier: 'MZ',
  flight: 'MZ902',
  document: { type: 'PASSPORT', number: 'NL7730211', issuingCountry: 'NLD' },
  traveler: {
    givenNames: 'Sanne',
    surname: 'de Vries',
    dateOfBirth: '1987-11-23',
    sex: 'F',
    nationality: 'NLD',
  },
  contact: { phone: '+31612345678', address: null },
  face: { template: unitTemplate(512, 1), quality: 0.88, capturedAt: '2024-05-02T08:40:00Z' },
});

const enrollment = (recordId: string) => ({
  recordId,
  enrollmentId: `ENR-${recordId}`,
  enrolledAt: '2024-05-03T14:00:00Z',
  agency: 'BORDER_FORCE',
  reason: 'BORDER_ENCOUNTER',
  subject: {
    givenNames: 'Sanne',
    surname: 'de Vries',
    dateOfBirth: '1987-11',
    sex: 'F',
    nationality: 'NLD',
  },
  fingers: [1, 2, 6, 7].map((position) => ({
    position,
    template: unitTemplate(256, position),
    quality: 0.7,
  })),
  missingFingers: [],
  face: null,
});

interface GraphQLResponse {
  status: number;
  requestId: string | null;
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function startApp(module: DynamicModule): Promise<{ app: INestApplication; url: string }> {
  const app = await NestFactory.create(module, { logger: false, abortOnError: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

/** What passed between the gateway and the travel subgraph. */
interface Exchange {
  sent: IncomingHttpHeaders;
  /** The request id travel echoed on its own response: the one its SubgraphContext read. */
  echoedRequestId: string | null;
}

/**
 * Sits between the gateway and the travel subgraph and records each exchange,
 * so the test sees what travel actually received and answered on the wire.
 */
function recordingProxy(target: string) {
  const exchanges: Exchange[] = [];
  const hopByHop = new Set(['host', 'connection', 'content-length', 'keep-alive']);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([name]) => !hopByHop.has(name)),
      ) as Record<string, string>;
      void fetch(`${target}${req.url ?? ''}`, {
        method: req.method ?? 'POST',
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks) : null,
      })
        .then(async (answer) => {
          exchanges.push({
            sent: req.headers,
            echoedRequestId: answer.headers.get('x-request-id'),
          });
          res.writeHead(answer.status, {
            'content-type': answer.headers.get('content-type') ?? 'application/json',
          });
          res.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => {
          res.writeHead(502);
          res.end();
        });
    });
  });
  return { server, exchanges };
}

describe('gateway over the source subgraphs (embedded)', () => {
  let dataDir: string;
  let travel: INestApplication;
  let seizure: INestApplication;
  let fingerprint: INestApplication;
  let gateway: INestApplication;
  let gatewayUrl: string;
  const proxy = { server: null as Server | null, exchanges: [] as Exchange[] };

  const graphql = async (
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse> => {
    const response = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse, 'status' | 'requestId'>;
    return { status: response.status, requestId: response.headers.get('x-request-id'), ...body };
  };

  const health = async () => {
    const response = await fetch(`${gatewayUrl}/health`);
    return { status: response.status, report: (await response.json()) as HealthReport };
  };

  const RECORD_ENCOUNTER = `mutation Record($input: RecordTravelEncounterInput!) {
    recordTravelEncounter(input: $input) { created encounter { id port flight document { number } } }
  }`;
  const READ_ENCOUNTER = `query Read($id: ID!) {
    travelEncounter(id: $id) { id port direction flight traveler { surname } face { modality quality } }
  }`;
  const RECORD_ENROLLMENT = `mutation Enroll($input: RecordFingerprintEnrollmentInput!) {
    recordFingerprintEnrollment(input: $input) { created enrollment { id } }
  }`;
  const TRAVEL_AND_FINGERPRINT = `query Both($encounter: ID!, $enrollment: ID!) {
    travelEncounter(id: $encounter) { id flight }
    fingerprintEnrollment(id: $enrollment) { id agency fingers { position } }
  }`;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mosaic-gateway-e2e-'));
    const env = { MOSAIC_DATA_DIR: dataDir };
    const travelApp = await startApp(TravelAppModule.register(loadTravelConfig(env)));
    const seizureApp = await startApp(SeizureAppModule.register(loadSeizureConfig(env)));
    const fingerprintApp = await startApp(
      FingerprintAppModule.register(loadFingerprintConfig(env)),
    );
    travel = travelApp.app;
    seizure = seizureApp.app;
    fingerprint = fingerprintApp.app;

    const recorder = recordingProxy(travelApp.url);
    proxy.server = recorder.server;
    proxy.exchanges = recorder.exchanges;
    const proxyUrl = await listen(recorder.server);

    // Identity is in the supergraph but not started: no query here touches it.
    const nothing = createServer();
    const nowhere = await listen(nothing);
    await new Promise((resolve) => nothing.close(resolve));

    const config = loadGatewayConfig({
      ...env,
      MOSAIC_GATEWAY_TRAVEL_URL: `${proxyUrl}/graphql`,
      MOSAIC_GATEWAY_SEIZURE_URL: `${seizureApp.url}/graphql`,
      MOSAIC_GATEWAY_FINGERPRINT_URL: `${fingerprintApp.url}/graphql`,
      MOSAIC_GATEWAY_IDENTITY_URL: `${nowhere}/graphql`,
    });
    const started = await startApp(GatewayAppModule.register(config, await loadSupergraph(config)));
    gateway = started.app;
    gatewayUrl = started.url;
  }, 120_000);

  afterAll(async () => {
    await gateway?.close();
    proxy.server?.closeAllConnections();
    await new Promise((resolve) => proxy.server?.close(resolve) ?? resolve(null));
    for (const app of [fingerprint, seizure, travel]) await app?.close();
    await closeEmbeddedBus();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records a travel encounter through the gateway and reads it back', async () => {
    const recorded = await graphql(RECORD_ENCOUNTER, { input: encounter('TE-GW-1') });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data).toEqual({
      recordTravelEncounter: {
        created: true,
        encounter: {
          id: 'TE-GW-1',
          port: 'AMS',
          flight: 'MZ902',
          document: { number: 'NL7730211' },
        },
      },
    });

    const read = await graphql(READ_ENCOUNTER, { id: 'TE-GW-1' });
    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({
      travelEncounter: {
        id: 'TE-GW-1',
        port: 'AMS',
        direction: 'DEPARTURE',
        flight: 'MZ902',
        traveler: { surname: 'de Vries' },
        face: { modality: 'FACE', quality: 0.88 },
      },
    });
  });

  it("echoes the caller's request id and forwards it with the identity and credentials to the subgraph", async () => {
    const read = await graphql(
      READ_ENCOUNTER,
      { id: 'TE-GW-1' },
      {
        'x-request-id': 'case-2024-117.lookup-1',
        'x-mosaic-user': 'officer.jansen',
        'x-mosaic-roles': 'analyst, reviewer',
        authorization: 'Bearer not-checked-yet',
      },
    );
    expect(read.requestId).toBe('case-2024-117.lookup-1');

    const exchange = proxy.exchanges.find(
      (e) => e.sent['x-request-id'] === 'case-2024-117.lookup-1',
    );
    expect(exchange?.sent).toMatchObject({
      'x-mosaic-user': 'officer.jansen',
      'x-mosaic-roles': 'analyst,reviewer',
      authorization: 'Bearer not-checked-yet',
    });
    expect(exchange?.echoedRequestId).toBe('case-2024-117.lookup-1');
  });

  it('gives a request without a usable id a new one, the same at the gateway and the subgraph', async () => {
    const read = await graphql(READ_ENCOUNTER, { id: 'TE-GW-1' }, { 'x-request-id': 'not ok' });
    expect(read.requestId).toMatch(UUID);
    const exchange = proxy.exchanges.find((e) => e.sent['x-request-id'] === read.requestId);
    expect(exchange?.sent['x-mosaic-user']).toBe('anonymous');
    expect(exchange?.echoedRequestId).toBe(read.requestId);
  });

  it('refuses a malformed identity with UNAUTHENTICATED, no data, and no subgraph call', async () => {
    const before = proxy.exchanges.length;
    const refused = await graphql(
      READ_ENCOUNTER,
      { id: 'TE-GW-1' },
      { 'x-mosaic-user': 'officer jansen', 'x-request-id': 'refused-1' },
    );
    expect(refused.status).toBe(401);
    expect(refused.requestId).toBe('refused-1');
    expect(refused.data).toBeUndefined();
    expect(refused.errors?.map((e) => e.extensions?.['code'])).toEqual(['UNAUTHENTICATED']);
    expect(proxy.exchanges.length).toBe(before);
  });

  it("passes a subgraph's typed error through with its code and no stack trace", async () => {
    const bad = await graphql(RECORD_ENCOUNTER, {
      input: { ...encounter('TE-GW-BAD'), port: 'amsterdam' },
    });
    expect(bad.data).toBeNull();
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors?.[0]).toMatchObject({
      path: ['recordTravelEncounter'],
      extensions: { code: 'BAD_USER_INPUT', subgraph: 'travel' },
    });
    expect(bad.errors?.[0]?.extensions?.['issues']).toEqual([
      expect.objectContaining({ field: 'port' }),
    ]);
    expect(JSON.stringify(bad.errors)).not.toMatch(/stacktrace|\.ts:\d+/);
  });

  it('returns travel data and a SUBGRAPH_UNAVAILABLE error naming fingerprint once fingerprint stops', async () => {
    const enrolled = await graphql(RECORD_ENROLLMENT, { input: enrollment('FE-GW-1') });
    expect(enrolled.errors).toBeUndefined();
    const ids = { encounter: 'TE-GW-1', enrollment: 'FE-GW-1' };

    const whileUp = await graphql(TRAVEL_AND_FINGERPRINT, ids);
    expect(whileUp.errors).toBeUndefined();
    expect(whileUp.data).toEqual({
      travelEncounter: { id: 'TE-GW-1', flight: 'MZ902' },
      fingerprintEnrollment: {
        id: 'FE-GW-1',
        agency: 'BORDER_FORCE',
        fingers: [{ position: 1 }, { position: 2 }, { position: 6 }, { position: 7 }],
      },
    });
    const healthy = await health();
    expect(healthy.report.checks).toMatchObject({
      travel: { status: 'up' },
      seizure: { status: 'up' },
      fingerprint: { status: 'up' },
    });

    await fingerprint.close();

    const partial = await graphql(TRAVEL_AND_FINGERPRINT, ids);
    expect(partial.status).toBe(200);
    expect(partial.data).toEqual({
      travelEncounter: { id: 'TE-GW-1', flight: 'MZ902' },
      fingerprintEnrollment: null,
    });
    expect(partial.errors).toHaveLength(1);
    expect(partial.errors?.[0]?.extensions).toEqual({
      code: 'SUBGRAPH_UNAVAILABLE',
      subgraph: 'fingerprint',
    });
    expect(partial.errors?.[0]?.message).toContain('fingerprint subgraph is unavailable');

    const unhealthy = await health();
    expect(unhealthy.status).toBe(503);
    expect(unhealthy.report.status).toBe('unavailable');
    expect(unhealthy.report.checks['fingerprint']).toEqual({
      status: 'down',
      reason: 'connection refused',
    });
    expect(unhealthy.report.checks['travel']).toEqual({ status: 'up' });
  });
});
