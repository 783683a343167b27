import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  developmentAccessHeaders,
  developmentGatewayHeaders,
  developmentSecret,
  mintGatewayCredential,
  type Purpose,
  type Role,
} from '@mosaic/access';
import type { AuthConfig, GatewayCredentialConfig } from '@mosaic/config';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { closeEmbeddedBus, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import { QueryCounter } from '@mosaic/persistence';
import type { DataSource } from 'typeorm';
import { TravelAppModule } from '../app.module';
import { loadTravelConfig } from '../config/travel.config';

function unitTemplate(dimensions: number, seed: number): string {
  const v = new Float32Array(dimensions);
  let sum = 0;
  for (let i = 0; i < dimensions; i++) {
    v[i] = Math.sin(seed * 7.13 + i * 0.37);
    sum += (v[i] as number) ** 2;
  }
  for (let i = 0; i < dimensions; i++) v[i] = (v[i] as number) / Math.sqrt(sum);
  return Buffer.from(v.buffer).toString('base64');
}

function encounter(recordId: string, overrides: Record<string, unknown> = {}) {
  return {
    recordId,
    encounteredAt: '2024-03-01T10:15:00Z',
    port: 'LHR',
    direction: 'ARRIVAL',
    carrier: 'MZ',
    flight: 'MZ417',
    document: { type: 'PASSPORT', number: 'KX1234567', issuingCountry: 'GBR' },
    traveler: {
      givenNames: 'Aleksandr',
      surname: 'Ivanov',
      dateOfBirth: '1980-03',
      sex: 'M',
      nationality: 'GBR',
    },
    contact: { phone: '+447700900123', address: null },
    face: {
      template: unitTemplate(512, recordId.length),
      quality: 0.81,
      capturedAt: '2024-03-01T10:15:00Z',
    },
    ...overrides,
  };
}

describe('travel subgraph (embedded)', () => {
  let app: INestApplication;
  let dataDir: string;
  let url: string;
  let dataSource: DataSource;
  let auth: AuthConfig;
  let gateway: GatewayCredentialConfig;

  /** A call as the gateway makes it: its credential for travel, carrying the caller. */
  const as = (
    roles: Role[],
    purpose: Purpose = 'CASE_INVESTIGATION',
    options: Partial<Parameters<typeof developmentGatewayHeaders>[1]> = {},
  ) =>
    developmentGatewayHeaders(gateway, {
      subgraph: 'travel',
      user: 'test.user',
      roles,
      purpose,
      caseNumber: 'CASE-2026-000001',
      ...options,
    });

  /** Posts straight to travel; without `headers`, as an officer through the gateway. */
  const graphql = async (
    query: string,
    variables: Record<string, unknown> = {},
    headers?: Record<string, string>,
  ) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      // A fresh credential per call, as the gateway signs one: it is good for a minute only.
      headers: { 'content-type': 'application/json', ...(headers ?? (await as(['OFFICER']))) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as {
      data?: Record<string, unknown>;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
  };

  const RECORD = `mutation ($input: RecordTravelEncounterInput!) {
    recordTravelEncounter(input: $input) { created encounter { id port document { number } face { modality quality } } }
  }`;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mosaic-travel-'));
    const config = loadTravelConfig({ MOSAIC_DATA_DIR: dataDir });
    auth = config.auth as AuthConfig;
    gateway = config.gatewayCredential as GatewayCredentialConfig;
    app = await NestFactory.create(TravelAppModule.register(config), { logger: false });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    dataSource = app.get<DataSource>(SERVICE_DATA_SOURCE);
  });

  afterAll(async () => {
    await app?.close();
    await closeEmbeddedBus();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records an encounter once; recording it again changes nothing and queues no new event', async () => {
    const first = await graphql(RECORD, { input: encounter('TE-A1') });
    expect(first.errors).toBeUndefined();
    expect(first.data?.['recordTravelEncounter']).toEqual({
      created: true,
      encounter: {
        id: 'TE-A1',
        port: 'LHR',
        document: { number: 'KX1234567' },
        face: { modality: 'FACE', quality: 0.81 },
      },
    });
    const again = await graphql(RECORD, { input: encounter('TE-A1', { port: 'CDG' }) });
    expect((again.data?.['recordTravelEncounter'] as { created: boolean }).created).toBe(false);
    const events = (await dataSource.query(
      "SELECT key FROM outbox WHERE key = 'TE-A1'",
    )) as unknown[];
    expect(events).toHaveLength(1);
  });

  it('rejects a bad record with every field and reason, and stores nothing', async () => {
    const bad = encounter('TE-BAD', {
      document: { type: 'PASSPORT', number: 'KX1', issuingCountry: 'XYZ' },
      traveler: {
        givenNames: 'A',
        surname: 'B',
        dateOfBirth: '1980-02-30',
        sex: 'M',
        nationality: 'GBR',
      },
      face: { template: unitTemplate(128, 1), quality: 0.5, capturedAt: '2024-03-01T10:15:00Z' },
    });
    const result = await graphql(RECORD, { input: bad });
    expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const issues = result.errors?.[0]?.extensions?.['issues'] as {
      field: string;
      reason: string;
    }[];
    expect(issues.map((i) => i.field).sort()).toEqual([
      'document.issuingCountry',
      'face.template',
      'traveler.dateOfBirth',
    ]);
    expect(issues.find((i) => i.field === 'face.template')?.reason).toMatch(/512 float32 values/);
    const stored = (await dataSource.query(
      "SELECT id FROM travel_encounter WHERE id = 'TE-BAD'",
    )) as unknown[];
    expect(stored).toHaveLength(0);
  });

  it('rejects a template that is not unit-norm', async () => {
    const v = new Float32Array(512).fill(0.1);
    const result = await graphql(RECORD, {
      input: encounter('TE-NORM', {
        face: {
          template: Buffer.from(v.buffer).toString('base64'),
          quality: 0.5,
          capturedAt: '2024-03-01T10:15:00Z',
        },
      }),
    });
    const issues = result.errors?.[0]?.extensions?.['issues'] as {
      field: string;
      reason: string;
    }[];
    expect(issues).toEqual([
      { field: 'face.template', reason: expect.stringMatching(/unit-norm/) },
    ]);
  });

  it('finds encounters by document number', async () => {
    await graphql(RECORD, { input: encounter('TE-D2', { encounteredAt: '2024-04-01T08:00:00Z' }) });
    const result = await graphql(
      '{ travelEncountersByDocument(number: "KX1234567", issuingCountry: "GBR") { encounters { id } truncated } }',
    );
    expect(result.data?.['travelEncountersByDocument']).toEqual({
      encounters: [{ id: 'TE-A1' }, { id: 'TE-D2' }],
      truncated: false,
    });
  });

  it('resolves many entity references with one SQL query (per-request DataLoader)', async () => {
    for (const id of ['TE-R1', 'TE-R2', 'TE-R3', 'TE-R4'])
      await graphql(RECORD, { input: encounter(id) });
    const counter = new QueryCounter();
    const original = dataSource.logger;
    Object.assign(dataSource, { logger: counter });
    try {
      const result = await graphql(
        `
          query ($r: [_Any!]!) {
            _entities(representations: $r) {
              ... on TravelEncounter {
                id
                flight
              }
            }
          }
        `,
        {
          r: ['TE-R1', 'TE-R2', 'TE-R3', 'TE-R4', 'TE-UNKNOWN'].map((id) => ({
            __typename: 'TravelEncounter',
            id,
          })),
        },
      );
      expect(result.data?.['_entities']).toEqual([
        { id: 'TE-R1', flight: 'MZ417' },
        { id: 'TE-R2', flight: 'MZ417' },
        { id: 'TE-R3', flight: 'MZ417' },
        { id: 'TE-R4', flight: 'MZ417' },
        null,
      ]);
    } finally {
      Object.assign(dataSource, { logger: original });
    }
    const selects = counter.statements.filter(
      (s) => /^\s*SELECT/i.test(s) && s.includes('travel_encounter'),
    );
    expect(selects).toHaveLength(1);
  });

  describe('access', () => {
    const BY_DOCUMENT =
      '{ travelEncountersByDocument(number: "KX1234567", issuingCountry: "GBR") { encounters { id traveler { surname } } truncated } }';

    /** Every refusal answers one typed error and no data. */
    const expectRefused = async (
      headers: Record<string, string>,
      code: string,
      message: RegExp,
    ) => {
      const result = await graphql(BY_DOCUMENT, {}, headers);
      expect({ headers, data: result.data ?? null, errors: result.errors }).toEqual({
        headers,
        data: null,
        errors: [
          expect.objectContaining({
            message: expect.stringMatching(message),
            extensions: { code },
          }),
        ],
      });
    };

    it("refuses a caller without the gateway's credential, and a user's own token, naming the gateway", async () => {
      const user = await developmentAccessHeaders(auth, {
        user: 'test.user',
        roles: ['OFFICER'],
        purpose: 'CASE_INVESTIGATION',
        caseNumber: 'CASE-2026-000001',
      });
      const cases: Array<[Record<string, string>, RegExp]> = [
        [{}, /no Authorization header/],
        [{ authorization: 'Basic b2ZmaWNlcjpwYXNz' }, /must be "Bearer <token>"/],
        [{ authorization: 'Bearer not.a.token' }, /malformed/],
        // A valid user token with its purpose and case, as a client sends it to the gateway.
        [
          user,
          /^the travel subgraph answers only the gateway: send the operation to the gateway's \/graphql$/,
        ],
      ];
      for (const [headers, message] of cases) {
        await expectRefused(headers, 'UNAUTHENTICATED', message);
      }
    });

    it('refuses an expired gateway credential, a forged one, and one made for another subgraph', async () => {
      const expired = await as(['OFFICER'], 'CASE_INVESTIGATION', {
        ttlSeconds: 60,
        now: new Date(Date.now() - 120_000),
      });
      const forged = await developmentGatewayHeaders(
        { kind: 'hs256', secret: 'an-attacker-secret-that-is-32-chars-long' },
        {
          subgraph: 'travel',
          user: 'test.user',
          roles: ['SUPERVISOR'],
          purpose: 'CASE_INVESTIGATION',
          caseNumber: 'CASE-2026-000001',
        },
      );
      // Whoever holds the user-token key still cannot speak as the gateway.
      const signedWithTokenKey = await mintGatewayCredential(developmentSecret(auth), {
        subgraph: 'travel',
        access: {
          user: 'test.user',
          roles: ['SUPERVISOR'],
          purpose: 'CASE_INVESTIGATION',
          caseNumber: 'CASE-2026-000001',
          expiresAt: new Date(Date.now() + 3_600_000),
        },
        requestId: 'req-forged-1',
      });
      const forSeizure = await as(['OFFICER'], 'CASE_INVESTIGATION', { subgraph: 'seizure' });
      const cases: Array<[Record<string, string>, RegExp]> = [
        [expired, /^the gateway credential has expired$/],
        [forged, /^the gateway credential signature is invalid$/],
        [{ authorization: `Bearer ${signedWithTokenKey}` }, /signature is invalid/],
        [forSeizure, /^the gateway credential is for another subgraph, not travel$/],
        [await as(['OFFICER'], 'CASE_INVESTIGATION', { requestId: '' }), /no request id/],
      ];
      for (const [headers, message] of cases) {
        await expectRefused(headers, 'UNAUTHENTICATED', message);
      }
    });

    it('refuses a credential without a valid purpose or case, and a purpose the roles may not use', async () => {
      const cases: Array<[Record<string, string>, string, RegExp]> = [
        [await as(['OFFICER'], '' as Purpose), 'PURPOSE_REQUIRED', /purpose.*missing/],
        [await as(['OFFICER'], 'CURIOSITY' as Purpose), 'PURPOSE_REQUIRED', /not a purpose/],
        [
          await as(['OFFICER'], 'CASE_INVESTIGATION', { caseNumber: '' }),
          'PURPOSE_REQUIRED',
          /case.*missing/,
        ],
        [
          await as(['OFFICER'], 'CASE_INVESTIGATION', { caseNumber: 'anything' }),
          'PURPOSE_REQUIRED',
          /not a case number/,
        ],
        [
          await as(['OVERSIGHT'], 'CASE_INVESTIGATION'),
          'FORBIDDEN',
          /purpose CASE_INVESTIGATION is not open to OVERSIGHT/,
        ],
      ];
      for (const [headers, code, message] of cases) {
        await expectRefused(headers, code, message);
      }
    });

    it('ignores purpose and case headers: only what the credential carries counts', async () => {
      // OVERSIGHT may not borrow an investigation purpose by adding the old headers.
      const borrowed = {
        ...(await as(['OVERSIGHT'], 'OVERSIGHT_AUDIT')),
        'x-mosaic-purpose': 'CASE_INVESTIGATION',
        'x-mosaic-case': 'CASE-2026-000002',
      };
      const refused = await graphql(BY_DOCUMENT, {}, borrowed);
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors?.map((e) => e.extensions)).toEqual([
        { code: 'FORBIDDEN', field: 'Query.travelEncountersByDocument' },
      ]);
      // And a valid credential is not spoilt by stale or hostile headers beside it.
      const answered = await graphql(
        BY_DOCUMENT,
        {},
        {
          ...(await as(['OFFICER'])),
          'x-mosaic-purpose': 'NOT_A_PURPOSE',
          'x-mosaic-case': 'nothing',
        },
      );
      expect(answered.errors).toBeUndefined();
      expect(answered.data?.['travelEncountersByDocument']).toMatchObject({ truncated: false });
    });

    it('lets only OFFICER and ADMIN record encounters, and stores nothing for anyone else', async () => {
      const refused = await graphql(
        RECORD,
        { input: encounter('TE-ANALYST') },
        await as(['ANALYST']),
      );
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors?.[0]?.extensions).toEqual({
        code: 'FORBIDDEN',
        field: 'Mutation.recordTravelEncounter',
      });
      const stored = (await dataSource.query(
        "SELECT id FROM travel_encounter WHERE id = 'TE-ANALYST'",
      )) as unknown[];
      expect(stored).toHaveLength(0);

      // ADMIN records (data quality) but reads no personal data back.
      const admin = await graphql(
        'mutation ($input: RecordTravelEncounterInput!) { recordTravelEncounter(input: $input) { created encounter { id } } }',
        { input: encounter('TE-ADMIN') },
        await as(['ADMIN'], 'DATA_QUALITY'),
      );
      expect(admin.errors?.map((e) => e.extensions)).toEqual([
        { code: 'FORBIDDEN', field: 'TravelEncounter.id' },
      ]);
      const written = (await dataSource.query(
        "SELECT id FROM travel_encounter WHERE id = 'TE-ADMIN'",
      )) as unknown[];
      expect(written).toHaveLength(1);
    });

    it('keeps personal data from OVERSIGHT', async () => {
      const result = await graphql(BY_DOCUMENT, {}, await as(['OVERSIGHT'], 'OVERSIGHT_AUDIT'));
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.[0]?.extensions).toEqual({
        code: 'FORBIDDEN',
        field: 'Query.travelEncountersByDocument',
      });
    });

    it('guards the federation entry points like any field', async () => {
      const user = await developmentAccessHeaders(auth, {
        user: 'test.user',
        roles: ['OFFICER'],
        purpose: 'CASE_INVESTIGATION',
        caseNumber: 'CASE-2026-000001',
      });
      for (const headers of [{}, user]) {
        const entities = await graphql(
          'query ($r: [_Any!]!) { _entities(representations: $r) { ... on TravelEncounter { id flight } } }',
          { r: [{ __typename: 'TravelEncounter', id: 'TE-A1' }] },
          headers,
        );
        expect(entities.data ?? null).toBeNull();
        expect(entities.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
        const sdl = await graphql('{ _service { sdl } }', {}, headers);
        expect(sdl.data ?? null).toBeNull();
        expect(sdl.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      }
    });
  });
});
