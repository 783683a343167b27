// The gateway in front of the travel, seizure and fingerprint subgraphs, all
// in embedded mode, queried over HTTP like any client would: what it
// forwards, how it reports a subgraph's failure, and every request it refuses
// before calling any subgraph.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { GatewayCredentialVerifier } from '@mosaic/access';
import { closeEmbeddedBus, SERVICE_DATA_SOURCE, type HealthReport } from '@mosaic/service-kit';
import type { DataSource } from 'typeorm';
import { FingerprintAppModule } from '../../../apps/fingerprint/src/app.module';
import { loadFingerprintConfig } from '../../../apps/fingerprint/src/config/fingerprint.config';
import { SeizureAppModule } from '../../../apps/seizure/src/app.module';
import { loadSeizureConfig } from '../../../apps/seizure/src/config/seizure.config';
import { TravelAppModule } from '../../../apps/travel/src/app.module';
import { loadTravelConfig } from '../../../apps/travel/src/config/travel.config';
import {
  authEnv,
  E2E_CASE,
  E2E_GATEWAY_SECRET,
  errorCodes,
  headersFor,
  hostileTokens,
  postGraphQL,
  recordingProxy,
  startApp,
  startGateway,
  tokenFor,
  type Exchange,
  type GraphQLAnswer,
} from '../support/gateway-harness';

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

/** The rate limit of the gateway under test: low enough to reach, high enough for every other test. */
const RATE_LIMIT = 40;

describe('gateway over the source subgraphs (embedded)', () => {
  let dataDir: string;
  let travel: INestApplication;
  let seizure: INestApplication;
  let fingerprint: INestApplication;
  let gateway: INestApplication;
  let gatewayUrl: string;
  const proxies: Record<
    'travel' | 'seizure' | 'fingerprint',
    ReturnType<typeof recordingProxy>
  > = {} as never;
  /** An officer investigating a case: may record and read source records. */
  let officer: Record<string, string>;

  /** Every request any subgraph received so far. */
  const subgraphCalls = () => Object.values(proxies).reduce((n, p) => n + p.exchanges.length, 0);
  const travelExchanges = (): Exchange[] => proxies.travel.exchanges;

  const graphql = (
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = officer,
  ): Promise<GraphQLAnswer> => postGraphQL(`${gatewayUrl}/graphql`, { query, variables }, headers);

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
    const env = { MOSAIC_DATA_DIR: dataDir, ...authEnv() };
    const travelApp = await startApp(TravelAppModule.register(loadTravelConfig(env)));
    const seizureApp = await startApp(SeizureAppModule.register(loadSeizureConfig(env)));
    const fingerprintApp = await startApp(
      FingerprintAppModule.register(loadFingerprintConfig(env)),
    );
    travel = travelApp.app;
    seizure = seizureApp.app;
    fingerprint = fingerprintApp.app;
    proxies.travel = recordingProxy(travelApp.url);
    proxies.seizure = recordingProxy(seizureApp.url);
    proxies.fingerprint = recordingProxy(fingerprintApp.url);

    // Identity and analysis are in the supergraph but not started: no query here reaches them.
    const started = await startGateway(
      { ...env, MOSAIC_GATEWAY_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) },
      {
        travel: `${await proxies.travel.start()}/graphql`,
        seizure: `${await proxies.seizure.start()}/graphql`,
        fingerprint: `${await proxies.fingerprint.start()}/graphql`,
      },
    );
    gateway = started.app;
    gatewayUrl = started.url;
    officer = await headersFor('officer.jansen', ['OFFICER']);
  }, 120_000);

  afterAll(async () => {
    await gateway?.close();
    for (const proxy of Object.values(proxies)) await proxy.close();
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

  it("echoes the caller's request id and signs the subgraph call with its own credential: who, why, which case, that id", async () => {
    const token = await tokenFor('analyst.smit', ['ANALYST']);
    const read = await graphql(
      READ_ENCOUNTER,
      { id: 'TE-GW-1' },
      {
        'x-request-id': 'case-2024-117.lookup-1',
        authorization: `Bearer ${token}`,
        'x-mosaic-purpose': ' CASE_INVESTIGATION ',
        'x-mosaic-case': E2E_CASE,
        // Development headers of old: a caller can no longer name itself.
        'x-mosaic-user': 'supervisor.root',
        'x-mosaic-roles': 'SUPERVISOR',
      },
    );
    expect(read.errors).toBeUndefined();
    expect(read.requestId).toBe('case-2024-117.lookup-1');

    const exchange = travelExchanges().find(
      (e) => e.sent['x-request-id'] === 'case-2024-117.lookup-1',
    );
    // The user's token stays at the gateway; the subgraph gets the gateway's credential for it.
    expect(exchange?.sent['authorization']).not.toBe(`Bearer ${token}`);
    const call = await new GatewayCredentialVerifier(
      { kind: 'hs256', secret: E2E_GATEWAY_SECRET },
      'travel',
    ).verify(exchange?.sent['authorization']);
    expect(call).toEqual({
      requestId: 'case-2024-117.lookup-1',
      access: expect.objectContaining({
        user: 'analyst.smit',
        roles: ['ANALYST'],
        purpose: 'CASE_INVESTIGATION',
        caseNumber: E2E_CASE,
      }),
    });
    for (const loose of ['x-mosaic-user', 'x-mosaic-roles', 'x-mosaic-purpose', 'x-mosaic-case']) {
      expect(exchange?.sent[loose]).toBeUndefined();
    }
    expect(exchange?.echoedRequestId).toBe('case-2024-117.lookup-1');
  });

  it('gives a request without a usable id a new one, the same at the gateway and the subgraph', async () => {
    const read = await graphql(
      READ_ENCOUNTER,
      { id: 'TE-GW-1' },
      { ...officer, 'x-request-id': 'not ok' },
    );
    expect(read.requestId).toMatch(UUID);
    const exchange = travelExchanges().find((e) => e.sent['x-request-id'] === read.requestId);
    expect(exchange?.echoedRequestId).toBe(read.requestId);
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

  describe('refuses, with a typed error, no data and no subgraph call', () => {
    let sent = 0;
    /**
     * Sends `body` and checks that nothing reached a subgraph, no data came
     * back, and (an operation, not a malformed request) the audit log holds
     * the attempt as DENIED with the codes the client got.
     */
    const refused = async (
      body: unknown,
      headers: Record<string, string>,
      { audited = true } = {},
    ): Promise<GraphQLAnswer> => {
      const before = subgraphCalls();
      const requestId = `refused-${(sent += 1)}`;
      const answer = await postGraphQL(`${gatewayUrl}/graphql`, body, {
        ...headers,
        'x-request-id': requestId,
      });
      expect(subgraphCalls()).toBe(before);
      expect(answer.data ?? null).toBeNull();
      expect(JSON.stringify(answer)).not.toContain('de Vries');
      if (audited) {
        const entries = (await gateway
          .get<DataSource>(SERVICE_DATA_SOURCE)
          .query('SELECT outcome, error_codes FROM audit_entry WHERE request_id = $1', [
            requestId,
          ])) as { outcome: string; error_codes: string[] }[];
        expect(entries).toEqual([
          { outcome: 'DENIED', error_codes: [...new Set(errorCodes(answer))] },
        ]);
      }
      return answer;
    };
    const read = { query: READ_ENCOUNTER, variables: { id: 'TE-GW-1' } };
    const purposeAndCase = { 'x-mosaic-purpose': 'CASE_INVESTIGATION', 'x-mosaic-case': E2E_CASE };

    it('a request without a token: UNAUTHENTICATED (401)', async () => {
      const answer = await refused(read, purposeAndCase);
      expect(answer.status).toBe(401);
      expect(errorCodes(answer)).toEqual(['UNAUTHENTICATED']);
      expect(answer.errors?.[0]?.message).toMatch(/no Authorization header/);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="mosaic"');
    });

    it.each([
      ['an expired token', 'expired', /expired/],
      ['a token signed with another secret', 'forged', /signature/],
      ['an unsigned token (alg: none)', 'algNone', /algorithm|malformed/],
      ['a token with a role Mosaic does not know', 'unknownRole', /unknown role/],
      ['a token with no roles', 'noRoles', /no roles/],
    ] as const)('%s: UNAUTHENTICATED (401)', async (_, kind, reason) => {
      const token = (await hostileTokens())[kind];
      const answer = await refused(read, { ...purposeAndCase, authorization: `Bearer ${token}` });
      expect(answer.status).toBe(401);
      expect(errorCodes(answer)).toEqual(['UNAUTHENTICATED']);
      expect(answer.errors?.[0]?.message).toMatch(reason);
    });

    it('an Authorization header that is not a bearer token: UNAUTHENTICATED (401)', async () => {
      const answer = await refused(read, {
        ...purposeAndCase,
        authorization: 'Basic b2ZmaWNlcjpwdw==',
      });
      expect(answer.status).toBe(401);
      expect(errorCodes(answer)).toEqual(['UNAUTHENTICATED']);
    });

    it.each([
      ['no purpose', { 'x-mosaic-case': E2E_CASE }, /x-mosaic-purpose header is missing/],
      [
        'a purpose that is not one',
        { 'x-mosaic-purpose': 'CURIOSITY', 'x-mosaic-case': E2E_CASE },
        /not a purpose/,
      ],
      ['no case', { 'x-mosaic-purpose': 'CASE_INVESTIGATION' }, /x-mosaic-case header is missing/],
      [
        'a malformed case number',
        { 'x-mosaic-purpose': 'CASE_INVESTIGATION', 'x-mosaic-case': "CASE-2026-1' OR 1=1" },
        /not a case number/,
      ],
    ])('%s: PURPOSE_REQUIRED (400)', async (_, headers, reason) => {
      const token = await tokenFor('officer.jansen', ['OFFICER']);
      const answer = await refused(read, { ...headers, authorization: `Bearer ${token}` });
      expect(answer.status).toBe(400);
      expect(errorCodes(answer)).toEqual(['PURPOSE_REQUIRED']);
      expect(answer.errors?.[0]?.message).toMatch(reason);
    });

    it.each([
      ['OVERSIGHT', 'CASE_INVESTIGATION'],
      ['ANALYST', 'OVERSIGHT_AUDIT'],
      ['ANALYST', 'IDENTITY_VERIFICATION'],
      ['OFFICER', 'DATA_QUALITY'],
    ] as const)('%s declaring %s: FORBIDDEN (403)', async (role, purpose) => {
      const headers = await headersFor(`${role.toLowerCase()}.one`, [role], { purpose });
      const answer = await refused(read, headers);
      expect(answer.status).toBe(403);
      expect(errorCodes(answer)).toEqual(['FORBIDDEN']);
      expect(answer.errors?.[0]?.message).toContain(purpose);
    });

    /** The limits an answer's errors name; every error must be QUERY_TOO_COMPLEX. */
    const limits = (answer: GraphQLAnswer) => {
      expect(answer.status).toBe(400);
      expect(new Set(errorCodes(answer))).toEqual(new Set(['QUERY_TOO_COMPLEX']));
      return (answer.errors ?? []).map((e) => e.extensions?.['limit']);
    };

    it('a depth bomb (link analysis of link analysis, nine levels deep): QUERY_TOO_COMPLEX', async () => {
      const query = `{ person(id: "p") { neighbors(hops: 3) { nodes { person { neighbors(hops: 3) {
        nodes { person { neighbors(hops: 3) { nodes { person { id } } } } } } } } } } }`;
      const answer = await refused({ query }, officer);
      expect(limits(answer)).toEqual(expect.arrayContaining(['maxDepth', 'nestedLinkAnalysis']));
    });

    it('link analysis inside link analysis, even shallow: QUERY_TOO_COMPLEX', async () => {
      const query = `query Fan { person(id: "p") { neighbors(hops: 1) { nodes { person { coTravelers { truncated } } } } } }`;
      expect(limits(await refused({ query }, officer))).toEqual(['nestedLinkAnalysis']);
    });

    it('a cost bomb (five persons, their neighbours, every attribute of each): QUERY_TOO_COMPLEX', async () => {
      const query = `query CostBomb {
        p0: person(id: "0") { ...Everything }
        p1: person(id: "1") { ...Everything }
        p2: person(id: "2") { ...Everything }
        p3: person(id: "3") { ...Everything }
        p4: person(id: "4") { ...Everything }
      }
      fragment Value on AttestedValue { value support { records sources } provenance { source recordIds firstSeen lastSeen } }
      fragment Attributes on Person { attributes { names { ...Value } datesOfBirth { ...Value } sexes { ...Value }
        nationalities { ...Value } documents { ...Value } phones { ...Value } addresses { ...Value } vehicles { ...Value } } }
      fragment Everything on Person {
        ...Attributes
        neighbors(hops: 3) { nodes { hops person { ...Attributes } } edges { type evidence { fromRecord { source recordId } toRecord { source recordId } } } }
      }`;
      const answer = await refused({ query }, officer);
      expect(limits(answer)).toEqual(['maxCost']);
      expect(answer.errors?.[0]?.message).toMatch(/Cost limit of 5000 exceeded/);
    });

    it('alias batching (one lookup repeated under twelve aliases): QUERY_TOO_COMPLEX', async () => {
      const aliases = Array.from(
        { length: 12 },
        (_, i) => `e${i}: travelEncounter(id: "TE-${i}") { id }`,
      );
      const answer = await refused({ query: `{ ${aliases.join(' ')} }` }, officer);
      expect(limits(answer)).toEqual(expect.arrayContaining(['maxAliases', 'maxRootFields']));
    });

    it('aliases below the root count too: QUERY_TOO_COMPLEX', async () => {
      const aliases = Array.from({ length: 11 }, (_, i) => `f${i}: flight`);
      const query = `{ travelEncounter(id: "TE-GW-1") { ${aliases.join(' ')} } }`;
      expect(limits(await refused({ query }, officer))).toEqual(['maxAliases']);
    });

    it('six different lookups in one operation: QUERY_TOO_COMPLEX', async () => {
      const query = `{
        travelEncounter(id: "TE-GW-1") { id }
        travelEncountersByDocument(number: "NL7730211") { encounters { id } }
        seizureCase(id: "SC-1") { id }
        seizureSubject(id: "SS-1") { id }
        fingerprintEnrollment(id: "FE-1") { id }
        fingerprintEnrollmentByEnrollmentId(enrollmentId: "ENR-1") { id }
      }`;
      const answer = await refused({ query }, officer);
      expect(limits(answer)).toEqual(['maxRootFields']);
      expect(answer.errors?.[0]?.message).toMatch(/6 top-level fields, at most 5/);
    });

    it('a document of more than 1000 tokens: QUERY_TOO_COMPLEX, before it is parsed whole', async () => {
      const query = `{ travelEncounter(id: "TE-GW-1") { ${'id '.repeat(1200)} } }`;
      const answer = await refused({ query }, officer);
      expect(limits(answer)).toEqual(['maxTokens']);
    });

    it('more than ten directives (twelve): QUERY_TOO_COMPLEX', async () => {
      const fields = ['id', 'encounteredAt', 'port', 'direction', 'carrier', 'flight'];
      const query = `{ travelEncounter(id: "TE-GW-1") {
        ${fields.map((f) => `${f} @include(if: true) @skip(if: false)`).join(' ')} } }`;
      expect(limits(await refused({ query }, officer))).toEqual(['maxDirectives']);
    });

    it('a batch of operations in one HTTP request (an array body): BATCH_NOT_ALLOWED (400), audited', async () => {
      const answer = await refused([read, read], officer, { audited: false });
      expect(answer.status).toBe(400);
      expect(errorCodes(answer)).toEqual(['BATCH_NOT_ALLOWED']);
      expect(answer.errors?.[0]?.message).toMatch(/batching disabled/);
      // Apollo turns it away before any operation starts; the gateway audits it once answered.
      const audit = gateway.get<DataSource>(SERVICE_DATA_SOURCE);
      let entries: { outcome: string; error_codes: string[] }[] = [];
      for (let tries = 0; entries.length === 0 && tries < 50; tries += 1) {
        await new Promise((r) => setTimeout(r, 100));
        entries = (await audit.query(
          `SELECT outcome, error_codes FROM audit_entry WHERE request_id = $1`,
          [answer.requestId],
        )) as typeof entries;
      }
      expect(entries).toEqual([{ outcome: 'DENIED', error_codes: ['BATCH_NOT_ALLOWED'] }]);
    });

    it('introspection (off unless MOSAIC_GATEWAY_INTROSPECTION=true): GRAPHQL_VALIDATION_FAILED (400)', async () => {
      for (const query of [
        '{ __schema { types { name } } }',
        '{ __type(name: "Person") { fields { name } } }',
      ]) {
        const answer = await refused({ query }, officer);
        expect(answer.status).toBe(400);
        expect(errorCodes(answer)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
        expect(answer.errors?.[0]?.message).toMatch(/introspection is not allowed/);
      }
    });

    it('does not spell the schema out in "did you mean" hints while introspection is off', async () => {
      const answer = await refused({ query: '{ travelEncounte(id: "TE-GW-1") { id } }' }, officer);
      expect(errorCodes(answer)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(answer.errors?.[0]?.message).toBe(
        'Cannot query field "travelEncounte" on type "Query".',
      );
    });

    it(`more than ${RATE_LIMIT} operations from one user in a minute: RATE_LIMITED (429), other users unaffected`, async () => {
      const burst = await headersFor('burst.analyst', ['ANALYST']);
      for (let i = 0; i < RATE_LIMIT; i++) {
        const answer = await postGraphQL(
          `${gatewayUrl}/graphql`,
          { query: '{ __typename }' },
          burst,
        );
        expect({ i, status: answer.status }).toEqual({ i, status: 200 });
      }
      const answer = await refused(read, burst);
      expect(answer.status).toBe(429);
      expect(errorCodes(answer)).toEqual(['RATE_LIMITED']);
      const retryAfter = Number(answer.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(answer.errors?.[0]?.extensions?.['retryAfterSeconds']).toBe(retryAfter);

      const other = await graphql(READ_ENCOUNTER, { id: 'TE-GW-1' });
      expect(other.errors).toBeUndefined();
    });
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
    await proxies.fingerprint.close();

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
