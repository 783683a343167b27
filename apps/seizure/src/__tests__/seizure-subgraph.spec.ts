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
import { closeEmbeddedBus, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import { QueryCounter } from '@mosaic/persistence';
import type { DataSource } from 'typeorm';
import { SeizureAppModule } from '../app.module';
import { loadSeizureConfig } from '../config/seizure.config';

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

const PASSPORT = { type: 'PASSPORT', number: 'KX1234567', issuingCountry: 'NGA' };

function subject(subjectId: string, overrides: Record<string, unknown> = {}) {
  return {
    subjectId,
    role: 'COURIER',
    givenNames: 'Amara',
    surname: 'Okafor',
    dateOfBirth: '1991-07',
    sex: 'F',
    nationality: 'NGA',
    identifiers: {
      phones: ['+2348012345678', '00234 8012 345679'],
      addresses: ['12 Harbour Road, Port Alden, NGA'],
      vehicles: ['AB12 CDE'],
      documents: [PASSPORT],
    },
    face: {
      template: unitTemplate(512, subjectId.length),
      quality: 0.75,
      capturedAt: '2024-03-01T10:16:00Z',
    },
    fingerprints: [1, 2, 6].map((position) => ({
      position,
      template: unitTemplate(256, position),
      quality: 0.5 + position / 20,
    })),
    ...overrides,
  };
}

function seizureCase(recordId: string, overrides: Record<string, unknown> = {}) {
  return {
    recordId,
    caseNumber: `SZ-2024-${recordId}`,
    agency: 'CUSTOMS',
    openedAt: '2024-03-01T10:00:00Z',
    narrative: '2 subject(s) stopped at LHR; seized 3.5 kg of narcotics.',
    events: [
      {
        eventId: `${recordId}-E1`,
        type: 'SEIZURE',
        occurredAt: '2024-03-01T10:00:00Z',
        port: 'LHR',
        location: 'LHR cargo terminal',
      },
      {
        eventId: `${recordId}-E2`,
        type: 'APPREHENSION',
        occurredAt: '2024-03-02T08:30:00Z',
        port: null,
        location: 'inland checkpoint',
      },
    ],
    subjects: [
      subject(`${recordId}-S1`),
      subject(`${recordId}-S2`, {
        role: 'DRIVER',
        givenNames: 'Jon',
        surname: null,
        face: null,
        fingerprints: null,
        identifiers: { phones: [], addresses: [], vehicles: ['AB12 CDE'], documents: [] },
      }),
    ],
    items: [
      {
        itemId: `${recordId}-I1`,
        category: 'NARCOTICS',
        description: 'narcotics concealed in luggage',
        quantity: 3.5,
        unit: 'kg',
      },
    ],
    ...overrides,
  };
}

type Issue = { field: string; reason: string };
type GraphQLResult = {
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
};

describe('seizure subgraph (embedded)', () => {
  let app: INestApplication;
  let dataDir: string;
  let url: string;
  let dataSource: DataSource;
  let auth: AuthConfig;
  let gateway: GatewayCredentialConfig;

  /** A call as the gateway makes it: its credential for seizure, carrying the caller. */
  const as = (
    roles: Role[],
    purpose: Purpose = 'CASE_INVESTIGATION',
    options: Partial<Parameters<typeof developmentGatewayHeaders>[1]> = {},
  ) =>
    developmentGatewayHeaders(gateway, {
      subgraph: 'seizure',
      user: 'test.user',
      roles,
      purpose,
      caseNumber: 'CASE-2026-000001',
      ...options,
    });

  /**
   * Posts straight to seizure; without `headers`, through the gateway as an
   * officer and supervisor, who records cases and reads them whole.
   */
  const graphql = async (
    query: string,
    variables: Record<string, unknown> = {},
    headers?: Record<string, string>,
  ): Promise<GraphQLResult> => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      // A fresh credential per call, as the gateway signs one: it is good for a minute only.
      headers: {
        'content-type': 'application/json',
        ...(headers ?? (await as(['OFFICER', 'SUPERVISOR']))),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult;
  };

  const RECORD = `mutation ($input: RecordSeizureCaseInput!) {
    recordSeizureCase(input: $input) {
      created
      case {
        id caseNumber agency openedAt narrative
        events { eventId type occurredAt port location }
        items { itemId category description quantity unit }
        subjects {
          id role givenNames surname dateOfBirth sex nationality
          identifiers { phones addresses vehicles documents { type number issuingCountry } }
          face { modality quality capturedAt }
          fingerprints { modality position quality }
        }
      }
    }
  }`;
  const record = (input: unknown) => graphql(RECORD, { input });
  const issuesOf = (result: GraphQLResult) => result.errors?.[0]?.extensions?.['issues'] as Issue[];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mosaic-seizure-'));
    const config = loadSeizureConfig({ MOSAIC_DATA_DIR: dataDir });
    auth = config.auth as AuthConfig;
    gateway = config.gatewayCredential as GatewayCredentialConfig;
    app = await NestFactory.create(SeizureAppModule.register(config), { logger: false });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    dataSource = app.get<DataSource>(SERVICE_DATA_SOURCE);
  });

  afterAll(async () => {
    await app?.close();
    await closeEmbeddedBus();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records a case with its subjects once; recording it again changes nothing and queues no new event', async () => {
    const first = await record(seizureCase('SC-A1'));
    expect(first.errors).toBeUndefined();
    expect(first.data?.['recordSeizureCase']).toEqual({
      created: true,
      case: {
        id: 'SC-A1',
        caseNumber: 'SZ-2024-SC-A1',
        agency: 'CUSTOMS',
        openedAt: '2024-03-01T10:00:00.000Z',
        narrative: '2 subject(s) stopped at LHR; seized 3.5 kg of narcotics.',
        events: [
          {
            eventId: 'SC-A1-E1',
            type: 'SEIZURE',
            occurredAt: '2024-03-01T10:00:00.000Z',
            port: 'LHR',
            location: 'LHR cargo terminal',
          },
          {
            eventId: 'SC-A1-E2',
            type: 'APPREHENSION',
            occurredAt: '2024-03-02T08:30:00.000Z',
            port: null,
            location: 'inland checkpoint',
          },
        ],
        items: [
          {
            itemId: 'SC-A1-I1',
            category: 'NARCOTICS',
            description: 'narcotics concealed in luggage',
            quantity: 3.5,
            unit: 'kg',
          },
        ],
        subjects: [
          {
            id: 'SC-A1-S1',
            role: 'COURIER',
            givenNames: 'Amara',
            surname: 'Okafor',
            dateOfBirth: '1991-07',
            sex: 'F',
            nationality: 'NGA',
            identifiers: {
              phones: ['+2348012345678', '00234 8012 345679'],
              addresses: ['12 Harbour Road, Port Alden, NGA'],
              vehicles: ['AB12 CDE'],
              documents: [PASSPORT],
            },
            face: { modality: 'FACE', quality: 0.75, capturedAt: '2024-03-01T10:16:00.000Z' },
            fingerprints: [
              { modality: 'FINGER', position: 1, quality: 0.55 },
              { modality: 'FINGER', position: 2, quality: 0.6 },
              { modality: 'FINGER', position: 6, quality: 0.8 },
            ],
          },
          {
            id: 'SC-A1-S2',
            role: 'DRIVER',
            givenNames: 'Jon',
            surname: null,
            dateOfBirth: '1991-07',
            sex: 'F',
            nationality: 'NGA',
            identifiers: { phones: [], addresses: [], vehicles: ['AB12 CDE'], documents: [] },
            face: null,
            fingerprints: null,
          },
        ],
      },
    });

    const again = await record(seizureCase('SC-A1', { narrative: 'edited' }));
    expect(again.errors).toBeUndefined();
    expect(again.data?.['recordSeizureCase']).toMatchObject({
      created: false,
      case: { narrative: '2 subject(s) stopped at LHR; seized 3.5 kg of narcotics.' },
    });
    const events = (await dataSource.query(
      "SELECT topic, key FROM outbox WHERE key LIKE 'SC-A1%' ORDER BY position",
    )) as { topic: string; key: string }[];
    expect(events).toEqual([
      { topic: 'seizure.case.v1', key: 'SC-A1' },
      { topic: 'seizure.subject.v1', key: 'SC-A1-S1' },
      { topic: 'seizure.subject.v1', key: 'SC-A1-S2' },
    ]);
  });

  it('rejects a bad case with every field and reason, and stores nothing', async () => {
    const good = subject('SC-BAD-S1');
    const bad = seizureCase('SC-BAD', {
      openedAt: '2024-03-01 10:00',
      subjects: [
        subject('SC-BAD-S1', {
          dateOfBirth: '1991-02-30',
          identifiers: { ...good.identifiers, documents: [{ ...PASSPORT, issuingCountry: 'XYZ' }] },
        }),
        subject('SC-BAD-S2', {
          fingerprints: [
            { position: 1, template: unitTemplate(256, 1), quality: 0.5 },
            { position: 2, template: unitTemplate(512, 2), quality: 0.5 },
            { position: 1, template: unitTemplate(256, 3), quality: 0.5 },
          ],
        }),
        subject('SC-BAD-S1'),
      ],
    });
    const result = await record(bad);
    expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const issues = issuesOf(result);
    expect(issues.map((i) => i.field).sort()).toEqual([
      'openedAt',
      'subjects.0.dateOfBirth',
      'subjects.0.identifiers.documents.0.issuingCountry',
      'subjects.1.fingerprints.1.template',
      'subjects.1.fingerprints.2.position',
      'subjects.2.subjectId',
    ]);
    expect(issues.find((i) => i.field === 'subjects.1.fingerprints.1.template')?.reason).toMatch(
      /256 float32 values/,
    );
    expect(issues.find((i) => i.field === 'subjects.2.subjectId')?.reason).toMatch(
      /duplicate subjectId SC-BAD-S1/,
    );

    expect(issues.find((i) => i.field === 'subjects.1.fingerprints.2.position')?.reason).toMatch(
      /duplicate position 1/,
    );
    const stored = (await dataSource.query(
      "SELECT id FROM seizure_case WHERE id = 'SC-BAD' UNION ALL SELECT id FROM seizure_subject WHERE case_id = 'SC-BAD'",
    )) as unknown[];
    expect(stored).toHaveLength(0);
  });

  it('refuses a new case that reuses another case number or subject id, naming the case it belongs to', async () => {
    await record(seizureCase('SC-C1'));
    const sameNumber = await record(seizureCase('SC-C2', { caseNumber: 'SZ-2024-SC-C1' }));
    expect(sameNumber.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(issuesOf(sameNumber)).toEqual([
      {
        field: 'caseNumber',
        reason: 'case number SZ-2024-SC-C1 is already recorded as case SC-C1',
      },
    ]);
    const sameSubject = await record(
      seizureCase('SC-C3', { subjects: [subject('SC-C3-S1'), subject('SC-C1-S2')] }),
    );
    expect(issuesOf(sameSubject)).toEqual([
      {
        field: 'subjects.1.subjectId',
        reason: 'subject id SC-C1-S2 is already recorded in case SC-C1',
      },
    ]);
    const stored = (await dataSource.query(
      "SELECT id FROM seizure_case WHERE id IN ('SC-C2', 'SC-C3')",
    )) as unknown[];
    expect(stored).toHaveLength(0);
  });

  it('finds a case by its case number and subjects by a document they carried', async () => {
    const passport = { type: 'PASSPORT', number: 'QP7654321', issuingCountry: 'GHA' };
    const carrying = (subjectId: string) =>
      subject(subjectId, {
        identifiers: { phones: [], addresses: [], vehicles: [], documents: [passport] },
      });
    await record(
      seizureCase('SC-D2', {
        openedAt: '2024-06-01T09:00:00Z',
        subjects: [carrying('SC-D2-S1')],
      }),
    );
    await record(
      seizureCase('SC-D1', {
        openedAt: '2023-01-15T09:00:00Z',
        subjects: [subject('SC-D1-S1'), carrying('SC-D1-S2')],
      }),
    );

    const byNumber = await graphql(
      '{ seizureCaseByNumber(caseNumber: "SZ-2024-SC-D1") { id subjects { id } } }',
    );
    expect(byNumber.data?.['seizureCaseByNumber']).toEqual({
      id: 'SC-D1',
      subjects: [{ id: 'SC-D1-S1' }, { id: 'SC-D1-S2' }],
    });
    const unknown = await graphql('{ seizureCaseByNumber(caseNumber: "SZ-0000-NONE") { id } }');
    expect(unknown.data?.['seizureCaseByNumber']).toBeNull();

    const byDocument = await graphql(`
      {
        seizureSubjectsByDocument(number: "QP7654321", issuingCountry: "GHA") {
          truncated
          subjects {
            id
            case {
              caseNumber
            }
          }
        }
      }
    `);
    expect(byDocument.data?.['seizureSubjectsByDocument']).toEqual({
      truncated: false,
      subjects: [
        { id: 'SC-D1-S2', case: { caseNumber: 'SZ-2024-SC-D1' } },
        { id: 'SC-D2-S1', case: { caseNumber: 'SZ-2024-SC-D2' } },
      ],
    });
    const otherCountry = await graphql(
      '{ seizureSubjectsByDocument(number: "QP7654321", issuingCountry: "NGA") { subjects { id } } }',
    );
    expect(otherCountry.data?.['seizureSubjectsByDocument']).toEqual({ subjects: [] });
    const anyCountry = await graphql(
      '{ seizureSubjectsByDocument(number: "QP7654321") { subjects { id } } }',
    );
    expect(anyCountry.data?.['seizureSubjectsByDocument']).toEqual({
      subjects: [{ id: 'SC-D1-S2' }, { id: 'SC-D2-S1' }],
    });
  });

  it('exposes capture metadata only, never a template', async () => {
    const result = await graphql(`
      {
        face: __type(name: "SeizureFaceCapture") {
          fields {
            name
          }
        }
        finger: __type(name: "SeizureFingerCapture") {
          fields {
            name
          }
        }
      }
    `);
    const names = (key: string) =>
      (result.data?.[key] as { fields: { name: string }[] }).fields.map((f) => f.name).sort();
    expect(names('face')).toEqual(['capturedAt', 'modality', 'quality']);
    expect(names('finger')).toEqual(['modality', 'position', 'quality']);
  });

  it('resolves 4 subject references and an unknown one with one SELECT on seizure_subject, and at most one per child table', async () => {
    for (const id of ['SC-R1', 'SC-R2']) await record(seizureCase(id));
    const counter = new QueryCounter();
    const original = dataSource.logger;
    Object.assign(dataSource, { logger: counter });
    try {
      const result = await graphql(
        `
          query ($r: [_Any!]!) {
            _entities(representations: $r) {
              ... on SeizureSubject {
                id
                role
                identifiers {
                  vehicles
                }
                fingerprints {
                  position
                }
                case {
                  caseNumber
                }
              }
            }
          }
        `,
        {
          r: ['SC-R1-S1', 'SC-R1-S2', 'SC-R2-S1', 'SC-R2-S2', 'SC-UNKNOWN'].map((id) => ({
            __typename: 'SeizureSubject',
            id,
          })),
        },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.['_entities']).toEqual([
        {
          id: 'SC-R1-S1',
          role: 'COURIER',
          identifiers: { vehicles: ['AB12 CDE'] },
          fingerprints: [{ position: 1 }, { position: 2 }, { position: 6 }],
          case: { caseNumber: 'SZ-2024-SC-R1' },
        },
        {
          id: 'SC-R1-S2',
          role: 'DRIVER',
          identifiers: { vehicles: ['AB12 CDE'] },
          fingerprints: null,
          case: { caseNumber: 'SZ-2024-SC-R1' },
        },
        {
          id: 'SC-R2-S1',
          role: 'COURIER',
          identifiers: { vehicles: ['AB12 CDE'] },
          fingerprints: [{ position: 1 }, { position: 2 }, { position: 6 }],
          case: { caseNumber: 'SZ-2024-SC-R2' },
        },
        {
          id: 'SC-R2-S2',
          role: 'DRIVER',
          identifiers: { vehicles: ['AB12 CDE'] },
          fingerprints: null,
          case: { caseNumber: 'SZ-2024-SC-R2' },
        },
        null,
      ]);
    } finally {
      Object.assign(dataSource, { logger: original });
    }
    expect(counter.selectsFrom('seizure_subject')).toHaveLength(1);
    expect(counter.selectsFrom('seizure_subject_identifier')).toHaveLength(1);
    expect(counter.selectsFrom('seizure_subject_finger')).toHaveLength(1);
    expect(counter.selectsFrom('seizure_case')).toHaveLength(1);
    expect(counter.statements.filter((s) => /template/i.test(s))).toEqual([]);
  });

  it('resolves case references with one SELECT per table for the whole batch', async () => {
    const counter = new QueryCounter();
    const original = dataSource.logger;
    Object.assign(dataSource, { logger: counter });
    try {
      const result = await graphql(
        `
          query ($r: [_Any!]!) {
            _entities(representations: $r) {
              ... on SeizureCase {
                id
                events {
                  type
                }
                items {
                  category
                }
                subjects {
                  id
                  identifiers {
                    vehicles
                  }
                }
              }
            }
          }
        `,
        {
          r: ['SC-R1', 'SC-UNKNOWN', 'SC-R2'].map((id) => ({ __typename: 'SeizureCase', id })),
        },
      );
      expect(result.errors).toBeUndefined();
      const entities = result.data?.['_entities'] as
        ({ id: string; subjects: { id: string }[] } | null)[] | undefined;
      expect(entities?.map((e) => e?.id ?? null)).toEqual(['SC-R1', null, 'SC-R2']);
      expect(entities?.[2]?.subjects.map((s) => s.id)).toEqual(['SC-R2-S1', 'SC-R2-S2']);
    } finally {
      Object.assign(dataSource, { logger: original });
    }
    for (const table of [
      'seizure_case',
      'seizure_event',
      'seizure_item',
      'seizure_subject',
      'seizure_subject_identifier',
    ])
      expect({ table, selects: counter.selectsFrom(table).length }).toEqual({ table, selects: 1 });
  });

  describe('access', () => {
    beforeAll(async () => {
      await record(seizureCase('SC-X1'));
    });

    /** Whatever the root fields' nullability, nothing came back. */
    const nothing = (result: GraphQLResult) =>
      Object.values(result.data ?? {}).every((value) => value === null);

    const CASE = '{ seizureCaseByNumber(caseNumber: "SZ-2024-SC-X1") { caseNumber narrative } }';

    it('keeps the narrative for SUPERVISOR: others get the rest of the case and a FORBIDDEN', async () => {
      for (const role of ['ANALYST', 'OFFICER', 'REVIEWER'] as const) {
        const result = await graphql(CASE, {}, await as([role]));
        expect({
          role,
          data: result.data,
          errors: result.errors?.map((e) => e.extensions),
        }).toEqual({
          role,
          data: { seizureCaseByNumber: { caseNumber: 'SZ-2024-SC-X1', narrative: null } },
          errors: [{ code: 'FORBIDDEN', field: 'SeizureCase.narrative' }],
        });
      }
      const supervisor = await graphql(CASE, {}, await as(['SUPERVISOR']));
      expect(supervisor.errors).toBeUndefined();
      expect(supervisor.data?.['seizureCaseByNumber']).toEqual({
        caseNumber: 'SZ-2024-SC-X1',
        narrative: '2 subject(s) stopped at LHR; seized 3.5 kg of narcotics.',
      });
    });

    it('keeps item details for SUPERVISOR', async () => {
      const result = await graphql(
        '{ seizureCaseByNumber(caseNumber: "SZ-2024-SC-X1") { caseNumber items { itemId description quantity } } }',
        {},
        await as(['ANALYST']),
      );
      expect(result.errors?.map((e) => e.extensions)).toEqual([
        { code: 'FORBIDDEN', field: 'SeizureCase.items' },
      ]);
      expect(JSON.stringify(result.data ?? null)).not.toMatch(/narcotics|SC-X1-I1/);
    });

    it("refuses a caller without seizure's gateway credential or a purpose, and a role that may not record", async () => {
      const refusals: Array<[Record<string, string>, string, RegExp]> = [
        [{}, 'UNAUTHENTICATED', /no Authorization header/],
        // A valid user token with its purpose and case: meant for the gateway, not for seizure.
        [
          await developmentAccessHeaders(auth, {
            user: 'test.user',
            roles: ['OFFICER', 'SUPERVISOR'],
            purpose: 'CASE_INVESTIGATION',
            caseNumber: 'CASE-2026-000001',
          }),
          'UNAUTHENTICATED',
          /^the seizure subgraph answers only the gateway: send the operation to the gateway's \/graphql$/,
        ],
        [
          await as(['SUPERVISOR'], 'CASE_INVESTIGATION', { subgraph: 'travel' }),
          'UNAUTHENTICATED',
          /for another subgraph, not seizure/,
        ],
        [
          await as(['SUPERVISOR'], 'CASE_INVESTIGATION', {
            ttlSeconds: 60,
            now: new Date(Date.now() - 120_000),
          }),
          'UNAUTHENTICATED',
          /has expired/,
        ],
        [await as(['SUPERVISOR'], '' as Purpose), 'PURPOSE_REQUIRED', /purpose.*missing/],
        [
          await as(['SUPERVISOR'], 'CASE_INVESTIGATION', { caseNumber: 'SZ-2024-SC-X1' }),
          'PURPOSE_REQUIRED',
          /not a case number/,
        ],
      ];
      for (const [headers, code, message] of refusals) {
        const result = await graphql(CASE, {}, headers);
        expect({
          code,
          nothing: nothing(result),
          errors: result.errors?.map((e) => ({ message: e.message, code: e.extensions?.['code'] })),
        }).toEqual({
          code,
          nothing: true,
          errors: [{ message: expect.stringMatching(message), code }],
        });
      }

      const analyst = await graphql(RECORD, { input: seizureCase('SC-X2') }, await as(['ANALYST']));
      expect(nothing(analyst)).toBe(true);
      expect(analyst.errors?.map((e) => e.extensions)).toEqual([
        { code: 'FORBIDDEN', field: 'Mutation.recordSeizureCase' },
      ]);
      const stored = (await dataSource.query(
        "SELECT id FROM seizure_case WHERE id = 'SC-X2'",
      )) as unknown[];
      expect(stored).toHaveLength(0);
    });

    it('refuses a purpose the role may not use', async () => {
      const result = await graphql(CASE, {}, await as(['OVERSIGHT'], 'OVERSIGHT_AUDIT'));
      expect(nothing(result)).toBe(true);
      expect(result.errors?.map((e) => e.extensions)).toEqual([
        { code: 'FORBIDDEN', field: 'Query.seizureCaseByNumber' },
      ]);
      // OVERSIGHT may not claim an investigation purpose to read personal data: not in the
      // credential (the subgraph checks the purpose against the roles again) …
      const claimed = await graphql(CASE, {}, await as(['OVERSIGHT'], 'CASE_INVESTIGATION'));
      expect(nothing(claimed)).toBe(true);
      expect(claimed.errors?.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN' }]);
      expect(claimed.errors?.[0]?.message).toMatch(/CASE_INVESTIGATION is not open to OVERSIGHT/);
      // … and not with a purpose header beside the credential, which the subgraph ignores.
      const borrowed = {
        ...(await as(['OVERSIGHT'], 'OVERSIGHT_AUDIT')),
        'x-mosaic-purpose': 'CASE_INVESTIGATION',
      };
      const refused = await graphql(CASE, {}, borrowed);
      expect(nothing(refused)).toBe(true);
      expect(refused.errors?.map((e) => e.extensions)).toEqual([
        { code: 'FORBIDDEN', field: 'Query.seizureCaseByNumber' },
      ]);
    });
  });
});
