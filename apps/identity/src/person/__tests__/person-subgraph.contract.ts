import {
  developmentAccessHeaders,
  developmentGatewayHeaders,
  type Purpose,
  type Role,
} from '@mosaic/access';
import type { AuthConfig, GatewayCredentialConfig } from '@mosaic/config';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { EventBus, EventEnvelope } from '@mosaic/event-bus';
import { recordFromEvent, type ResolutionModel, type ResolutionRecord } from '@mosaic/resolution';
import { EVENT_BUS, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import { isRequestRead, QueryCounter } from '@mosaic/persistence';
import type { DataSource } from 'typeorm';
import { IdentityAppModule } from '../../app.module';
import type { IdentityConfig } from '../../config/identity.config';
import { syntheticSourceEvents } from '../../resolution/__tests__/synthetic-source-events';
import { trainTestModel } from '../../resolution/__tests__/test-model';

/** How a run mode provides the identity service: its config, and what to clean up afterwards. */
export interface IdentityUnderTest {
  mode: string;
  config: () => Promise<IdentityConfig>;
  /** Prefix of this run's record ids (infra topics are shared between runs). */
  idPrefix: string;
  /** Publishes the source events (infra: to Kafka from outside the service). */
  publish?: (byTopic: Map<string, EventEnvelope[]>) => Promise<void>;
  teardown: () => Promise<void>;
}

/**
 * The identity subgraph's profile and identification behaviour, held to the same
 * expectations in embedded mode (PGlite, pgvector, in-process bus) and infra
 * mode (PostgreSQL, Elasticsearch candidate index, Kafka).
 */
export function describePersonSubgraph(mode: IdentityUnderTest): void {
  interface GraphqlResponse {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
    extensions?: { mosaicAudit?: { personIds: string[]; decisionIds: string[] } };
  }

  interface Value {
    value: string;
    support: { records: number; sources: string[]; modalities: string[] };
    provenance: { source: string; recordIds: string[]; firstSeen: string; lastSeen: string }[];
  }

  const PROFILE = `
  query ($source: RecordSource!, $recordId: ID!) {
    personByRecord(source: $source, recordId: $recordId) {
      id status
      records { source recordId captures }
      attributes {
        names { value givenNames surname support { records sources modalities } provenance { source recordIds firstSeen lastSeen } }
        datesOfBirth { value support { records sources modalities } provenance { source recordIds firstSeen lastSeen } }
        documents { value number support { records sources modalities } provenance { source recordIds firstSeen lastSeen } }
        phones { value support { records sources modalities } provenance { source recordIds firstSeen lastSeen } }
      }
      travelEncounters { id } seizureRecords { id } fingerprintEnrollments { id }
      matchEvidence {
        id records { source recordId } linkedBy outcome probability llr modelVersion thresholdVersion
        contributions { kind name weight } biometrics { modality score llr }
        verification { state confirmations required }
      }
      verification { links verifiedLinks state }
      lineage { mergedInto mergedFrom splitFrom splitInto }
    }
  }`;

  describe(`identity subgraph: profiles and identification (${mode.mode})`, () => {
    const model: ResolutionModel = trainTestModel({ seed: 101, persons: 1_000 });
    const source = syntheticSourceEvents({ persons: 150, seed: 23, idPrefix: mode.idPrefix });
    const records = new Map<string, ResolutionRecord>();
    for (const [topic, envelopes] of source.byTopic) {
      for (const e of envelopes) {
        const r = recordFromEvent(topic, e.payload);
        records.set(r.key, r);
      }
    }
    let app: INestApplication;
    let db: DataSource;
    let url: string;
    let auth: AuthConfig;
    let gateway: GatewayCredentialConfig;

    /** A call as the gateway makes it: its credential for identity, carrying the caller. */
    const as = (
      roles: Role[],
      purpose: Purpose = 'CASE_INVESTIGATION',
      options: Partial<Parameters<typeof developmentGatewayHeaders>[1]> = {},
    ) =>
      developmentGatewayHeaders(gateway, {
        subgraph: 'identity',
        user: 'test.user',
        roles,
        purpose,
        caseNumber: 'CASE-2026-000001',
        ...options,
      });

    /** Posts straight to identity; without `headers`, as an analyst through the gateway. */
    const graphql = async (
      query: string,
      variables: Record<string, unknown> = {},
      headers?: Record<string, string>,
    ): Promise<GraphqlResponse> => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        // A fresh credential per call, as the gateway signs one: it is good for a minute only.
        headers: {
          'content-type': 'application/json',
          ...(headers ?? (await as(['ANALYST']))),
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphqlResponse;
    };

    /** Record keys by resolved person. */
    const resolved = async () => {
      const rows = (await db.query('SELECT key, person_id FROM identity_record')) as {
        key: string;
        person_id: string;
      }[];
      const byPerson = new Map<string, string[]>();
      for (const r of rows)
        byPerson.set(r.person_id, [...(byPerson.get(r.person_id) ?? []), r.key]);
      return byPerson;
    };

    /** A true person resolved exactly (same records, nothing else), with records in at least `sources` sources. */
    const exactlyResolvedPerson = async (sources: number) => {
      const truthGroups = new Map<string, string[]>();
      for (const [key, person] of source.truth) {
        truthGroups.set(person, [...(truthGroups.get(person) ?? []), key]);
      }
      for (const keys of (await resolved()).values()) {
        const truePerson = source.truth.get(keys[0] as string);
        const truth = truthGroups.get(truePerson as string) ?? [];
        const kinds = new Set(keys.map((k) => k.split(':')[0]));
        if (
          kinds.size >= sources &&
          truth.length === keys.length &&
          keys.every((k) => truth.includes(k))
        )
          return keys;
      }
      throw new Error(`no exactly resolved person with records in ${sources} sources`);
    };

    beforeAll(async () => {
      const config = await mode.config();
      auth = config.auth as AuthConfig;
      gateway = config.gatewayCredential as GatewayCredentialConfig;
      app = await NestFactory.create(
        IdentityAppModule.register(config, { modelBootstrap: () => model }),
        { logger: false, abortOnError: false },
      );
      await app.listen(0, '127.0.0.1');
      url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      db = app.get<DataSource>(SERVICE_DATA_SOURCE);
      const bus = app.get<EventBus>(EVENT_BUS);
      if (mode.publish) await mode.publish(source.byTopic);
      else for (const [topic, envelopes] of source.byTopic) await bus.publish(topic, envelopes);
      const deadline = Date.now() + 600_000;
      for (;;) {
        const [row] = (await db.query('SELECT count(*) AS n FROM identity_record')) as {
          n: string;
        }[];
        if (Number(row?.n) === source.count) break;
        if (Date.now() > deadline) throw new Error('identity did not resolve the population');
        await new Promise((r) => setTimeout(r, 250));
      }
    }, 900_000);

    afterAll(async () => {
      await app?.close();
      await mode.teardown();
    }, 120_000);

    it("shows every value of a person's attributes with the records that carry it, most supported first", async () => {
      const keys = await exactlyResolvedPerson(2);
      const [source0, recordId0] = (keys[0] as string).split(/:(.*)/s) as [string, string];
      const result = await graphql(PROFILE, { source: source0.toUpperCase(), recordId: recordId0 });
      expect(result.errors).toBeUndefined();
      const person = result.data?.['personByRecord'] as {
        records: { source: string; recordId: string }[];
        attributes: Record<string, Value[]>;
        travelEncounters: { id: string }[];
        seizureRecords: { id: string }[];
        fingerprintEnrollments: { id: string }[];
      };
      const truth = keys.map((k) => records.get(k) as ResolutionRecord);
      expect(person.records.map((r) => `${r.source.toLowerCase()}:${r.recordId}`).sort()).toEqual(
        [...keys].sort(),
      );
      const refs = (s: string) =>
        truth
          .filter((r) => r.source === s)
          .map((r) => r.recordId)
          .sort();
      expect(person.travelEncounters.map((r) => r.id).sort()).toEqual(refs('travel'));
      expect(person.seizureRecords.map((r) => r.id).sort()).toEqual(refs('seizure'));
      expect(person.fingerprintEnrollments.map((r) => r.id).sort()).toEqual(refs('fingerprint'));

      // Ground truth: which of the person's records recorded each value.
      const expected = (values: (r: ResolutionRecord) => string[]) => {
        const byValue = new Map<string, ResolutionRecord[]>();
        for (const r of truth) {
          for (const v of new Set(values(r).map((x) => x.trim().replace(/\s+/g, ' ')))) {
            if (v !== '') byValue.set(v, [...(byValue.get(v) ?? []), r]);
          }
        }
        return byValue;
      };
      const checks: [string, (r: ResolutionRecord) => string[]][] = [
        ['names', (r) => [[r.givenNames, r.surname].filter((x) => x).join(' ')]],
        ['datesOfBirth', (r) => (r.dateOfBirth ? [r.dateOfBirth] : [])],
        ['documents', (r) => r.documents.map((d) => `${d.type} ${d.number} ${d.issuingCountry}`)],
        ['phones', (r) => r.phones],
      ];
      for (const [attribute, values] of checks) {
        const want = expected(values);
        const got = person.attributes[attribute] as Value[];
        expect({ attribute, values: got.map((v) => v.value).sort() }).toEqual({
          attribute,
          values: [...want.keys()].sort(),
        });
        for (const v of got) {
          const carriers = want.get(v.value) as ResolutionRecord[];
          expect(v.support.records).toBe(carriers.length);
          const provenance = v.provenance.map((p) => ({
            source: p.source,
            ids: [...p.recordIds].sort(),
          }));
          const sources = [...new Set(carriers.map((r) => r.source))];
          expect(provenance.sort((a, b) => a.source.localeCompare(b.source))).toEqual(
            sources.sort().map((s) => ({
              source: s.toUpperCase(),
              ids: carriers
                .filter((r) => r.source === s)
                .map((r) => r.recordId)
                .sort(),
            })),
          );
          for (const p of v.provenance) {
            const seen = carriers
              .filter((r) => r.source.toUpperCase() === p.source)
              .map((r) => new Date(r.observedAt).getTime());
            expect(new Date(p.firstSeen).getTime()).toBe(Math.min(...seen));
            expect(new Date(p.lastSeen).getTime()).toBe(Math.max(...seen));
          }
        }
        const support = got.map((v) => v.support.records);
        expect(support).toEqual([...support].sort((a, b) => b - a));
      }
    });

    it('explains the links that hold a person together and says none is verified yet', async () => {
      const keys = await exactlyResolvedPerson(2);
      const [s, id] = (keys[0] as string).split(/:(.*)/s) as [string, string];
      const person = (await graphql(PROFILE, { source: s.toUpperCase(), recordId: id })).data?.[
        'personByRecord'
      ] as {
        matchEvidence: {
          records: { source: string; recordId: string }[];
          outcome: string;
          probability: number;
          modelVersion: string;
          thresholdVersion: string;
          contributions: { kind: string }[];
          verification: { state: string; confirmations: number; required: number };
        }[];
        verification: { links: number; verifiedLinks: number; state: string };
      };
      // Every link the resolver applied: at least enough to connect every record.
      expect(person.matchEvidence.length).toBeGreaterThanOrEqual(keys.length - 1);
      const linked = new Set(
        person.matchEvidence.flatMap((d) =>
          d.records.map((r) => `${r.source.toLowerCase()}:${r.recordId}`),
        ),
      );
      expect([...linked].sort()).toEqual([...keys].sort());
      for (const d of person.matchEvidence) {
        expect(d.outcome).toBe('AUTO_LINK');
        expect(d.probability).toBeGreaterThan(0.5);
        expect(d.modelVersion).toBe(model.version);
        expect(d.thresholdVersion).toMatch(/\S/);
        expect(d.contributions.map((c) => c.kind)).toEqual(
          expect.arrayContaining(['PRIOR', 'BIOGRAPHIC', 'BIOMETRIC']),
        );
        expect(d.verification).toEqual({ state: 'UNVERIFIED', confirmations: 0, required: 2 });
        for (const r of d.records)
          expect(keys).toContain(`${r.source.toLowerCase()}:${r.recordId}`);
      }
      expect(person.verification).toEqual({
        links: person.matchEvidence.length,
        verifiedLinks: 0,
        state: 'UNVERIFIED',
      });
    });

    it('answers unknown ids with NOT_FOUND and malformed ones with BAD_USER_INPUT naming the argument', async () => {
      const unknown = await graphql(
        '{ person(id: "01234567-89ab-7def-8123-456789abcdef") { id } }',
      );
      expect(unknown.data?.['person']).toBeNull();
      expect(unknown.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
      const malformed = await graphql('{ person(id: "1; DROP TABLE person") { id } }');
      expect(malformed.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        issues: [{ field: 'id', reason: expect.stringMatching(/UUID/) }],
      });
      const byRecord = await graphql(
        '{ personByRecord(source: TRAVEL, recordId: "TE-NONE") { id } }',
      );
      expect(byRecord.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
      const badRecord = await graphql('{ personByRecord(source: TRAVEL, recordId: "") { id } }');
      expect(badRecord.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    });

    it("identifies a clean face probe's person first, with a calibrated probability, and says it is not verified", async () => {
      // A clean probe: a good face on a travel record whose person has another face record.
      const byPerson = await resolved();
      const probeKey = [...source.faceQuality]
        .filter(([key, quality]) => key.startsWith('travel:') && quality >= 0.8)
        .map(([key]) => key)
        .find((key) => {
          const truePerson = source.truth.get(key);
          return [...source.truth].some(
            ([other, p]) => p === truePerson && other !== key && source.faceQuality.has(other),
          );
        }) as string;
      expect(probeKey).toBeDefined();
      const truePerson = source.truth.get(probeKey);
      const resolvedPerson = [...byPerson].find(([, keys]) =>
        keys.some(
          (k) => k !== probeKey && source.truth.get(k) === truePerson && source.faceQuality.has(k),
        ),
      )?.[0];
      const result = await graphql(
        `
          query ($input: IdentifyInput!) {
            identify(input: $input) {
              gallerySize
              thresholdVersion
              modelVersion
              priorEnrolled
              verified
              notice
              probe {
                source
                recordId
                modality
                quality
                upstreamScore
              }
              candidates {
                rank
                person {
                  id
                }
                probability
                llr
                modality
                probeQuality
                gallerySize
                thresholdVersion
                verified
                verification {
                  state
                }
                comparedRecord {
                  source
                  recordId
                }
              }
            }
          }
        `,
        {
          input: {
            templateRef: probeKey,
            modality: 'FACE',
            upstreamScore: 0.91,
            limit: 5,
          },
        },
      );
      expect(result.errors).toBeUndefined();
      const identification = result.data?.['identify'] as {
        gallerySize: number;
        verified: boolean;
        notice: string;
        probe: { quality: number; upstreamScore: number };
        candidates: {
          rank: number;
          person: { id: string };
          probability: number;
          gallerySize: number;
          verified: boolean;
          verification: { state: string };
          comparedRecord: { source: string; recordId: string };
        }[];
      };
      const first = identification.candidates[0];
      expect(first?.person.id).toBe(resolvedPerson);
      expect(first?.probability).toBeGreaterThan(0.9);
      expect(first?.probability).toBeLessThanOrEqual(1);
      expect(
        `${first?.comparedRecord.source.toLowerCase()}:${first?.comparedRecord.recordId}`,
      ).not.toBe(probeKey);
      expect(identification.gallerySize).toBe(source.faceQuality.size);
      expect(identification.probe.quality).toBe(source.faceQuality.get(probeKey));
      expect(identification.probe.upstreamScore).toBe(0.91);
      expect(identification.verified).toBe(false);
      expect(identification.notice).toMatch(/^Not verified/);
      for (const c of identification.candidates) {
        expect(c.verified).toBe(false);
        expect(c.verification.state).toBe('UNVERIFIED');
      }
      const probabilities = identification.candidates.map((c) => c.probability);
      expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
      expect(probabilities.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-9);
    });

    it('refuses an identification without a probe, or for a modality the probe lacks, naming the field', async () => {
      const query = `query ($input: IdentifyInput!) { identify(input: $input) { gallerySize } }`;
      const none = await graphql(query, { input: { modality: 'FACE' } });
      expect(none.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      const travelOnly = [...records.values()].find(
        (r) => r.source === 'travel' && r.fingers.length === 0,
      );
      const noFinger = await graphql(query, {
        input: { source: 'TRAVEL', recordId: travelOnly?.recordId, modality: 'FINGER' },
      });
      expect(noFinger.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        issues: [{ field: 'input.modality' }],
      });
      const limit = await graphql(query, {
        input: { source: 'TRAVEL', recordId: travelOnly?.recordId, modality: 'FACE', limit: 500 },
      });
      expect(limit.errors?.[0]?.extensions).toMatchObject({ issues: [{ field: 'input.limit' }] });
    });

    it('reads a profile of many persons with one query per kind of row, not one per person', async () => {
      const persons = [...(await resolved()).keys()].slice(0, 20);
      const counter = new QueryCounter();
      const original = db.logger;
      Object.assign(db, { logger: counter });
      try {
        const result = await graphql(
          `
            query ($r: [_Any!]!) {
              _entities(representations: $r) {
                ... on Person {
                  id
                  attributes {
                    names {
                      value
                    }
                  }
                  records {
                    recordId
                  }
                  matchEvidence {
                    id
                  }
                  lineage {
                    mergedFrom
                  }
                  travelEncounters {
                    id
                  }
                }
              }
            }
          `,
          { r: persons.map((id) => ({ __typename: 'Person', id })) },
        );
        expect(result.errors).toBeUndefined();
        expect((result.data?.['_entities'] as unknown[]).length).toBe(20);
      } finally {
        Object.assign(db, { logger: original });
      }
      // The outbox relay polls on its own timer (a lock, then the outbox): not the profile's work.
      const selects = counter.statements.filter(isRequestRead);
      // person, identity_record, person_link (+ decision, review), lineage.
      expect(selects).toHaveLength(4);
    });

    describe('access', () => {
      const nothing = (result: GraphqlResponse) =>
        Object.values(result.data ?? {}).every((value) => value === null);

      it('reports the persons it returned in extensions.mosaicAudit', async () => {
        const persons = [...(await resolved()).keys()].slice(0, 3);
        const result = await graphql(
          'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id status } } }',
          { r: persons.map((id) => ({ __typename: 'Person', id })) },
        );
        expect(result.errors).toBeUndefined();
        expect(result.extensions?.mosaicAudit?.personIds.sort()).toEqual([...persons].sort());
        expect(result.extensions?.mosaicAudit?.decisionIds).toEqual([]);
      });

      it("refuses personal data without identity's gateway credential or a purpose, and to OVERSIGHT and ADMIN", async () => {
        const [person] = [...(await resolved()).keys()];
        const query = `{ person(id: "${person as string}") { id attributes { names { value } } } }`;
        // A valid user token with its purpose and case: meant for the gateway, not for identity.
        const user = await developmentAccessHeaders(auth, {
          user: 'test.user',
          roles: ['ANALYST'],
          purpose: 'CASE_INVESTIGATION',
          caseNumber: 'CASE-2026-000001',
        });
        const cases: Array<[Record<string, string>, Record<string, unknown>, RegExp]> = [
          [{}, { code: 'UNAUTHENTICATED' }, /no Authorization header/],
          [user, { code: 'UNAUTHENTICATED' }, /identity subgraph answers only the gateway/],
          [
            await as(['ANALYST'], 'CASE_INVESTIGATION', { subgraph: 'analysis' }),
            { code: 'UNAUTHENTICATED' },
            /for another subgraph, not identity/,
          ],
          [
            await as(['ANALYST'], 'CASE_INVESTIGATION', {
              ttlSeconds: 60,
              now: new Date(Date.now() - 120_000),
            }),
            { code: 'UNAUTHENTICATED' },
            /has expired/,
          ],
          [await as(['ANALYST'], '' as Purpose), { code: 'PURPOSE_REQUIRED' }, /purpose/],
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
            { code: 'FORBIDDEN', field: 'Query.person' },
            /./,
          ],
          [await as(['ADMIN'], 'DATA_QUALITY'), { code: 'FORBIDDEN', field: 'Query.person' }, /./],
        ];
        for (const [headers, extensions, message] of cases) {
          const result = await graphql(query, {}, headers);
          expect({
            extensions,
            nothing: nothing(result),
            errors: result.errors?.map((e) => ({ message: e.message, ...e.extensions })),
            reported: result.extensions?.mosaicAudit?.personIds,
          }).toEqual({
            extensions,
            nothing: true,
            errors: [{ message: expect.stringMatching(message), ...extensions }],
            reported: [],
          });
        }
      });

      it('lets OFFICER identify under IDENTITY_VERIFICATION but not OVERSIGHT', async () => {
        const query = `query ($input: IdentifyInput!) { identify(input: $input) { gallerySize } }`;
        const probe = [...source.faceQuality.keys()][0] as string;
        const input = { templateRef: probe, modality: 'FACE', limit: 1 };
        const officer = await graphql(
          query,
          { input },
          await as(['OFFICER'], 'IDENTITY_VERIFICATION'),
        );
        expect(officer.errors).toBeUndefined();
        const oversight = await graphql(
          query,
          { input },
          await as(['OVERSIGHT'], 'OVERSIGHT_AUDIT'),
        );
        expect(nothing(oversight)).toBe(true);
        expect(oversight.errors?.map((e) => e.extensions)).toEqual([
          { code: 'FORBIDDEN', field: 'Query.identify' },
        ]);
      });
    });
  });
}
