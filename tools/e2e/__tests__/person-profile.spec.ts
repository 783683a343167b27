import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { syntheticBootstrapModel } from '@mosaic/evaluation';
import { closeEmbeddedBus, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import {
  generateBlocks,
  resolveSynthOptions,
  type FingerprintEnrollmentRecord,
  type SeizureCaseRecord,
  type SeizureSubject,
  type TravelEncounterRecord,
} from '@mosaic/synth';
import { Client, fetchExchange } from '@urql/core';
import { isRequestRead, QueryCounter } from '@mosaic/persistence';
import type { DataSource } from 'typeorm';
import { FingerprintAppModule } from '../../../apps/fingerprint/src/app.module';
import { loadFingerprintConfig } from '../../../apps/fingerprint/src/config/fingerprint.config';
import { GatewayAppModule } from '../../../apps/gateway/src/app.module';
import { loadGatewayConfig } from '../../../apps/gateway/src/config/gateway.config';
import { loadSupergraph } from '../../../apps/gateway/src/supergraph/supergraph';
import { IdentityAppModule } from '../../../apps/identity/src/app.module';
import { loadIdentityConfig } from '../../../apps/identity/src/config/identity.config';
import { SeizureAppModule } from '../../../apps/seizure/src/app.module';
import { loadSeizureConfig } from '../../../apps/seizure/src/config/seizure.config';
import { TravelAppModule } from '../../../apps/travel/src/app.module';
import { loadTravelConfig } from '../../../apps/travel/src/config/travel.config';
import { seedDemoPopulation } from '../../demo/seed-demo';
import { authEnv, headersFor } from '../support/gateway-harness';

/**
 * The profile path end to end: synthetic records written through the sources'
 * stores, published by their outbox relays, resolved by the identity service,
 * and read through the gateway with a GraphQL client, against the generator's
 * ground truth.
 */

const PERSONS = 80;
const SEED = 7;
const RICH = { 'population.networkRate': '0.5', 'fingerprint.participation': '0.7' };

/** One synthetic record as the source recorded it, reduced to what a profile shows. */
interface TruthRecord {
  source: 'travel' | 'seizure' | 'fingerprint';
  recordId: string;
  observedAt: string;
  person: {
    givenNames: string | null;
    surname: string | null;
    dateOfBirth: string | null;
    sex: string | null;
    nationality: string | null;
  };
  documents: { type: string; number: string; issuingCountry: string }[];
  phones: string[];
  addresses: string[];
  vehicles: string[];
}

interface Value {
  value: string;
  support: { records: number; sources: string[] };
  provenance: { source: string; recordIds: string[]; firstSeen: string; lastSeen: string }[];
}

/** The generator's records by key and its true person of each record. */
function groundTruth() {
  const records = new Map<string, TruthRecord>();
  const personOf = new Map<string, string>();
  const travel = new Map<string, TravelEncounterRecord>();
  const subjects = new Map<string, { subject: SeizureSubject; case: SeizureCaseRecord }>();
  const enrollments = new Map<string, FingerprintEnrollmentRecord>();
  for (const block of generateBlocks(resolveSynthOptions({ persons: PERSONS, seed: SEED }, RICH))) {
    for (const t of block.truthRecords) personOf.set(`${t.source}:${t.recordId}`, t.personId);
    for (const r of block.travel) {
      travel.set(r.recordId, r);
      records.set(`travel:${r.recordId}`, {
        source: 'travel',
        recordId: r.recordId,
        observedAt: r.encounteredAt,
        person: r.traveler,
        documents: r.document ? [r.document] : [],
        phones: r.contact?.phone ? [r.contact.phone] : [],
        addresses: r.contact?.address ? [r.contact.address] : [],
        vehicles: [],
      });
    }
    for (const c of block.seizure) {
      for (const s of c.subjects) {
        subjects.set(s.subjectId, { subject: s, case: c });
        records.set(`seizure:${s.subjectId}`, {
          source: 'seizure',
          recordId: s.subjectId,
          observedAt: c.openedAt,
          person: s,
          ...s.identifiers,
        });
      }
    }
    for (const e of block.fingerprint) {
      enrollments.set(e.recordId, e);
      records.set(`fingerprint:${e.recordId}`, {
        source: 'fingerprint',
        recordId: e.recordId,
        observedAt: e.enrolledAt,
        person: e.subject,
        documents: [],
        phones: [],
        addresses: [],
        vehicles: [],
      });
    }
  }
  return { records, personOf, travel, subjects, enrollments };
}

const PROFILE = /* GraphQL */ `
  query Profile($recordId: ID!) {
    personByRecord(source: TRAVEL, recordId: $recordId) {
      id
      status
      records {
        source
        recordId
      }
      attributes {
        names {
          ...value
          givenNames
          surname
        }
        datesOfBirth {
          ...value
        }
        sexes {
          ...value
        }
        nationalities {
          ...value
        }
        documents {
          ...value
        }
        phones {
          ...value
        }
        addresses {
          ...value
        }
        vehicles {
          ...value
        }
      }
      travelEncounters {
        id
        port
        flight
        traveler {
          givenNames
          surname
          dateOfBirth
        }
      }
      seizureRecords {
        id
        role
        givenNames
        surname
        case {
          caseNumber
        }
      }
      fingerprintEnrollments {
        id
        subject {
          givenNames
          surname
        }
        fingers {
          position
        }
      }
      matchEvidence {
        id
        outcome
        probability
        modelVersion
        thresholdVersion
        verification {
          state
        }
      }
      lineage {
        mergedInto
        mergedFrom
        splitFrom
        splitInto
      }
    }
  }
  fragment value on AttestedValue {
    value
    support {
      records
      sources
    }
    provenance {
      source
      recordIds
      firstSeen
      lastSeen
    }
  }
`;

describe('person profile and identification through the gateway (embedded)', () => {
  const truth = groundTruth();
  let dataDir: string;
  const apps: INestApplication[] = [];
  const databases: Record<string, DataSource> = {};
  let identityDb: DataSource;
  let client: Client;

  /** A query through the gateway with urql; GraphQL errors are thrown as urql's CombinedError. */
  const request = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const result = await client.query(query, variables).toPromise();
    if (result.error) throw result.error;
    return result.data as T;
  };

  /** Record keys of each resolved person. */
  const resolvedPersons = async () => {
    const rows = (await identityDb.query('SELECT key, person_id FROM identity_record')) as {
      key: string;
      person_id: string;
    }[];
    const byPerson = new Map<string, string[]>();
    for (const r of rows) byPerson.set(r.person_id, [...(byPerson.get(r.person_id) ?? []), r.key]);
    return byPerson;
  };

  /** A true person with records in all three sources whom identity resolved exactly. */
  const threeSourcePerson = async () => {
    const trueGroups = new Map<string, string[]>();
    for (const [key, person] of truth.personOf) {
      trueGroups.set(person, [...(trueGroups.get(person) ?? []), key]);
    }
    for (const [personId, keys] of await resolvedPersons()) {
      const group = trueGroups.get(truth.personOf.get(keys[0] as string) as string) ?? [];
      const sources = new Set(keys.map((k) => k.split(':')[0]));
      if (
        sources.size === 3 &&
        group.length === keys.length &&
        keys.every((k) => group.includes(k))
      ) {
        return { personId, keys: [...keys].sort() };
      }
    }
    throw new Error('the seeded population has no exactly resolved person in all three sources');
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mosaic-e2e-profile-'));
    const env = { MOSAIC_DATA_DIR: dataDir, ...authEnv() };
    const start = async (name: string, module: Parameters<typeof NestFactory.create>[0]) => {
      const app = await NestFactory.create(module, { logger: false, abortOnError: false });
      apps.push(app);
      await app.listen(0, '127.0.0.1');
      if (name !== 'gateway') databases[name] = app.get<DataSource>(SERVICE_DATA_SOURCE);
      return `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;
    };
    const travel = await start('travel', TravelAppModule.register(loadTravelConfig(env)));
    const seizure = await start('seizure', SeizureAppModule.register(loadSeizureConfig(env)));
    const fingerprint = await start(
      'fingerprint',
      FingerprintAppModule.register(loadFingerprintConfig(env)),
    );
    const model = syntheticBootstrapModel({ seed: 101, persons: 1_000, impostorPairs: 50_000 });
    const identity = await start(
      'identity',
      IdentityAppModule.register(loadIdentityConfig(env), { modelBootstrap: () => model }),
    );
    identityDb = databases['identity'] as DataSource;
    await seedDemoPopulation({
      sources: {
        travel: databases['travel'] as DataSource,
        seizure: databases['seizure'] as DataSource,
        fingerprint: databases['fingerprint'] as DataSource,
      },
      identity: identityDb,
      persons: PERSONS,
      seed: SEED,
      overrides: RICH,
    });
    const gatewayConfig = loadGatewayConfig({
      ...env,
      MOSAIC_GATEWAY_TRAVEL_URL: travel,
      MOSAIC_GATEWAY_SEIZURE_URL: seizure,
      MOSAIC_GATEWAY_FINGERPRINT_URL: fingerprint,
      MOSAIC_GATEWAY_IDENTITY_URL: identity,
    });
    const gateway = await start(
      'gateway',
      GatewayAppModule.register(gatewayConfig, await loadSupergraph(gatewayConfig)),
    );
    client = new Client({
      url: gateway,
      exchanges: [fetchExchange],
      requestPolicy: 'network-only',
      preferGetMethod: false,
      // An analyst on a case: reads profiles and identifies, as every query here does.
      fetchOptions: { headers: await headersFor('e2e.analyst', ['ANALYST']) },
    });
  }, 300_000);

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    await closeEmbeddedBus();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resolves a person known to all three sources and traces every attribute value to the records that gave it', async () => {
    const { personId, keys } = await threeSourcePerson();
    const records = keys.map((k) => truth.records.get(k) as TruthRecord);
    const travelId = (records.find((r) => r.source === 'travel') as TruthRecord).recordId;
    const { personByRecord: person } = await request<{
      personByRecord: {
        id: string;
        status: string;
        records: { source: string; recordId: string }[];
        attributes: Record<string, Value[]>;
        travelEncounters: {
          id: string;
          port: string;
          flight: string;
          traveler: { givenNames: string | null };
        }[];
        seizureRecords: {
          id: string;
          role: string;
          givenNames: string | null;
          case: { caseNumber: string };
        }[];
        fingerprintEnrollments: {
          id: string;
          subject: { givenNames: string | null };
          fingers: { position: number }[];
        }[];
        matchEvidence: { outcome: string; verification: { state: string } }[];
      };
    }>(PROFILE, { recordId: travelId });

    expect(person.id).toBe(personId);
    expect(person.status).toBe('ACTIVE');
    expect(person.records.map((r) => `${r.source.toLowerCase()}:${r.recordId}`).sort()).toEqual(
      keys,
    );

    // The source subgraphs filled in their own records' fields.
    for (const e of person.travelEncounters) {
      const r = truth.travel.get(e.id) as TravelEncounterRecord;
      expect(e).toEqual({
        id: r.recordId,
        port: r.port,
        flight: r.flight,
        traveler: expect.objectContaining({ givenNames: r.traveler.givenNames }),
      });
    }
    for (const s of person.seizureRecords) {
      const { subject, case: c } = truth.subjects.get(s.id) as {
        subject: SeizureSubject;
        case: SeizureCaseRecord;
      };
      expect(s).toEqual({
        id: subject.subjectId,
        role: subject.role,
        givenNames: subject.givenNames,
        surname: subject.surname,
        case: { caseNumber: c.caseNumber },
      });
    }
    for (const f of person.fingerprintEnrollments) {
      const e = truth.enrollments.get(f.id) as FingerprintEnrollmentRecord;
      expect(f.subject.givenNames).toBe(e.subject.givenNames);
      expect(f.fingers.map((x) => x.position).sort((a, b) => a - b)).toEqual(
        e.fingers.map((x) => x.position).sort((a, b) => a - b),
      );
    }
    expect(
      person.travelEncounters.length +
        person.seizureRecords.length +
        person.fingerprintEnrollments.length,
    ).toBe(keys.length);

    // Every attribute: exactly the values the records hold, each with the records that hold it.
    const space = (s: string) => s.trim().replace(/\s+/g, ' ');
    const attributes: [string, (r: TruthRecord) => (string | null)[]][] = [
      ['names', (r) => [[r.person.givenNames, r.person.surname].filter((x) => x).join(' ')]],
      ['datesOfBirth', (r) => [r.person.dateOfBirth]],
      ['sexes', (r) => [r.person.sex]],
      ['nationalities', (r) => [r.person.nationality]],
      ['documents', (r) => r.documents.map((d) => `${d.type} ${d.number} ${d.issuingCountry}`)],
      ['phones', (r) => r.phones],
      ['addresses', (r) => r.addresses],
      ['vehicles', (r) => r.vehicles],
    ];
    let checkedValues = 0;
    for (const [attribute, valuesOf] of attributes) {
      const carriers = new Map<string, TruthRecord[]>();
      for (const r of records) {
        for (const v of new Set(
          valuesOf(r)
            .filter((x): x is string => x !== null)
            .map(space),
        )) {
          if (v !== '') carriers.set(v, [...(carriers.get(v) ?? []), r]);
        }
      }
      const got = person.attributes[attribute] as Value[];
      expect({ attribute, values: got.map((v) => v.value).sort() }).toEqual({
        attribute,
        values: [...carriers.keys()].sort(),
      });
      for (const v of got) {
        const holders = carriers.get(v.value) as TruthRecord[];
        const expected = ['travel', 'seizure', 'fingerprint']
          .map((source) => holders.filter((r) => r.source === source))
          .filter((list) => list.length > 0)
          .map((list) => {
            const times = list.map((r) => new Date(r.observedAt).getTime());
            return {
              source: (list[0] as TruthRecord).source.toUpperCase(),
              recordIds: [...list]
                .sort(
                  (a, b) =>
                    a.observedAt.localeCompare(b.observedAt) ||
                    a.recordId.localeCompare(b.recordId),
                )
                .map((r) => r.recordId),
              firstSeen: new Date(Math.min(...times)).toISOString(),
              lastSeen: new Date(Math.max(...times)).toISOString(),
            };
          });
        const provenance = v.provenance.map((p) => ({
          ...p,
          firstSeen: new Date(p.firstSeen).toISOString(),
          lastSeen: new Date(p.lastSeen).toISOString(),
        }));
        expect({ attribute, value: v.value, provenance }).toEqual({
          attribute,
          value: v.value,
          provenance: expected,
        });
        expect(v.support).toEqual({
          records: holders.length,
          sources: expected.map((p) => p.source),
        });
        checkedValues += 1;
      }
      const support = got.map((v) => v.support.records);
      expect(support).toEqual([...support].sort((a, b) => b - a));
    }
    expect(checkedValues).toBeGreaterThanOrEqual(6);
    expect(person.matchEvidence.length).toBeGreaterThanOrEqual(keys.length - 1);
    for (const d of person.matchEvidence) expect(d.verification.state).toBe('UNVERIFIED');
  });

  it('costs at most one query per subgraph per entity type for a whole profile', async () => {
    const { keys } = await threeSourcePerson();
    const travelId = (keys.find((k) => k.startsWith('travel:')) as string).slice('travel:'.length);
    const counters = Object.fromEntries(
      Object.keys(databases).map((name) => [name, new QueryCounter(isRequestRead)]),
    );
    const originals = Object.fromEntries(
      Object.entries(databases).map(([name, db]) => [name, db.logger]),
    );
    for (const [name, db] of Object.entries(databases))
      Object.assign(db, { logger: counters[name] });
    try {
      await request(PROFILE, { recordId: travelId });
    } finally {
      for (const [name, db] of Object.entries(databases))
        Object.assign(db, { logger: originals[name] });
    }
    /** A statement's main table: its first FROM outside parenthesised subqueries. */
    const mainTable = (statement: string) => {
      let outer = statement;
      for (let inner = outer.replace(/\([^()]*\)/g, ''); inner !== outer;) {
        outer = inner;
        inner = outer.replace(/\([^()]*\)/g, '');
      }
      return (/\bFROM\s+"?(\w+)"?/i.exec(outer)?.[1] ?? statement).toLowerCase();
    };
    const tables = (name: string) => (counters[name] as QueryCounter).statements.map(mainTable);
    // identity: the record's person, the person, its records, its links (with decisions and reviews), its lineage.
    expect(tables('identity').sort()).toEqual(
      ['identity_record', 'identity_record', 'person', 'person', 'person_link'].sort(),
    );
    expect(tables('travel')).toHaveLength(1);
    // fingerprint: the enrollments, then their finger captures (a field of their own).
    expect(tables('fingerprint').sort()).toEqual(['fingerprint_enrollment', 'fingerprint_finger']);
    // seizure: the subjects, then their cases.
    expect(tables('seizure').length).toBeLessThanOrEqual(2);
    for (const name of ['travel', 'seizure', 'fingerprint']) {
      const list = tables(name);
      expect({ name, repeated: list.length - new Set(list).size }).toEqual({ name, repeated: 0 });
    }
  });

  it('identifies a clean face probe: the true person first, calibrated, and "not verified"', async () => {
    const byPerson = await resolvedPersons();
    const personOfKey = new Map(
      [...byPerson].flatMap(([p, keys]) => keys.map((k) => [k, p] as const)),
    );
    const probe = [...truth.travel.values()].find((r) => {
      if (!r.face || r.face.quality < 0.8) return false;
      const mate = truth.personOf.get(`travel:${r.recordId}`);
      return [...truth.personOf].some(
        ([k, p]) =>
          p === mate &&
          k !== `travel:${r.recordId}` &&
          (truth.records.get(k)?.source === 'travel' ? truth.travel.get(k.slice(7))?.face : true),
      );
    }) as TravelEncounterRecord;
    const trueKeys = [...truth.personOf]
      .filter(([, p]) => p === truth.personOf.get(`travel:${probe.recordId}`))
      .map(([k]) => k);
    const { identify } = await request<{
      identify: {
        verified: boolean;
        notice: string;
        gallerySize: number;
        thresholdVersion: string;
        candidates: {
          rank: number;
          probability: number;
          verified: boolean;
          modality: string;
          probeQuality: number;
          gallerySize: number;
          thresholdVersion: string;
          person: { id: string; travelEncounters: { id: string }[] };
        }[];
      };
    }>(
      /* GraphQL */ `
        query Identify($recordId: ID!) {
          identify(input: { source: TRAVEL, recordId: $recordId, modality: FACE }) {
            verified
            notice
            gallerySize
            thresholdVersion
            candidates {
              rank
              probability
              verified
              modality
              probeQuality
              gallerySize
              thresholdVersion
              person {
                id
                travelEncounters {
                  id
                }
              }
            }
          }
        }
      `,
      { recordId: probe.recordId },
    );
    const [first] = identify.candidates;
    const expectedPerson = personOfKey.get(
      trueKeys.find((k) => k !== `travel:${probe.recordId}`) as string,
    );
    expect(first?.person.id).toBe(expectedPerson);
    expect(first?.rank).toBe(1);
    expect(first?.modality).toBe('FACE');
    expect(first?.probeQuality).toBe(probe.face?.quality);
    expect(first?.gallerySize).toBe(identify.gallerySize);
    expect(first?.thresholdVersion).toBe(identify.thresholdVersion);
    expect(first?.probability).toBeGreaterThan(0.5);
    // The candidate's records come back through the travel subgraph.
    expect(first?.person.travelEncounters.map((e) => e.id)).toEqual(
      expect.arrayContaining([probe.recordId]),
    );
    expect(identify.verified).toBe(false);
    expect(identify.notice).toMatch(/^Not verified/);
    expect(identify.candidates.every((c) => !c.verified)).toBe(true);
  });

  it('answers an unknown id with NOT_FOUND and a malformed one with BAD_USER_INPUT through the gateway', async () => {
    const codes = async (query: string) => {
      const result = await client.query(query, {}).toPromise();
      return (result.error?.graphQLErrors ?? []).map((e) => e.extensions['code']);
    };
    expect(await codes('{ person(id: "01234567-89ab-7def-8123-456789abcdef") { id } }')).toEqual([
      'NOT_FOUND',
    ]);
    expect(await codes('{ person(id: "not-a-uuid") { id } }')).toEqual(['BAD_USER_INPUT']);
    expect(await codes('{ personByRecord(source: SEIZURE, recordId: "SC-NOPE") { id } }')).toEqual([
      'NOT_FOUND',
    ]);
  });
});
