import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  developmentAccessHeaders,
  developmentGatewayHeaders,
  type Purpose,
  type Role,
} from '@mosaic/access';
import type { AuthConfig, GatewayCredentialConfig } from '@mosaic/config';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  personSearchPopulation,
  readModelCounts,
  SEARCH_SUBJECTS as S,
  writeSeedPersons,
} from '@mosaic/analysis-data';
import { closeEmbeddedBus, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource } from 'typeorm';
import { AnalysisAppModule } from '../../app.module';
import { loadAnalysisConfig } from '../../config/analysis.config';

interface GraphqlResponse {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

interface SearchResult {
  hits: {
    person: { id: string };
    score: number;
    matched: { field: string; value: string; how: string }[];
  }[];
  total: number;
  totalIsLowerBound: boolean;
}

const SEARCH = `
  query ($name: String, $bornFrom: String, $bornTo: String, $nationality: String,
         $documentNumber: String, $offset: Int, $limit: Int) {
    searchPersons(name: $name, bornFrom: $bornFrom, bornTo: $bornTo, nationality: $nationality,
                  documentNumber: $documentNumber, offset: $offset, limit: $limit) {
      hits { person { id } score matched { field value how } }
      total
      totalIsLowerBound
    }
  }`;

describe('analysis subgraph: searchPersons (embedded)', () => {
  let app: INestApplication;
  let dataDir: string;
  let url: string;
  let db: DataSource;
  let counts: Record<string, number>;
  let auth: AuthConfig;
  let gateway: GatewayCredentialConfig;

  /** A call as the gateway makes it: its credential for analysis, carrying the caller. */
  const as = (
    roles: Role[],
    purpose: Purpose = 'CASE_INVESTIGATION',
    options: Partial<Parameters<typeof developmentGatewayHeaders>[1]> = {},
  ) =>
    developmentGatewayHeaders(gateway, {
      subgraph: 'analysis',
      user: 'test.user',
      roles,
      purpose,
      caseNumber: 'CASE-2026-000001',
      ...options,
    });

  /** Posts straight to analysis; without `headers`, as an analyst through the gateway. */
  const graphql = async (
    query: string,
    variables: Record<string, unknown> = {},
    headers?: Record<string, string>,
  ): Promise<GraphqlResponse> => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      // A fresh credential per call, as the gateway signs one: it is good for a minute only.
      headers: { 'content-type': 'application/json', ...(headers ?? (await as(['ANALYST']))) },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      ...((await response.json()) as Omit<GraphqlResponse, 'status'>),
    };
  };
  const search = async (variables: Record<string, unknown>) => {
    const response = await graphql(SEARCH, variables);
    return { ...response, result: response.data?.['searchPersons'] as SearchResult | undefined };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mosaic-analysis-search-'));
    const config = loadAnalysisConfig({ MOSAIC_DATA_DIR: dataDir });
    auth = config.auth as AuthConfig;
    gateway = config.gatewayCredential as GatewayCredentialConfig;
    app = await NestFactory.create(AnalysisAppModule.register(config), { logger: false });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    db = app.get<DataSource>(SERVICE_DATA_SOURCE);
    await writeSeedPersons(db, personSearchPopulation(80));
    counts = await readModelCounts(db);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await closeEmbeddedBus();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds a person by a transliterated name in another order, and explains the hit', async () => {
    const { result, errors } = await search({ name: 'al-Rashid, Muhammad', limit: 5 });
    expect(errors).toBeUndefined();
    expect(result?.hits[0]?.person).toEqual({ id: S.alRashid });
    expect(result?.hits[0]?.matched).toContainEqual({
      field: 'NAME_PHONETIC',
      value: 'Mohammed Al-Rashid',
      how: 'PHONETIC',
    });
    expect(result?.total).toBe(result?.hits.length);
    expect(result?.totalIsLowerBound).toBe(false);
  });

  it('narrows a name by birth range and nationality, and finds a document number however written', async () => {
    const narrowed = await search({
      name: 'IVANOV aleksandr',
      bornFrom: '1980-01',
      bornTo: '1980-12-31',
      nationality: 'rus',
    });
    expect(narrowed.result?.hits.map((h) => h.person.id)).toEqual([S.ivanov]);
    expect(narrowed.result?.hits[0]?.matched.map((m) => `${m.field} ${m.how}`).sort()).toEqual([
      'DATE_OF_BIRTH IN_RANGE',
      'NAME EXACT',
      'NATIONALITY EXACT',
    ]);

    const byDocument = await search({ documentNumber: 'c01-x00-t47' });
    expect(byDocument.result?.hits).toEqual([
      {
        person: { id: S.muller },
        score: expect.any(Number),
        matched: [{ field: 'DOCUMENT', value: 'PASSPORT C01X00T47 DEU', how: 'EXACT' }],
      },
    ]);
  });

  it('pages with offset and limit: disjoint pages, one total', async () => {
    const first = await search({ name: 'Petrov', limit: 15 });
    const second = await search({ name: 'Petrov', offset: 15, limit: 15 });
    const one = first.result?.hits.map((h) => h.person.id) ?? [];
    const two = second.result?.hits.map((h) => h.person.id) ?? [];
    expect(one).toHaveLength(15);
    expect(two.length).toBeGreaterThan(0);
    expect(one.filter((id) => two.includes(id))).toEqual([]);
    expect(second.result?.total).toBe(first.result?.total);
  });

  it.each([
    ["' OR 1=1 --"],
    ['Robert"); DROP TABLE analysis_record; --'],
    ['{"query":{"match_all":{}}}'],
    ['name:* OR *:*'],
    ['\u202Eznatsuk\u202C'],
  ])('answers a hostile name (%j) with no hits and no error', async (name) => {
    const { status, errors, result } = await search({ name });
    expect(status).toBe(200);
    expect(errors).toBeUndefined();
    expect(result?.hits).toEqual([]);
    expect(result?.total).toBe(0);
    expect(await readModelCounts(db)).toEqual(counts);
  });

  it.each([
    ['name', { name: '%' }],
    ['name', { name: '*' }],
    ['name', { name: 'Ivanov\u0000' }],
    ['name', { name: 'x'.repeat(5_000) }],
    ['documentNumber', { documentNumber: '\\' }],
    ['nationality', { name: 'Ivanov', nationality: "R' OR 1=1" }],
    ['bornFrom', { name: 'Ivanov', bornFrom: '1980-13' }],
    ['limit', { name: 'Ivanov', limit: 101 }],
    ['offset', { name: 'Ivanov', offset: 1_001 }],
    ['query', { nationality: 'RUS' }],
  ])(
    'refuses a bad %s with a typed BAD_USER_INPUT naming it, never a 500',
    async (field, variables) => {
      const { status, errors, data } = await search(variables);
      expect(status).toBe(200);
      expect(data?.['searchPersons'] ?? null).toBeNull();
      expect(errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      const issues = errors?.[0]?.extensions?.['issues'] as { field: string; reason: string }[];
      expect(issues.map((i) => i.field)).toContain(field);
      expect(await readModelCounts(db)).toEqual(counts);
    },
  );

  it('refuses a limit that is not a GraphQL Int as bad input, not a server error', async () => {
    const { status, errors } = await search({ name: 'Ivanov', limit: 2 ** 40 });
    expect(status).toBeLessThan(500);
    expect(errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('returns Person as a federated entity reference resolvable by id', async () => {
    const sdl = await graphql('{ _service { sdl } }');
    expect((sdl.data?.['_service'] as { sdl: string }).sdl).toMatch(
      /type Person\s+@key\(fields: "id"\)\s*\{\s*id: ID!/,
    );
    const entities = await graphql(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id } } }',
      { r: [{ __typename: 'Person', id: S.ivanov }] },
    );
    expect(entities.errors).toBeUndefined();
    expect(entities.data?.['_entities']).toEqual([{ id: S.ivanov }]);
  });

  describe('access', () => {
    it("refuses a search without analysis's gateway credential, without a case, or by OVERSIGHT and ADMIN", async () => {
      // A valid user token with its purpose and case: meant for the gateway, not for analysis.
      const user = await developmentAccessHeaders(auth, {
        user: 'test.user',
        roles: ['ANALYST'],
        purpose: 'CASE_INVESTIGATION',
        caseNumber: 'CASE-2026-000001',
      });
      const cases: Array<[Record<string, string>, Record<string, unknown>, RegExp]> = [
        [{}, { code: 'UNAUTHENTICATED' }, /no Authorization header/],
        [user, { code: 'UNAUTHENTICATED' }, /analysis subgraph answers only the gateway/],
        [
          await as(['ANALYST'], 'CASE_INVESTIGATION', { subgraph: 'identity' }),
          { code: 'UNAUTHENTICATED' },
          /for another subgraph, not analysis/,
        ],
        [
          await developmentGatewayHeaders(
            { kind: 'hs256', secret: 'an-attacker-secret-that-is-32-chars-long' },
            {
              subgraph: 'analysis',
              user: 'test.user',
              roles: ['ANALYST'],
              purpose: 'CASE_INVESTIGATION',
              caseNumber: 'CASE-2026-000001',
            },
          ),
          { code: 'UNAUTHENTICATED' },
          /signature is invalid/,
        ],
        [
          await as(['ANALYST'], 'CASE_INVESTIGATION', { caseNumber: '' }),
          { code: 'PURPOSE_REQUIRED' },
          /case/,
        ],
        [
          await as(['OVERSIGHT'], 'CASE_INVESTIGATION'),
          { code: 'FORBIDDEN' },
          /CASE_INVESTIGATION is not open to OVERSIGHT/,
        ],
        [
          await as(['OVERSIGHT'], 'OVERSIGHT_AUDIT'),
          { code: 'FORBIDDEN', field: 'Query.searchPersons' },
          /./,
        ],
        [
          await as(['ADMIN'], 'DATA_QUALITY'),
          { code: 'FORBIDDEN', field: 'Query.searchPersons' },
          /./,
        ],
      ];
      for (const [headers, extensions, message] of cases) {
        const response = await graphql(SEARCH, { name: 'Ivanov', limit: 5 }, headers);
        expect({
          extensions,
          data: response.data ?? null,
          errors: response.errors?.map((e) => ({ message: e.message, ...e.extensions })),
        }).toEqual({
          extensions,
          data: null,
          errors: [{ message: expect.stringMatching(message), ...extensions }],
        });
      }
    });

    it('reports the persons a search returned in extensions.mosaicAudit', async () => {
      const response = await graphql(SEARCH, { name: 'Ivanov', limit: 5 });
      const hits = (response.data?.['searchPersons'] as SearchResult).hits;
      expect(hits.length).toBeGreaterThan(0);
      const audit = (response as { extensions?: { mosaicAudit?: { personIds: string[] } } })
        .extensions?.mosaicAudit;
      expect(audit?.personIds.sort()).toEqual(hits.map((h) => h.person.id).sort());
    });
  });
});
