import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  accessHeaders,
  developmentGatewayHeaders,
  mintToken,
  type Purpose,
  type Role,
} from '@mosaic/access';
import type { GatewayCredentialConfig } from '@mosaic/config';
import { createEnvelope, type EventBus, type EventEnvelope } from '@mosaic/event-bus';
import type { IdentityPersonEvent } from '@mosaic/identity-data';
import { recordFromEvent, type ResolutionModel } from '@mosaic/resolution';
import { closeEmbeddedBus, EVENT_BUS, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { IdentityAppModule } from '../../app.module';
import { loadIdentityConfig } from '../../config/identity.config';
import { syntheticSourceEvents } from '../../resolution/__tests__/synthetic-source-events';
import { trainTestModel } from '../../resolution/__tests__/test-model';

/** The user-token key: what a client's token is signed with (for the gateway, not for identity). */
const SECRET = 'accountability-subgraph-test-secret-0123456789';
/** The gateway's own key, which every call to the subgraph is signed with. */
const GATEWAY_SECRET = 'accountability-subgraph-gateway-key-9876543210';
const CASE = 'CASE-2026-004711';
const dataDir = mkdtempSync(join(tmpdir(), 'mosaic-identity-accountability-'));

interface GraphqlResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
  extensions?: { mosaicAudit?: { personIds: string[]; decisionIds: string[] } };
}

interface User {
  user: string;
  roles: Role[];
  purpose: Purpose;
}
const officer: User = {
  user: 'olga.officer',
  roles: ['OFFICER'],
  purpose: 'IDENTITY_VERIFICATION',
};
const reviewer: User = {
  user: 'rita.reviewer',
  roles: ['REVIEWER'],
  purpose: 'IDENTITY_VERIFICATION',
};
const supervisor: User = {
  user: 'sara.supervisor',
  roles: ['SUPERVISOR'],
  purpose: 'IDENTITY_VERIFICATION',
};
const analyst: User = { user: 'ann.analyst', roles: ['ANALYST'], purpose: 'CASE_INVESTIGATION' };
const secondSupervisor: User = {
  user: 'sam.supervisor',
  roles: ['SUPERVISOR'],
  purpose: 'DATA_QUALITY',
};

const REQUEST = `
  mutation ($input: RequestVerificationInput!) {
    requestVerification(input: $input) {
      id target decisionId records { source recordId } person { id }
      requestedBy purpose caseNumber
      verification { state confirmations required confirmedBy requestId }
    }
  }`;
const CONFIRM = `
  mutation ($input: ConfirmVerificationInput!) {
    confirmVerification(input: $input) {
      id closedAt
      verification { state confirmations required confirmedBy rejectedBy }
      reviews { reviewer decision evidence { kind reference note } purpose caseNumber }
    }
  }`;
const FILE = `
  mutation ($input: FileDisputeInput!) {
    fileDispute(input: $input) {
      id target state person { id } record { source recordId } reason filedBy purpose caseNumber
    }
  }`;
const RESOLVE = `
  mutation ($input: ResolveDisputeInput!) {
    resolveDispute(input: $input) {
      id state resolvedBy resolutionNote resolvedAt
      separatedInto { id records { source recordId } lineage { splitFrom } }
    }
  }`;
const PROFILE = `
  query ($id: ID!) {
    person(id: $id) {
      id underDispute
      records { source recordId }
      travelEncounters { id } seizureRecords { id } fingerprintEnrollments { id }
      matchEvidence { id records { source recordId } verification { state confirmations confirmedBy requestId } }
      verification { links verifiedLinks state }
      lineage { splitInto }
      disputes { id target state record { source recordId } filedBy resolvedBy separatedInto { id } }
    }
  }`;

/**
 * Two-person verification and disputes through the identity subgraph's
 * GraphQL, each call carrying the gateway's credential with the caller,
 * purpose and case, on a resolved synthetic population (embedded mode).
 */
describe('identity subgraph: two-person verification and disputes', () => {
  const model: ResolutionModel = trainTestModel({ seed: 101, persons: 1_000 });
  const source = syntheticSourceEvents({ persons: 40, seed: 29 });
  let app: INestApplication;
  let db: DataSource;
  let bus: EventBus;
  let url: string;
  let gateway: GatewayCredentialConfig;

  /** The gateway's credential for identity, carrying `as` (one per call, as the gateway signs). */
  const gatewayHeaders = (as: User, purpose: Purpose = as.purpose, caseNumber = CASE) =>
    developmentGatewayHeaders(gateway, {
      subgraph: 'identity',
      user: as.user,
      roles: as.roles,
      purpose,
      caseNumber,
    });
  const post = async <T = Record<string, unknown>>(
    headers: Record<string, string>,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphqlResponse<T>> => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlResponse<T>;
  };
  const graphql = async <T = Record<string, unknown>>(
    as: User,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphqlResponse<T>> => post<T>(await gatewayHeaders(as), query, variables);
  const codeOf = (r: GraphqlResponse) => r.errors?.[0]?.extensions?.['code'];
  const keyOf = (r: { source: string; recordId: string }) =>
    `${r.source.toLowerCase()}:${r.recordId}`;

  const personOf = async (key: string) =>
    (
      (await db.query('SELECT person_id FROM identity_record WHERE key = $1', [key])) as {
        person_id: string;
      }[]
    )[0]?.person_id;
  const recordsOf = async (personId: string) =>
    (
      (await db.query('SELECT key FROM identity_record WHERE person_id = $1 ORDER BY seq', [
        personId,
      ])) as { key: string }[]
    ).map((r) => r.key);
  const until = async (what: string, done: () => Promise<boolean>) => {
    const deadline = Date.now() + 300_000;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const resolvedCount = async () =>
    Number(
      ((await db.query('SELECT count(*) AS n FROM identity_record')) as { n: string }[])[0]?.n,
    );

  /** Persons with at least `n` records of which one is a travel or fingerprint record. */
  const personsWith = async (n: number) =>
    (
      (await db.query(
        `SELECT person_id FROM identity_record GROUP BY person_id
          HAVING count(*) >= $1 AND bool_or(source IN ('travel', 'fingerprint'))
          ORDER BY min(seq)`,
        [n],
      )) as { person_id: string }[]
    ).map((r) => r.person_id);

  beforeAll(async () => {
    const config = loadIdentityConfig({
      MOSAIC_DATA_DIR: dataDir,
      MOSAIC_AUTH_SECRET: SECRET,
      MOSAIC_GATEWAY_SECRET: GATEWAY_SECRET,
    });
    gateway = config.gatewayCredential as GatewayCredentialConfig;
    app = await NestFactory.create(
      IdentityAppModule.register(config, { modelBootstrap: () => model }),
      { logger: false, abortOnError: false },
    );
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    db = app.get<DataSource>(SERVICE_DATA_SOURCE);
    bus = app.get<EventBus>(EVENT_BUS);
    for (const [topic, envelopes] of source.byTopic) await bus.publish(topic, envelopes);
    await until(
      'identity resolved the population',
      async () => (await resolvedCount()) === source.count,
    );
  }, 900_000);

  afterAll(async () => {
    await app?.close();
    await closeEmbeddedBus();
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('makes a link actionable only after two different reviewers confirm it with non-biometric evidence', async () => {
    const [personId] = await personsWith(2);
    const before = await graphql<{
      person: { matchEvidence: { id: string; verification: { state: string } }[] };
    }>(officer, PROFILE, { id: personId });
    expect(before.errors).toBeUndefined();
    const link = before.data?.person.matchEvidence[0] as {
      id: string;
      verification: { state: string };
    };
    expect(link.verification.state).toBe('UNVERIFIED');

    const asked = await graphql<{
      requestVerification: { id: string; verification: { state: string } };
    }>(officer, REQUEST, {
      input: { target: 'LINK', decisionId: link.id, note: 'before any arrest' },
    });
    expect(asked.errors).toBeUndefined();
    expect(asked.data?.requestVerification).toMatchObject({
      target: 'LINK',
      decisionId: link.id,
      person: { id: personId },
      requestedBy: 'olga.officer',
      purpose: 'IDENTITY_VERIFICATION',
      caseNumber: CASE,
      verification: { state: 'PENDING', confirmations: 0, required: 2, confirmedBy: [] },
    });
    const requestId = asked.data?.requestVerification.id as string;
    expect(asked.extensions?.mosaicAudit?.decisionIds).toEqual(
      expect.arrayContaining([link.id, requestId]),
    );

    const confirm = (as: User, evidence: unknown[], decision = 'CONFIRM') =>
      graphql(as, CONFIRM, { input: { requestId, decision, evidence } });
    const documents = [{ kind: 'TRAVEL_DOCUMENT', reference: 'PRT passport X1234567' }];

    // An officer may ask, not confirm: refused by the role × field matrix before the resolver.
    expect(codeOf(await confirm(officer, documents))).toBe('FORBIDDEN');
    const onlyBiometric = await confirm(reviewer, [
      { kind: 'FACE_COMPARISON', reference: 'sheet 3' },
    ]);
    expect(onlyBiometric.errors?.[0]?.extensions).toMatchObject({
      code: 'EVIDENCE_REQUIRED',
      issues: [{ field: 'input.evidence' }],
    });
    expect(codeOf(await confirm(reviewer, []))).toBe('EVIDENCE_REQUIRED');

    const first = await confirm(reviewer, documents);
    expect(first.errors).toBeUndefined();
    expect(first.data?.['confirmVerification']).toMatchObject({
      closedAt: null,
      verification: { state: 'PENDING', confirmations: 1, confirmedBy: ['rita.reviewer'] },
    });
    const twice = await confirm(reviewer, [{ kind: 'CASE_FILE', reference: 'CF-77' }]);
    expect(codeOf(twice)).toBe('DUPLICATE_CONFIRMATION');
    expect(twice.extensions?.mosaicAudit?.decisionIds).toContain(requestId);

    const second = await confirm(supervisor, [
      { kind: 'INTERVIEW', reference: 'INT-2026-5', note: 'in person' },
    ]);
    expect(second.errors).toBeUndefined();
    expect(second.data?.['confirmVerification']).toMatchObject({
      closedAt: expect.any(String),
      verification: {
        state: 'VERIFIED',
        confirmations: 2,
        confirmedBy: ['rita.reviewer', 'sara.supervisor'],
        rejectedBy: [],
      },
      reviews: [
        {
          reviewer: 'rita.reviewer',
          decision: 'CONFIRM',
          evidence: [{ kind: 'TRAVEL_DOCUMENT', reference: 'PRT passport X1234567', note: null }],
        },
        {
          reviewer: 'sara.supervisor',
          decision: 'CONFIRM',
          purpose: 'IDENTITY_VERIFICATION',
          caseNumber: CASE,
        },
      ],
    });

    const after = await graphql<{
      person: { matchEvidence: { id: string; verification: unknown }[] };
    }>(analyst, PROFILE, { id: personId });
    expect(after.data?.person.matchEvidence.find((d) => d.id === link.id)?.verification).toEqual({
      state: 'VERIFIED',
      confirmations: 2,
      confirmedBy: ['rita.reviewer', 'sara.supervisor'],
      requestId,
    });
  });

  it('refuses a confirmation by whoever asked for the verification', async () => {
    const [, personId] = await personsWith(2);
    const profile = await graphql<{ person: { matchEvidence: { id: string }[] } }>(
      reviewer,
      PROFILE,
      {
        id: personId,
      },
    );
    const decisionId = profile.data?.person.matchEvidence[0]?.id;
    const asked = await graphql<{ requestVerification: { id: string } }>(reviewer, REQUEST, {
      input: { target: 'LINK', decisionId },
    });
    const self = await graphql(reviewer, CONFIRM, {
      input: {
        requestId: asked.data?.requestVerification.id,
        decision: 'CONFIRM',
        evidence: [{ kind: 'CASE_FILE', reference: 'CF-1' }],
      },
    });
    expect(codeOf(self)).toBe('SELF_CONFIRMATION');
    expect(self.data).toBeNull();
  });

  it('verifies an identification, and identify then says the candidate is verified', async () => {
    const probeKey = [...source.faceQuality]
      .filter(([key, quality]) => key.startsWith('travel:') && quality >= 0.8)
      .map(([key]) => key)
      .find((key) =>
        [...source.truth].some(
          ([other, p]) =>
            p === source.truth.get(key) && other !== key && source.faceQuality.has(other),
        ),
      ) as string;
    const probe = { source: 'TRAVEL', recordId: probeKey.slice('travel:'.length) };
    const IDENTIFY = `query ($input: IdentifyInput!) {
      identify(input: $input) { verified notice candidates { person { id status } verified verification { state requestId } } }
    }`;
    const identify = () =>
      graphql<{
        identify: {
          verified: boolean;
          notice: string;
          candidates: {
            person: { id: string; status: string };
            verified: boolean;
            verification: { state: string };
          }[];
        };
      }>(officer, IDENTIFY, { input: { ...probe, modality: 'FACE', limit: 3 } });
    const first = await identify();
    expect(first.errors).toBeUndefined();
    const candidate = first.data?.identify.candidates[0] as {
      person: { id: string; status: string };
    };
    expect(candidate.person.status).toBe('ACTIVE');

    const asked = await graphql<{ requestVerification: { id: string; records: unknown[] } }>(
      officer,
      REQUEST,
      {
        input: { target: 'IDENTIFICATION', probe, personId: candidate.person.id },
      },
    );
    expect(asked.errors).toBeUndefined();
    expect(asked.data?.requestVerification.records).toEqual([probe]);
    const requestId = asked.data?.requestVerification.id;
    expect((await identify()).data?.identify.candidates[0]?.verification).toEqual({
      state: 'PENDING',
      requestId,
    });
    for (const as of [reviewer, supervisor]) {
      const done = await graphql(as, CONFIRM, {
        input: {
          requestId,
          decision: 'CONFIRM',
          evidence: [{ kind: 'TRAVEL_HISTORY', reference: 'PNR ABC123' }],
        },
      });
      expect(done.errors).toBeUndefined();
    }
    const verified = (await identify()).data?.identify;
    expect(verified?.verified).toBe(true);
    expect(verified?.notice).toMatch(/^Verified/);
    expect(verified?.candidates[0]).toMatchObject({
      verified: true,
      verification: { state: 'VERIFIED' },
    });
    expect(verified?.candidates.slice(1).every((c) => !c.verified)).toBe(true);
  });

  it('suspends a disputed link, and an upheld dispute unmerges the record for good', async () => {
    const candidates = await personsWith(3);
    const personId = candidates[candidates.length - 1] as string;
    const keys = await recordsOf(personId);
    const disputed =
      keys.find((k) => !k.startsWith('seizure:') && k !== keys[0]) ?? (keys[1] as string);
    const [source0, recordId] = disputed.split(/:(.*)/s) as [string, string];
    const record = { source: source0.toUpperCase(), recordId };

    const filed = await graphql<{ fileDispute: { id: string } }>(analyst, FILE, {
      input: { personId, target: 'LINK', record, reason: "The fingerprints are my brother's" },
    });
    expect(filed.errors).toBeUndefined();
    expect(filed.data?.fileDispute).toMatchObject({
      target: 'LINK',
      state: 'OPEN',
      person: { id: personId },
      record,
      filedBy: 'ann.analyst',
      purpose: 'CASE_INVESTIGATION',
      caseNumber: CASE,
    });
    const disputeId = filed.data?.fileDispute.id as string;

    type Profile = {
      person: {
        underDispute: boolean;
        records: { source: string; recordId: string }[];
        travelEncounters: { id: string }[];
        fingerprintEnrollments: { id: string }[];
        matchEvidence: { records: { source: string; recordId: string }[] }[];
        disputes: { id: string; state: string; separatedInto: { id: string } | null }[];
        lineage: { splitInto: string[] };
      };
    };
    const during = (await graphql<Profile>(officer, PROFILE, { id: personId })).data?.person;
    expect(during?.underDispute).toBe(true);
    expect(during?.records.map(keyOf)).toEqual(keys.filter((k) => k !== disputed));
    expect(
      [...(during?.travelEncounters ?? []), ...(during?.fingerprintEnrollments ?? [])].map(
        (r) => r.id,
      ),
    ).not.toContain(recordId);
    expect(during?.matchEvidence.flatMap((d) => d.records.map(keyOf))).not.toContain(disputed);
    expect(during?.disputes).toEqual([expect.objectContaining({ id: disputeId, state: 'OPEN' })]);
    const byRecord = await graphql(
      officer,
      `
        query ($s: RecordSource!, $r: ID!) {
          personByRecord(source: $s, recordId: $r) {
            id
          }
        }
      `,
      {
        s: record.source,
        r: recordId,
      },
    );
    expect(byRecord.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'UNDER_DISPUTE',
    });
    const suspended = (await db.query(
      `SELECT envelope FROM outbox WHERE topic = 'identity.person.v1' AND key = $1 ORDER BY position`,
      [personId],
    )) as { envelope: EventEnvelope<IdentityPersonEvent> | string }[];
    expect(
      suspended
        .map((r) => (typeof r.envelope === 'string' ? JSON.parse(r.envelope) : r.envelope).payload)
        .filter((p: IdentityPersonEvent) => p.change === 'SUSPENDED'),
    ).toEqual([expect.objectContaining({ records: [{ source: source0, recordId }] })]);

    // Only a supervisor resolves, and not one who filed it.
    expect(
      codeOf(
        await graphql(analyst, RESOLVE, { input: { disputeId, outcome: 'UPHELD', note: 'x' } }),
      ),
    ).toBe('FORBIDDEN');
    const resolved = await graphql<{
      resolveDispute: {
        state: string;
        separatedInto: { id: string; records: unknown[]; lineage: { splitFrom: string } };
      };
    }>(secondSupervisor, RESOLVE, {
      input: { disputeId, outcome: 'UPHELD', note: 'Enrolment photo shows a different man' },
    });
    expect(resolved.errors).toBeUndefined();
    const separatedInto = resolved.data?.resolveDispute.separatedInto;
    expect(resolved.data?.resolveDispute).toMatchObject({
      state: 'UPHELD',
      resolvedBy: 'sam.supervisor',
      resolutionNote: 'Enrolment photo shows a different man',
      separatedInto: { records: [record], lineage: { splitFrom: personId } },
    });
    expect(
      codeOf(
        await graphql(supervisor, RESOLVE, {
          input: { disputeId, outcome: 'REJECTED', note: 'late' },
        }),
      ),
    ).toBe('CONFLICT');

    const after = (await graphql<Profile>(officer, PROFILE, { id: personId })).data?.person;
    expect(after?.underDispute).toBe(false);
    expect(after?.records.map(keyOf)).not.toContain(disputed);
    expect(after?.lineage.splitInto).toContain(separatedInto?.id);
    expect(after?.disputes).toEqual([
      expect.objectContaining({
        id: disputeId,
        state: 'UPHELD',
        resolvedBy: 'sam.supervisor',
        separatedInto: { id: separatedInto?.id },
      }),
    ]);
    expect(await personOf(disputed)).toBe(separatedInto?.id);

    // Re-resolving the record never joins it to the person again: its event delivered anew …
    const [topic, original] = [...source.byTopic]
      .flatMap(([t, list]) => list.map((e) => [t, e] as const))
      .find(([t, e]) => recordFromEvent(t, e.payload).key === disputed) as [string, EventEnvelope];
    const redelivered = uuidv7();
    await bus.publish(topic, [{ ...original, eventId: redelivered }]);
    // … and a twin of it (same captures, same details, another record id), whose evidence
    // ties it to the disputed record and to the person's records alike.
    const twinId = `${recordId}-TWIN`;
    await bus.publish(topic, [
      createEnvelope({
        type: original.type,
        source: original.source,
        key: twinId,
        payload: { ...(original.payload as Record<string, unknown>), recordId: twinId },
      }),
    ]);
    const twin = `${source0}:${twinId}`;
    await until(
      'the redelivered record and the twin are resolved',
      async () =>
        (await personOf(twin)) !== undefined &&
        (
          (await db.query('SELECT 1 FROM processed_event WHERE event_id = $1', [
            redelivered,
          ])) as unknown[]
        ).length === 1,
    );
    const kept = keys.find((k) => k !== disputed) as string;
    expect(await recordsOf(personId)).not.toContain(disputed);
    expect(await personOf(disputed)).not.toBe(await personOf(kept));
    const blocked = (await db.query(
      `SELECT count(*)::int AS n FROM link_decision
        WHERE blocked AND outcome = 'AUTO_LINK' AND (a_key = $1 OR b_key = $1)`,
      [twin],
    )) as { n: number }[];
    expect(blocked[0]?.n).toBeGreaterThan(0);
  });

  it('rejected, a disputed link counts again', async () => {
    const [personId] = await personsWith(3);
    const keys = await recordsOf(personId as string);
    const disputed = keys[keys.length - 1] as string;
    const [s, recordId] = disputed.split(/:(.*)/s) as [string, string];
    const filed = await graphql<{ fileDispute: { id: string } }>(officer, FILE, {
      input: {
        personId,
        target: 'LINK',
        record: { source: s.toUpperCase(), recordId },
        reason: 'not sure',
      },
    });
    const disputeId = filed.data?.fileDispute.id;
    const rejected = await graphql(supervisor, RESOLVE, {
      input: { disputeId, outcome: 'REJECTED', note: 'Travel history matches' },
    });
    expect(rejected.errors).toBeUndefined();
    const profile = (
      await graphql<{
        person: { underDispute: boolean; records: { source: string; recordId: string }[] };
      }>(analyst, PROFILE, { id: personId })
    ).data?.person;
    expect(profile?.underDispute).toBe(false);
    expect(profile?.records.map(keyOf)).toEqual(keys);
  });

  it("refuses a call without identity's gateway credential, or whose purpose or case will not do, with no data and no change", async () => {
    const profile = { id: uuidv7() };
    const [personId] = await personsWith(2);
    const fileAgainst = {
      input: {
        personId,
        target: 'LINK',
        record: { source: 'TRAVEL', recordId: 'T1' },
        reason: 'x',
      },
    };
    const disputes = async () =>
      Number(((await db.query('SELECT count(*) AS n FROM dispute')) as { n: string }[])[0]?.n);
    const before = await disputes();
    // The analyst's own token with purpose and case, as a client sends it to the gateway.
    const token = await mintToken({ user: analyst.user, roles: analyst.roles, secret: SECRET });
    const userHeaders = accessHeaders({ token, purpose: analyst.purpose, caseNumber: CASE });
    const refusals: Array<[string, Record<string, string>, string, RegExp]> = [
      ['no credential', {}, 'UNAUTHENTICATED', /no Authorization header/],
      [
        "a user's token",
        userHeaders,
        'UNAUTHENTICATED',
        /^the identity subgraph answers only the gateway: send the operation to the gateway's \/graphql$/,
      ],
      [
        'a credential without a purpose',
        await gatewayHeaders(analyst, '' as Purpose),
        'PURPOSE_REQUIRED',
        /purpose/,
      ],
      [
        'a credential without a case',
        await gatewayHeaders(analyst, analyst.purpose, ''),
        'PURPOSE_REQUIRED',
        /case/,
      ],
      [
        'a purpose the roles may not use',
        await gatewayHeaders(analyst, 'IDENTITY_VERIFICATION'),
        'FORBIDDEN',
        /IDENTITY_VERIFICATION is not open to ANALYST/,
      ],
    ];
    for (const [what, headers, code, message] of refusals) {
      for (const [query, variables] of [
        [PROFILE, profile],
        [FILE, fileAgainst],
      ] as const) {
        const body = await post(headers, query, variables);
        expect({
          what,
          // Whatever a root field's nullability, nothing came back.
          nothing: Object.values(body.data ?? {}).every((value) => value === null),
          errors: body.errors?.map((e) => ({ message: e.message, code: e.extensions?.['code'] })),
        }).toEqual({
          what,
          nothing: true,
          errors: [{ message: expect.stringMatching(message), code }],
        });
      }
    }
    expect(await disputes()).toBe(before);
  });
});
