import type { Role } from '@mosaic/access';
import { hostileTokens } from '../support/gateway-harness';
import { startMosaicStack, type MosaicStack, type StackMode } from '../stack/mosaic-stack';
import { describeAuditIntegrityCases } from './audit-integrity.cases';
import { describeSideDoorCases } from './side-doors.cases';
import { auditEntryOf, CASE_NUMBER, codes, graphql, type CallOptions } from './security-client';

/**
 * The security suite (issue 8, "Bad input and attack"): every attempt is
 * refused with its typed error, leaks no data, and is in the audit log. The
 * same cases run embedded (`npm test`) and against PostgreSQL, Kafka and
 * Elasticsearch (`npm run test:infra`).
 */

const PERSONS = 60;
const SEED = 7;
const RICH = { 'population.networkRate': '0.5', 'fingerprint.participation': '0.7' };
/** Low enough for the rate-limit case to reach it; the other cases use other users. */
const RATE_LIMIT_PER_MINUTE = 30;

const PROFILE = /* GraphQL */ `
  query Profile($id: ID!) {
    person(id: $id) {
      id
      attributes {
        names {
          value
        }
      }
    }
  }
`;

const BY_RECORD = /* GraphQL */ `
  query ByRecord($source: RecordSource!, $recordId: ID!) {
    personByRecord(source: $source, recordId: $recordId) {
      id
    }
  }
`;

const HOSTILE = [
  "' OR 1=1 --",
  '"; DROP TABLE person; --',
  '*:* OR name:*',
  '{"$ne": null}',
  '\u202Eevil\u200B',
  '\u0000\u0007control',
  'x'.repeat(5_000),
];

interface Fixture {
  /** A person with travel and seizure records. */
  personId: string;
  travelRecordId: string;
  seizureSubjectId: string;
}

export function describeSecuritySuite(mode: StackMode): void {
  describe(`security suite (${mode})`, () => {
    let stack: MosaicStack;
    let fixture: Fixture;
    const tokens: Partial<Record<string, string>> = {};

    const tokenFor = async (user: string, roles: Role[]): Promise<string> => {
      const key = `${user}|${roles.join(',')}`;
      tokens[key] ??= await stack.token(user, roles);
      return tokens[key];
    };
    const as = async (
      user: string,
      roles: Role[],
      query: string,
      options: Omit<CallOptions, 'token'> = {},
    ) => graphql(stack.gatewayUrl, query, { token: await tokenFor(user, roles), ...options });
    const audited = (requestId: string) => auditEntryOf(stack.databases.audit, requestId);

    /** A refusal: the typed code, no data, and a DENIED audit entry carrying that code. */
    const expectRefused = async (
      exchange: Awaited<ReturnType<typeof graphql>>,
      code: string,
    ): Promise<void> => {
      expect(codes(exchange)).toContain(code);
      const data = exchange.data;
      expect(data === undefined || data === null).toBe(true);
      const entry = await audited(exchange.sentRequestId);
      expect(entry.outcome).toBe('DENIED');
      expect(entry.error_codes).toContain(code);
      expect(entry.person_ids).toEqual([]);
    };

    beforeAll(async () => {
      stack = await startMosaicStack({
        mode,
        persons: PERSONS,
        seed: SEED,
        overrides: RICH,
        gatewayEnv: {
          MOSAIC_GATEWAY_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT_PER_MINUTE),
          // Each refusal on its own entry, so a case can find its own; aggregation has its unit test.
          MOSAIC_GATEWAY_REFUSAL_AUDIT_WINDOW_MS: '0',
        },
      });
      const [row] = (await stack.databases.identity.query(`
        SELECT t.person_id, t.record_id AS travel, s.record_id AS seizure
          FROM identity_record t JOIN identity_record s ON s.person_id = t.person_id
         WHERE t.source = 'travel' AND s.source = 'seizure'
         ORDER BY t.person_id LIMIT 1`)) as {
        person_id: string;
        travel: string;
        seizure: string;
      }[];
      if (!row) throw new Error('the seeded population has no person in travel and seizure');
      fixture = {
        personId: row.person_id,
        travelRecordId: row.travel,
        seizureSubjectId: row.seizure,
      };
    }, 600_000);

    afterAll(async () => {
      await stack?.close();
    }, 120_000);

    describe('authentication', () => {
      it('refuses a request without a token: UNAUTHENTICATED (401), no data, audited', async () => {
        const exchange = await graphql(stack.gatewayUrl, PROFILE, {
          token: null,
          variables: { id: fixture.personId },
        });
        expect(exchange.status).toBe(401);
        await expectRefused(exchange, 'UNAUTHENTICATED');
        expect((await audited(exchange.sentRequestId)).user).toBeNull();
      });

      it.each(['expired', 'forged', 'algNone', 'unknownRole', 'noRoles'] as const)(
        'refuses a hostile token (%s): UNAUTHENTICATED, no data, audited',
        async (kind) => {
          const token = (await hostileTokens(stack.secret))[kind];
          await expectRefused(
            await graphql(stack.gatewayUrl, PROFILE, {
              token,
              variables: { id: fixture.personId },
            }),
            'UNAUTHENTICATED',
          );
        },
      );

      it('refuses a token whose signature was kept but whose roles were edited', async () => {
        const real = await tokenFor('analyst.ann', ['ANALYST']);
        const [header, payload, signature] = real.split('.') as [string, string, string];
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
          string,
          unknown
        >;
        const edited = Buffer.from(JSON.stringify({ ...claims, roles: ['SUPERVISOR'] })).toString(
          'base64url',
        );
        await expectRefused(
          await graphql(stack.gatewayUrl, PROFILE, {
            token: `${header}.${edited}.${signature}`,
            variables: { id: fixture.personId },
          }),
          'UNAUTHENTICATED',
        );
      });

      it('refuses a malformed Authorization header', async () => {
        await expectRefused(
          await graphql(stack.gatewayUrl, PROFILE, {
            token: null,
            authorization: 'Basic YWRtaW46YWRtaW4=',
            variables: { id: fixture.personId },
          }),
          'UNAUTHENTICATED',
        );
      });

      it('a subgraph called directly, without the gateway, gives no data without a token', async () => {
        const response = await fetch(stack.subgraphUrls.identity, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: PROFILE,
            variables: { id: fixture.personId },
          }),
        });
        const body = (await response.json()) as {
          data?: { person: unknown } | null;
          errors?: { extensions?: { code?: string } }[];
        };
        expect(body.data?.person ?? null).toBeNull();
        expect(body.errors?.map((e) => e.extensions?.code)).toContain('UNAUTHENTICATED');
      });
    });

    describe('purpose binding', () => {
      const cases: [string, Partial<CallOptions>, string][] = [
        ['no purpose', { purpose: null }, 'PURPOSE_REQUIRED'],
        ['an unknown purpose', { purpose: 'CURIOSITY' }, 'PURPOSE_REQUIRED'],
        ['no case number', { caseNumber: null }, 'PURPOSE_REQUIRED'],
        ['a malformed case number', { caseNumber: "42' OR '1'='1" }, 'PURPOSE_REQUIRED'],
        ['a purpose the role may not use', { purpose: 'OVERSIGHT_AUDIT' }, 'FORBIDDEN'],
      ];
      it.each(cases)('refuses %s before any resolver runs', async (_label, options, code) => {
        const exchange = await as('analyst.ann', ['ANALYST'], PROFILE, {
          ...options,
          variables: { id: fixture.personId },
        });
        await expectRefused(exchange, code);
      });

      it('records who, why and for which case with every answered request', async () => {
        const exchange = await as('officer.olu', ['OFFICER'], BY_RECORD, {
          purpose: 'IDENTITY_VERIFICATION',
          variables: { source: 'TRAVEL', recordId: fixture.travelRecordId },
          operationName: 'ByRecord',
        });
        expect(exchange.errors).toBeUndefined();
        const entry = await audited(exchange.sentRequestId);
        expect(entry).toMatchObject({
          user: 'officer.olu',
          purpose: 'IDENTITY_VERIFICATION',
          case_number: CASE_NUMBER,
          operation_name: 'ByRecord',
          outcome: 'OK',
        });
        expect(entry.person_ids).toEqual([fixture.personId]);
      });
    });

    describe('field-level access', () => {
      const NARRATIVE = /* GraphQL */ `
        query Narrative($id: ID!) {
          seizureSubject(id: $id) {
            id
            role
            case {
              caseNumber
              narrative
            }
          }
        }
      `;

      it('hides a seizure narrative from an officer (FORBIDDEN on that field), the rest answers', async () => {
        const exchange = await as('officer.olu', ['OFFICER'], NARRATIVE, {
          variables: { id: fixture.seizureSubjectId },
        });
        const errors = exchange.errors ?? [];
        expect(errors.map((e) => e.extensions?.['code'])).toEqual(['FORBIDDEN']);
        expect(errors[0]?.path).toEqual(['seizureSubject', 'case', 'narrative']);
        const subject = exchange.data?.['seizureSubject'] as {
          id: string;
          case: { caseNumber: string; narrative: string | null };
        };
        expect(subject.id).toBe(fixture.seizureSubjectId);
        expect(subject.case.narrative).toBeNull();
        expect(JSON.stringify({ data: exchange.data, errors: exchange.errors })).not.toMatch(
          /narrative":"/,
        );
        expect((await audited(exchange.sentRequestId)).outcome).toBe('PARTIAL');
      });

      it('shows the narrative to a supervisor', async () => {
        const exchange = await as('supervisor.sam', ['SUPERVISOR'], NARRATIVE, {
          variables: { id: fixture.seizureSubjectId },
        });
        expect(exchange.errors).toBeUndefined();
        const subject = exchange.data?.['seizureSubject'] as { case: { narrative: string } };
        expect(subject.case.narrative.length).toBeGreaterThan(0);
      });

      it.each([
        ['ADMIN', 'admin.ada'],
        ['OVERSIGHT', 'oversight.otto'],
      ] as const)('gives %s no personal data', async (role, user) => {
        const exchange = await as(user, [role], PROFILE, {
          purpose: role === 'OVERSIGHT' ? 'OVERSIGHT_AUDIT' : 'DATA_QUALITY',
          variables: { id: fixture.personId },
        });
        expect(codes(exchange)).toContain('FORBIDDEN');
        expect(exchange.data?.['person'] ?? null).toBeNull();
        expect((await audited(exchange.sentRequestId)).person_ids).toEqual([]);
      });

      it('raw templates are not in the graph at all', async () => {
        const exchange = await as(
          'supervisor.sam',
          ['SUPERVISOR'],
          /* GraphQL */ `
            query {
              seizureSubject(id: "x") {
                face {
                  template
                }
              }
            }
          `,
        );
        expect(codes(exchange)).toContain('GRAPHQL_VALIDATION_FAILED');
        expect(exchange.data ?? null).toBeNull();
        expect((await audited(exchange.sentRequestId)).outcome).not.toBe('OK');
      });

      const NEIGHBOURS = /* GraphQL */ `
        query Neighbours($id: ID!, $hops: Int!) {
          person(id: $id) {
            id
            neighbors(hops: $hops) {
              nodes {
                person {
                  id
                }
              }
            }
          }
        }
      `;

      it('allows one hop of link analysis for identity verification, not two', async () => {
        const oneHop = await as('supervisor.sam', ['SUPERVISOR'], NEIGHBOURS, {
          purpose: 'IDENTITY_VERIFICATION',
          variables: { id: fixture.personId, hops: 1 },
        });
        expect(oneHop.errors).toBeUndefined();
        const twoHops = await as('supervisor.sam', ['SUPERVISOR'], NEIGHBOURS, {
          purpose: 'IDENTITY_VERIFICATION',
          variables: { id: fixture.personId, hops: 2 },
        });
        expect(codes(twoHops)).toContain('FORBIDDEN');
        const person = twoHops.data?.['person'] as { neighbors: unknown } | null;
        expect(person?.neighbors ?? null).toBeNull();
      });

      it('allows two hops for a case investigation', async () => {
        const exchange = await as('analyst.ann', ['ANALYST'], NEIGHBOURS, {
          purpose: 'CASE_INVESTIGATION',
          variables: { id: fixture.personId, hops: 2 },
        });
        expect(exchange.errors).toBeUndefined();
      });

      it('keeps the audit log from everyone but oversight', async () => {
        const exchange = await as(
          'supervisor.sam',
          ['SUPERVISOR'],
          /* GraphQL */ `
            query {
              auditEntries(limit: 5) {
                entries {
                  user
                }
              }
            }
          `,
        );
        expect(codes(exchange)).toContain('FORBIDDEN');
        expect(exchange.data?.['auditEntries'] ?? null).toBeNull();
      });
    });

    describe('anti-dragnet limits', () => {
      it('refuses a depth bomb', async () => {
        let selection = 'id';
        for (let i = 0; i < 12; i += 1) {
          selection = `neighbors(hops: 1) { nodes { person { ${selection} } } }`;
        }
        const exchange = await as(
          'analyst.ann',
          ['ANALYST'],
          `query { person(id: "${fixture.personId}") { ${selection} } }`,
        );
        await expectRefused(exchange, 'QUERY_TOO_COMPLEX');
      });

      it('refuses alias batching (one lookup a hundred times)', async () => {
        const aliases = Array.from(
          { length: 100 },
          (_, i) => `p${i}: person(id: "${fixture.personId}") { id }`,
        ).join('\n');
        await expectRefused(
          await as('analyst.ann', ['ANALYST'], `query { ${aliases} }`),
          'QUERY_TOO_COMPLEX',
        );
      });

      it('refuses a cost bomb of wide lists inside lists', async () => {
        // Within the alias and root-field limits, yet every attested value with its provenance of
        // four subjects and all their neighbours: the estimated cost, not any one limit, refuses it.
        const values = [
          'names',
          'datesOfBirth',
          'sexes',
          'nationalities',
          'documents',
          'phones',
          'addresses',
          'vehicles',
        ]
          .map(
            (kind) =>
              `${kind} { value support { records sources } provenance { source recordIds firstSeen lastSeen } }`,
          )
          .join(' ');
        const everything = `attributes { ${values} } records { source recordId observedAt }
          neighbors(hops: 1) { nodes { person { attributes { ${values} } } } }`;
        const query = `query { ${[0, 1, 2, 3]
          .map((i) => `p${i}: person(id: "${fixture.personId}") { ${everything} }`)
          .join(' ')} }`;
        await expectRefused(await as('analyst.ann', ['ANALYST'], query), 'QUERY_TOO_COMPLEX');
      });

      it('refuses an array of operations in one HTTP request', async () => {
        const token = await tokenFor('analyst.ann', ['ANALYST']);
        const response = await fetch(stack.gatewayUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'x-mosaic-purpose': 'CASE_INVESTIGATION',
            'x-mosaic-case': CASE_NUMBER,
          },
          body: JSON.stringify(
            Array.from({ length: 10 }, () => ({
              query: PROFILE,
              variables: { id: fixture.personId },
            })),
          ),
        });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(await response.text()).not.toContain(fixture.personId);
      });

      it('refuses introspection outside development', async () => {
        const exchange = await as('analyst.ann', ['ANALYST'], '{ __schema { types { name } } }');
        expect(codes(exchange)).toContain('GRAPHQL_VALIDATION_FAILED');
        expect(exchange.data ?? null).toBeNull();
      });

      it('stops one user who guesses person ids: NOT_FOUND for each guess, then RATE_LIMITED', async () => {
        const seen: string[] = [];
        for (let i = 0; i < RATE_LIMIT_PER_MINUTE + 5; i += 1) {
          const guess = `0190${i.toString(16).padStart(4, '0')}-0000-7000-8000-000000000000`;
          const exchange = await as('analyst.guesser', ['ANALYST'], PROFILE, {
            variables: { id: guess },
          });
          seen.push(...codes(exchange));
          if (codes(exchange).includes('RATE_LIMITED')) {
            expect(exchange.status).toBe(429);
            await expectRefused(exchange, 'RATE_LIMITED');
            break;
          }
          expect(exchange.data?.['person'] ?? null).toBeNull();
        }
        expect(seen).toContain('RATE_LIMITED');
        expect(seen.filter((c) => c === 'RATE_LIMITED')).toHaveLength(1);
        // Another user is not held back by the guesser.
        const other = await as('analyst.ann', ['ANALYST'], PROFILE, {
          variables: { id: fixture.personId },
        });
        expect(other.errors).toBeUndefined();
      });

      it('never lists people without a subject: a search needs a name or a document', async () => {
        const exchange = await as(
          'analyst.ann',
          ['ANALYST'],
          /* GraphQL */ `
            query {
              searchPersons(nationality: "NLD") {
                hits {
                  person {
                    id
                  }
                }
              }
            }
          `,
        );
        expect(codes(exchange)).toContain('BAD_USER_INPUT');
        expect(exchange.data?.['searchPersons'] ?? null).toBeNull();
      });
    });

    describe('hostile strings in every text input', () => {
      it.each(HOSTILE.map((s) => [JSON.stringify(s).slice(0, 40), s]))(
        'search by name %s: no error beyond BAD_USER_INPUT, no hits outside the data',
        async (_label, hostile) => {
          const exchange = await as(
            'analyst.ann',
            ['ANALYST'],
            /* GraphQL */ `
              query Search($name: String) {
                searchPersons(name: $name) {
                  total
                }
              }
            `,
            { variables: { name: hostile } },
          );
          for (const code of codes(exchange)) expect(code).toBe('BAD_USER_INPUT');
          expect(exchange.status).toBeLessThan(500);
          const entry = await audited(exchange.sentRequestId);
          expect(entry.outcome === 'OK' || entry.outcome === 'FAILED').toBe(true);
        },
      );

      it('a hostile record id is bad input, not a query', async () => {
        for (const hostile of HOSTILE) {
          const exchange = await as('analyst.ann', ['ANALYST'], BY_RECORD, {
            variables: { source: 'TRAVEL', recordId: hostile },
          });
          expect(codes(exchange).every((c) => c === 'BAD_USER_INPUT' || c === 'NOT_FOUND')).toBe(
            true,
          );
          expect(exchange.data?.['personByRecord'] ?? null).toBeNull();
        }
      });

      it('a hostile case number or purpose header is refused, and logged as sent (bounded)', async () => {
        for (const hostile of [
          'CASE-2026-1\r\nX-Injected: 1',
          'CASE-2026-1; DROP TABLE audit_entry',
        ]) {
          const exchange = await as('analyst.ann', ['ANALYST'], PROFILE, {
            caseNumber: hostile.replace(/[\r\n]/g, ' '),
            variables: { id: fixture.personId },
          });
          await expectRefused(exchange, 'PURPOSE_REQUIRED');
        }
      });
    });

    describe('two-person verification', () => {
      const EVIDENCE = [
        { kind: 'TRAVEL_DOCUMENT', reference: 'Passport NLD X1234567, seen at the desk' },
      ];
      const REQUEST = /* GraphQL */ `
        mutation Request($input: RequestVerificationInput!) {
          requestVerification(input: $input) {
            id
            requestedBy
            verification {
              state
              confirmations
              required
            }
          }
        }
      `;
      const CONFIRM = /* GraphQL */ `
        mutation Confirm($input: ConfirmVerificationInput!) {
          confirmVerification(input: $input) {
            id
            verification {
              state
              confirmations
              confirmedBy
            }
          }
        }
      `;
      let decisionId: string;
      let requestId: string;

      const confirm = (user: string, role: Role, evidence: unknown[], id = requestId) =>
        as(user, [role], CONFIRM, {
          variables: { input: { requestId: id, decision: 'CONFIRM', evidence } },
          operationName: 'Confirm',
        });

      beforeAll(async () => {
        const exchange = await as(
          'reviewer.rui',
          ['REVIEWER'],
          /* GraphQL */ `
            query Links($id: ID!) {
              person(id: $id) {
                matchEvidence {
                  id
                  verification {
                    state
                  }
                }
              }
            }
          `,
          { variables: { id: fixture.personId } },
        );
        const links = (exchange.data?.['person'] as { matchEvidence: { id: string }[] })
          .matchEvidence;
        if (links.length === 0) throw new Error('the fixture person has no link to verify');
        decisionId = (links[0] as { id: string }).id;
        const requested = await as('reviewer.rui', ['REVIEWER'], REQUEST, {
          variables: { input: { target: 'LINK', decisionId, note: 'before an arrest' } },
        });
        expect(requested.errors).toBeUndefined();
        const request = requested.data?.['requestVerification'] as {
          id: string;
          requestedBy: string;
          verification: { state: string; required: number };
        };
        expect(request).toMatchObject({
          requestedBy: 'reviewer.rui',
          verification: { state: 'PENDING', required: 2 },
        });
        requestId = request.id;
      });

      it('refuses the requester confirming their own request (SELF_CONFIRMATION), audited', async () => {
        const exchange = await confirm('reviewer.rui', 'REVIEWER', EVIDENCE);
        expect(codes(exchange)).toEqual(['SELF_CONFIRMATION']);
        const entry = await audited(exchange.sentRequestId);
        expect(entry.outcome).toBe('FAILED');
        expect(entry.error_codes).toEqual(['SELF_CONFIRMATION']);
        // The request the attempt acted on is named, refused or not.
        expect(entry.decision_ids).toContain(requestId);
      });

      it('refuses an officer confirming (FORBIDDEN: reviewers and supervisors only)', async () => {
        const exchange = await confirm('officer.olu', 'OFFICER', EVIDENCE);
        expect(codes(exchange)).toContain('FORBIDDEN');
        expect(exchange.data?.['confirmVerification'] ?? null).toBeNull();
      });

      it.each([
        ['no evidence', []],
        ['only biometric evidence', [{ kind: 'FACE_COMPARISON', reference: 'score 0.97' }]],
      ])('refuses a confirmation citing %s (EVIDENCE_REQUIRED)', async (_label, evidence) => {
        const exchange = await confirm('reviewer.vera', 'REVIEWER', evidence);
        expect(codes(exchange)).toEqual(['EVIDENCE_REQUIRED']);
      });

      it('refuses a hostile evidence reference as bad input', async () => {
        const exchange = await confirm('reviewer.vera', 'REVIEWER', [
          { kind: 'CASE_FILE', reference: 'file 7\u202E\u0000; DROP TABLE verification_review' },
        ]);
        expect(codes(exchange)).toEqual(['BAD_USER_INPUT']);
      });

      it('counts one confirmation once: the same reviewer again is DUPLICATE_CONFIRMATION', async () => {
        const first = await confirm('reviewer.vera', 'REVIEWER', EVIDENCE);
        expect(first.errors).toBeUndefined();
        expect(first.data?.['confirmVerification']).toMatchObject({
          verification: { state: 'PENDING', confirmations: 1, confirmedBy: ['reviewer.vera'] },
        });
        const again = await confirm('reviewer.vera', 'REVIEWER', EVIDENCE);
        expect(codes(again)).toEqual(['DUPLICATE_CONFIRMATION']);
      });

      it('makes the link actionable after a second, different person confirms, and the profile says so', async () => {
        const second = await confirm('supervisor.sam', 'SUPERVISOR', [
          { kind: 'TRAVEL_HISTORY', reference: 'Entries 2024-2026 match the itinerary' },
        ]);
        expect(second.errors).toBeUndefined();
        expect(second.data?.['confirmVerification']).toMatchObject({
          verification: {
            state: 'VERIFIED',
            confirmations: 2,
            confirmedBy: ['reviewer.vera', 'supervisor.sam'],
          },
        });
        expect((await audited(second.sentRequestId)).decision_ids).toContain(decisionId);
        const profile = await as(
          'officer.olu',
          ['OFFICER'],
          /* GraphQL */ `
            query Evidence($id: ID!) {
              person(id: $id) {
                matchEvidence {
                  id
                  verification {
                    state
                    confirmedBy
                  }
                }
              }
            }
          `,
          { variables: { id: fixture.personId } },
        );
        const link = (
          profile.data?.['person'] as {
            matchEvidence: { id: string; verification: { state: string; confirmedBy: string[] } }[];
          }
        ).matchEvidence.find((l) => l.id === decisionId);
        expect(link?.verification).toEqual({
          state: 'VERIFIED',
          confirmedBy: ['reviewer.vera', 'supervisor.sam'],
        });
      });
    });

    describe('disputes and redress', () => {
      const FILE = /* GraphQL */ `
        mutation File($input: FileDisputeInput!) {
          fileDispute(input: $input) {
            id
            state
            filedBy
          }
        }
      `;
      const RESOLVE = /* GraphQL */ `
        mutation Resolve($input: ResolveDisputeInput!) {
          resolveDispute(input: $input) {
            id
            state
            resolvedBy
            separatedInto {
              id
            }
          }
        }
      `;
      const PERSON = /* GraphQL */ `
        query Disputed($id: ID!) {
          person(id: $id) {
            id
            underDispute
            records {
              source
              recordId
            }
            disputes {
              id
              state
            }
          }
        }
      `;
      interface Disputed {
        id: string;
        underDispute: boolean;
        records: { source: string; recordId: string }[];
        disputes: { id: string; state: string }[];
      }
      let subject: { personId: string; source: string; recordId: string; others: string[] };

      const person = async (id: string): Promise<Disputed> => {
        const exchange = await as('analyst.ann', ['ANALYST'], PERSON, { variables: { id } });
        expect(exchange.errors).toBeUndefined();
        return exchange.data?.['person'] as Disputed;
      };
      const membershipState = async (recordId: string): Promise<string | null> => {
        const rows = (await stack.databases.analysis.query(
          `SELECT m.state FROM analysis_membership m WHERE m.record_key = $1`,
          [`${subject.source.toLowerCase()}:${recordId}`],
        )) as { state: string }[];
        return rows[0]?.state ?? null;
      };
      const eventually = async (check: () => Promise<boolean>, what: string) => {
        const deadline = Date.now() + 60_000;
        while (!(await check())) {
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
          await new Promise((r) => setTimeout(r, 200));
        }
      };

      beforeAll(async () => {
        // A person of three or more records, not the fixture the other cases read.
        const rows = (await stack.databases.identity.query(
          `SELECT person_id, array_agg(source || ':' || record_id ORDER BY key) AS keys
             FROM identity_record WHERE person_id <> $1
            GROUP BY person_id HAVING count(*) >= 3 ORDER BY person_id LIMIT 1`,
          [fixture.personId],
        )) as { person_id: string; keys: string[] }[];
        const row = rows[0];
        if (!row) throw new Error('no person with three records to dispute');
        const [first, ...others] = row.keys as [string, ...string[]];
        const at = first.indexOf(':');
        subject = {
          personId: row.person_id,
          source: first.slice(0, at).toUpperCase(),
          recordId: first.slice(at + 1),
          others,
        };
      });

      it('an open link dispute takes the record out of the profile and link analysis, and flags the person', async () => {
        const filed = await as('officer.olu', ['OFFICER'], FILE, {
          variables: {
            input: {
              personId: subject.personId,
              target: 'LINK',
              record: { source: subject.source, recordId: subject.recordId },
              reason: 'The traveller says this fingerprint enrolment is not theirs',
            },
          },
        });
        expect(filed.errors).toBeUndefined();
        const dispute = filed.data?.['fileDispute'] as { id: string; state: string };
        expect(dispute.state).toBe('OPEN');
        const profile = await person(subject.personId);
        expect(profile.underDispute).toBe(true);
        expect(profile.records.map((r) => r.recordId)).not.toContain(subject.recordId);
        await eventually(
          async () => (await membershipState(subject.recordId)) === 'SUSPENDED',
          'the analysis projection to suspend the record',
        );
        // The filer cannot decide their own dispute.
        const own = await as('officer.olu', ['OFFICER'], RESOLVE, {
          variables: { input: { disputeId: dispute.id, outcome: 'REJECTED', note: 'mine' } },
        });
        expect(codes(own)).toContain('FORBIDDEN');
        // Rejected: the link counts again, the history stays.
        const rejected = await as('supervisor.sam', ['SUPERVISOR'], RESOLVE, {
          variables: {
            input: { disputeId: dispute.id, outcome: 'REJECTED', note: 'Documents agree' },
          },
        });
        expect(rejected.errors).toBeUndefined();
        expect(rejected.data?.['resolveDispute']).toMatchObject({
          state: 'REJECTED',
          resolvedBy: 'supervisor.sam',
        });
        const restored = await person(subject.personId);
        expect(restored.underDispute).toBe(false);
        expect(restored.records.map((r) => r.recordId)).toContain(subject.recordId);
        expect(restored.disputes).toEqual([{ id: dispute.id, state: 'REJECTED' }]);
        await eventually(
          async () => (await membershipState(subject.recordId)) === 'ACTIVE',
          'the analysis projection to restore the record',
        );
      });

      it('an upheld dispute unmerges the record for good, and a supervisor cannot decide their own', async () => {
        const filed = await as('supervisor.sam', ['SUPERVISOR'], FILE, {
          variables: {
            input: {
              personId: subject.personId,
              target: 'LINK',
              record: { source: subject.source, recordId: subject.recordId },
              reason: 'Interview: a different man with a similar face',
            },
          },
        });
        const disputeId = (filed.data?.['fileDispute'] as { id: string }).id;
        const own = await as('supervisor.sam', ['SUPERVISOR'], RESOLVE, {
          variables: { input: { disputeId, outcome: 'UPHELD', note: 'mine' } },
        });
        expect(codes(own)).toEqual(['SELF_CONFIRMATION']);
        const upheld = await as('supervisor.sue', ['SUPERVISOR'], RESOLVE, {
          variables: { input: { disputeId, outcome: 'UPHELD', note: 'Different man' } },
        });
        expect(upheld.errors).toBeUndefined();
        const resolved = upheld.data?.['resolveDispute'] as {
          state: string;
          separatedInto: { id: string } | null;
        };
        expect(resolved.state).toBe('UPHELD');
        const separated = resolved.separatedInto?.id as string;
        expect(separated).not.toBe(subject.personId);
        const moved = await as('analyst.ann', ['ANALYST'], BY_RECORD, {
          variables: { source: subject.source, recordId: subject.recordId },
        });
        expect((moved.data?.['personByRecord'] as { id: string }).id).toBe(separated);
        const kept = await person(subject.personId);
        expect(kept.records.map((r) => r.recordId)).not.toContain(subject.recordId);
        expect(kept.disputes.map((d) => d.state).sort()).toEqual(['REJECTED', 'UPHELD']);
        const banned = (await stack.databases.identity.query(
          `SELECT count(*)::int AS n FROM cannot_link WHERE a_key = $1 OR b_key = $1`,
          [`${subject.source.toLowerCase()}:${subject.recordId}`],
        )) as { n: number }[];
        expect(banned[0]?.n).toBeGreaterThanOrEqual(subject.others.length);
      });
    });

    describe('the audit log', () => {
      it('lets oversight read it with OVERSIGHT_AUDIT, and audits that read', async () => {
        const exchange = await as(
          'oversight.otto',
          ['OVERSIGHT'],
          /* GraphQL */ `
            query Oversee($user: String) {
              auditEntries(filter: { user: $user }, limit: 20) {
                entries {
                  user
                  purpose
                  caseNumber
                  outcome
                  errorCodes
                }
              }
            }
          `,
          {
            purpose: 'OVERSIGHT_AUDIT',
            variables: { user: 'analyst.guesser' },
            operationName: 'Oversee',
          },
        );
        expect(exchange.errors).toBeUndefined();
        const entries = (
          exchange.data?.['auditEntries'] as { entries: { user: string; outcome: string }[] }
        ).entries;
        expect(entries.length).toBeGreaterThan(0);
        expect(entries.every((e) => e.user === 'analyst.guesser')).toBe(true);
        expect(entries.some((e) => e.outcome === 'DENIED')).toBe(true);
        const own = await audited(exchange.sentRequestId);
        expect(own).toMatchObject({ user: 'oversight.otto', operation_name: 'Oversee' });
      });

      it('publishes every entry on audit.access.v1 (through the outbox, in the same transaction)', async () => {
        const exchange = await as('analyst.ann', ['ANALYST'], PROFILE, {
          variables: { id: fixture.personId },
        });
        const { sequence } = await audited(exchange.sentRequestId);
        const audit = stack.databases.audit;
        const deadline = Date.now() + 30_000;
        for (;;) {
          const [row] = (await audit.query(
            `SELECT count(*) FILTER (WHERE published_at IS NOT NULL)::int AS published,
                    count(*)::int AS written
               FROM outbox WHERE topic = 'audit.access.v1'`,
          )) as { published: number; written: number }[];
          const entries = Number(sequence);
          if (row && row.written >= entries && row.published >= entries) break;
          if (Date.now() > deadline) {
            throw new Error(`audit events not published: ${JSON.stringify(row)} of ${entries}`);
          }
          await new Promise((r) => setTimeout(r, 200));
        }
      });

      it('names a tampered audit row, the first one altered', async () => {
        const [row] = (await stack.databases.audit.query(
          `SELECT sequence FROM audit_entry WHERE outcome = 'DENIED' ORDER BY sequence LIMIT 1`,
        )) as { sequence: string }[];
        const sequence = (row as { sequence: string }).sequence;
        // As the database owner, past the trigger: what an insider with the owner's password could do.
        await stack.databases.audit.transaction(async (manager) => {
          await manager.query(`SET LOCAL session_replication_role = replica`);
          await manager.query(`UPDATE audit_entry SET outcome = 'OK' WHERE sequence = $1`, [
            sequence,
          ]);
        });
        const { verifyAuditChain } = await import('@mosaic/audit-data');
        const verification = await verifyAuditChain(stack.databases.audit);
        expect(verification).toMatchObject({ ok: false, problem: { kind: 'ALTERED' } });
        expect(String((verification as { problem: { sequence: unknown } }).problem.sequence)).toBe(
          String(sequence),
        );
        const exchange = await as(
          'oversight.otto',
          ['OVERSIGHT'],
          /* GraphQL */ `
            query {
              auditVerification {
                ok
              }
            }
          `,
          { purpose: 'OVERSIGHT_AUDIT' },
        );
        expect(exchange.data?.['auditVerification']).toEqual({ ok: false });
      });
    });
    describeSideDoorCases(() => ({
      stack,
      personId: fixture.personId,
      tokenFor,
      rateLimitPerMinute: RATE_LIMIT_PER_MINUTE,
    }));
    describeAuditIntegrityCases(() => stack, mode);
  });
}
