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
import { FingerprintAppModule } from '../app.module';
import { loadFingerprintConfig } from '../config/fingerprint.config';

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

function enrollment(recordId: string, overrides: Record<string, unknown> = {}) {
  return {
    recordId,
    enrollmentId: `ENR-${recordId}`,
    enrolledAt: '2024-03-01T10:15:00Z',
    agency: 'BORDER_FORCE',
    reason: 'BORDER_ENCOUNTER',
    subject: {
      givenNames: 'Amara',
      surname: 'Okafor',
      dateOfBirth: '1991-07',
      sex: 'F',
      nationality: 'NGA',
    },
    fingers: [1, 2, 3, 5].map((position) => ({
      position,
      template: unitTemplate(256, position),
      quality: 0.5 + position / 20,
    })),
    missingFingers: [{ position: 4, reason: 'BANDAGED' }],
    face: {
      template: unitTemplate(512, recordId.length),
      quality: 0.75,
      capturedAt: '2024-03-01T10:16:00Z',
    },
    ...overrides,
  };
}

type Issue = { field: string; reason: string };

describe('fingerprint subgraph (embedded)', () => {
  let app: INestApplication;
  let dataDir: string;
  let url: string;
  let dataSource: DataSource;

  let auth: AuthConfig;
  let gateway: GatewayCredentialConfig;

  /** A call as the gateway makes it: its credential for fingerprint, carrying the caller. */
  const as = (
    roles: Role[],
    purpose: Purpose = 'IDENTITY_VERIFICATION',
    options: Partial<Parameters<typeof developmentGatewayHeaders>[1]> = {},
  ) =>
    developmentGatewayHeaders(gateway, {
      subgraph: 'fingerprint',
      user: 'test.user',
      roles,
      purpose,
      caseNumber: 'CASE-2026-000001',
      ...options,
    });

  /** Posts straight to fingerprint; without `headers`, as an officer through the gateway. */
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

  const RECORD = `mutation ($input: RecordFingerprintEnrollmentInput!) {
    recordFingerprintEnrollment(input: $input) {
      created
      enrollment {
        id enrollmentId agency reason
        subject { surname nationality }
        fingers { position quality }
        missingFingers { position reason }
        face { modality quality }
      }
    }
  }`;

  const issuesOf = (result: Awaited<ReturnType<typeof graphql>>) =>
    result.errors?.[0]?.extensions?.['issues'] as Issue[] | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mosaic-fingerprint-'));
    const config = loadFingerprintConfig({ MOSAIC_DATA_DIR: dataDir });
    auth = config.auth as AuthConfig;
    gateway = config.gatewayCredential as GatewayCredentialConfig;
    app = await NestFactory.create(FingerprintAppModule.register(config), { logger: false });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    dataSource = app.get<DataSource>(SERVICE_DATA_SOURCE);
  });

  afterAll(async () => {
    await app?.close();
    await closeEmbeddedBus();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records an enrollment once; recording it again changes nothing and queues no new event', async () => {
    const first = await graphql(RECORD, { input: enrollment('FE-A1') });
    expect(first.errors).toBeUndefined();
    expect(first.data?.['recordFingerprintEnrollment']).toEqual({
      created: true,
      enrollment: {
        id: 'FE-A1',
        enrollmentId: 'ENR-FE-A1',
        agency: 'BORDER_FORCE',
        reason: 'BORDER_ENCOUNTER',
        subject: { surname: 'Okafor', nationality: 'NGA' },
        fingers: [
          { position: 1, quality: 0.55 },
          { position: 2, quality: 0.6 },
          { position: 3, quality: 0.65 },
          { position: 5, quality: 0.75 },
        ],
        missingFingers: [{ position: 4, reason: 'BANDAGED' }],
        face: { modality: 'FACE', quality: 0.75 },
      },
    });
    const again = await graphql(RECORD, {
      input: enrollment('FE-A1', { agency: 'CUSTOMS', fingers: [] }),
    });
    expect(again.errors).toBeUndefined();
    const result = again.data?.['recordFingerprintEnrollment'] as {
      created: boolean;
      enrollment: { agency: string; fingers: unknown[] };
    };
    expect(result.created).toBe(false);
    expect(result.enrollment.agency).toBe('BORDER_FORCE');
    expect(result.enrollment.fingers).toHaveLength(4);
    const events = (await dataSource.query(
      "SELECT key FROM outbox WHERE key = 'FE-A1'",
    )) as unknown[];
    expect(events).toHaveLength(1);
  });

  it('rejects a bad enrollment with every field and reason, and stores nothing', async () => {
    const bad = enrollment('FE-BAD', {
      subject: {
        givenNames: 'A',
        surname: 'B',
        dateOfBirth: '1991-02-30',
        sex: 'F',
        nationality: 'XYZ',
      },
      fingers: [
        { position: 1, template: unitTemplate(256, 1), quality: 0.5 },
        { position: 2, template: unitTemplate(128, 2), quality: 0.5 },
        { position: 11, template: unitTemplate(256, 3), quality: 1.5 },
      ],
      missingFingers: [{ position: 1, reason: 'AMPUTATED' }],
    });
    const result = await graphql(RECORD, { input: bad });
    expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const issues = issuesOf(result) ?? [];
    expect(issues.map((i) => i.field).sort()).toEqual([
      'fingers.1.template',
      'fingers.2.position',
      'fingers.2.quality',
      'missingFingers.0.position',
      'subject.dateOfBirth',
      'subject.nationality',
    ]);
    expect(issues.find((i) => i.field === 'fingers.1.template')?.reason).toMatch(
      /256 float32 values/,
    );
    expect(issues.find((i) => i.field === 'missingFingers.0.position')?.reason).toMatch(
      /already listed at fingers\.0/,
    );
    const stored = (await dataSource.query(
      "SELECT id FROM fingerprint_enrollment WHERE id = 'FE-BAD'",
    )) as unknown[];
    expect(stored).toHaveLength(0);
  });

  it('rejects a finger template that is not unit-norm', async () => {
    const v = new Float32Array(256).fill(0.1);
    const result = await graphql(RECORD, {
      input: enrollment('FE-NORM', {
        fingers: [
          { position: 7, template: Buffer.from(v.buffer).toString('base64'), quality: 0.5 },
        ],
      }),
    });
    expect(issuesOf(result)).toEqual([
      { field: 'fingers.0.template', reason: expect.stringMatching(/unit-norm/) },
    ]);
  });

  it('refuses an enrollment id already recorded under another record id, naming it', async () => {
    await graphql(RECORD, { input: enrollment('FE-OWNER') });
    const result = await graphql(RECORD, {
      input: enrollment('FE-THIEF', { enrollmentId: 'ENR-FE-OWNER' }),
    });
    expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(issuesOf(result)).toEqual([
      { field: 'enrollmentId', reason: expect.stringMatching(/under record id FE-OWNER/) },
    ]);
    const events = (await dataSource.query(
      "SELECT key FROM outbox WHERE key = 'FE-THIEF'",
    )) as unknown[];
    expect(events).toHaveLength(0);
  });

  it('finds an enrollment by its enrollment id', async () => {
    await graphql(RECORD, { input: enrollment('FE-E2', { face: null, missingFingers: [] }) });
    const found = await graphql(
      '{ fingerprintEnrollmentByEnrollmentId(enrollmentId: "ENR-FE-E2") { id face { quality } missingFingers { position } } }',
    );
    expect(found.data?.['fingerprintEnrollmentByEnrollmentId']).toEqual({
      id: 'FE-E2',
      face: null,
      missingFingers: [],
    });
    const unknown = await graphql(
      '{ fingerprintEnrollmentByEnrollmentId(enrollmentId: "ENR-NOPE") { id } }',
    );
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.['fingerprintEnrollmentByEnrollmentId']).toBeNull();
  });

  it('exposes capture metadata only, never a template', async () => {
    const result = await graphql('{ __schema { types { name kind fields { name } } } }');
    const types = (
      result.data?.['__schema'] as {
        types: { name: string; kind: string; fields: { name: string }[] | null }[];
      }
    ).types.filter((t) => t.kind === 'OBJECT' && t.name.startsWith('Fingerprint'));
    expect(types.map((t) => t.name)).toEqual(
      expect.arrayContaining(['FingerprintFingerCapture', 'FingerprintFaceCapture']),
    );
    for (const type of types) expect(type.fields?.map((f) => f.name)).not.toContain('template');
  });

  it('resolves many entity references with one SQL query per table (per-request DataLoaders)', async () => {
    const ids = ['FE-R1', 'FE-R2', 'FE-R3', 'FE-R4'];
    for (const id of ids) await graphql(RECORD, { input: enrollment(id) });
    const counter = new QueryCounter();
    const original = dataSource.logger;
    Object.assign(dataSource, { logger: counter });
    try {
      const result = await graphql(
        `
          query ($r: [_Any!]!) {
            _entities(representations: $r) {
              ... on FingerprintEnrollment {
                id
                enrollmentId
                fingers {
                  position
                }
                missingFingers {
                  reason
                }
              }
            }
          }
        `,
        {
          r: [...ids, 'FE-UNKNOWN'].map((id) => ({ __typename: 'FingerprintEnrollment', id })),
        },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.['_entities']).toEqual([
        ...ids.map((id) => ({
          id,
          enrollmentId: `ENR-${id}`,
          fingers: [{ position: 1 }, { position: 2 }, { position: 3 }, { position: 5 }],
          missingFingers: [{ reason: 'BANDAGED' }],
        })),
        null,
      ]);
    } finally {
      Object.assign(dataSource, { logger: original });
    }
    // The outbox relay polls in the background; only this service's own tables count here.
    const selects = counter.statements.filter(
      (s) => /^\s*SELECT/i.test(s) && /\bfingerprint_/.test(s),
    );
    const from = (table: string) =>
      selects.filter((s) => new RegExp(`FROM\\s+"?${table}"?(\\s|$)`, 'i').test(s));
    expect(from('fingerprint_enrollment')).toHaveLength(1);
    expect(from('fingerprint_finger')).toHaveLength(1);
    expect(selects).toHaveLength(2);
  });

  describe('access', () => {
    const BY_ID =
      '{ fingerprintEnrollmentByEnrollmentId(enrollmentId: "ENR-FE-E2") { id subject { surname } } }';
    type Result = Awaited<ReturnType<typeof graphql>>;
    const nothing = (result: Result) =>
      Object.values(result.data ?? {}).every((value) => value === null);

    it("refuses a caller without fingerprint's gateway credential, a user's own token, or a credential without a purpose", async () => {
      const { authorization } = await as(['OFFICER']);
      const user = await developmentAccessHeaders(auth, {
        user: 'test.user',
        roles: ['OFFICER'],
        purpose: 'IDENTITY_VERIFICATION',
        caseNumber: 'CASE-2026-000001',
      });
      const cases: Array<[Record<string, string>, string, RegExp]> = [
        [{}, 'UNAUTHENTICATED', /no Authorization header/],
        [{ authorization: 'Basic b2ZmaWNlcjpwYXNz' }, 'UNAUTHENTICATED', /Bearer/],
        [{ authorization: `${authorization as string}x` }, 'UNAUTHENTICATED', /signature/],
        [user, 'UNAUTHENTICATED', /fingerprint subgraph answers only the gateway/],
        [
          await as(['OFFICER'], 'IDENTITY_VERIFICATION', { subgraph: 'identity' }),
          'UNAUTHENTICATED',
          /for another subgraph, not fingerprint/,
        ],
        [await as(['OFFICER'], '' as Purpose), 'PURPOSE_REQUIRED', /purpose.*missing/],
        [
          await as(['OFFICER'], 'IDENTITY_VERIFICATION', { caseNumber: 'case 7' }),
          'PURPOSE_REQUIRED',
          /not a case number/,
        ],
        [
          await as(['ANALYST'], 'IDENTITY_VERIFICATION'),
          'FORBIDDEN',
          /IDENTITY_VERIFICATION is not open to ANALYST/,
        ],
      ];
      for (const [headers, code, message] of cases) {
        const result = await graphql(BY_ID, {}, headers);
        expect({
          headers,
          nothing: nothing(result),
          errors: result.errors?.map((e) => ({ message: e.message, code: e.extensions?.['code'] })),
        }).toEqual({
          headers,
          nothing: true,
          errors: [{ message: expect.stringMatching(message), code }],
        });
      }
    });

    it('keeps enrollments from OVERSIGHT and ADMIN, and recording from ANALYST', async () => {
      for (const headers of [
        await as(['OVERSIGHT'], 'OVERSIGHT_AUDIT'),
        await as(['ADMIN'], 'DATA_QUALITY'),
      ]) {
        const result = await graphql(BY_ID, {}, headers);
        expect(nothing(result)).toBe(true);
        expect(result.errors?.map((e) => e.extensions)).toEqual([
          { code: 'FORBIDDEN', field: 'Query.fingerprintEnrollmentByEnrollmentId' },
        ]);
      }
      const analyst = await graphql(
        RECORD,
        { input: enrollment('FE-X1') },
        await as(['ANALYST'], 'CASE_INVESTIGATION'),
      );
      expect(nothing(analyst)).toBe(true);
      expect(analyst.errors?.map((e) => e.extensions)).toEqual([
        { code: 'FORBIDDEN', field: 'Mutation.recordFingerprintEnrollment' },
      ]);
      const stored = (await dataSource.query(
        "SELECT id FROM fingerprint_enrollment WHERE id = 'FE-X1'",
      )) as unknown[];
      expect(stored).toHaveLength(0);
    });
  });
});
