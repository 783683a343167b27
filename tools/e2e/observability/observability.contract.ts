import { randomUUID } from 'node:crypto';
import type { Role } from '@mosaic/access';
import { createEnvelope } from '@mosaic/event-bus';
import { SOURCE_TOPICS } from '@mosaic/resolution';
import { captureLogs, findPersonalData, type LogCapture } from '../support/log-capture';
import { graphql, type CallOptions, type Exchange } from '../security/security-client';
import { startMosaicStack, type MosaicStack, type StackMode } from '../stack/mosaic-stack';

/**
 * Issue 22, logs and metrics, on the whole stack: the e2e flows (record,
 * resolve, profile, identify, search, link analysis, typed refusals, a poison
 * event) run with every service logging at trace into memory; no line may
 * hold a name, document number, phone or address the run used; every
 * service's /metrics has its families, and they move with the work.
 */

const PERSONS = 12;
const SEED = 22;

/** A synthetic traveler of this suite's own: every value is unusual enough to scan for. */
const TRAVELER = {
  givenNames: 'Ysolde Marguerite',
  surname: 'Brannigan-Okafor',
  dateOfBirth: '1979-04-17',
  document: 'XQ4418273',
  phone: '+31687650932',
  address: 'Keizersgracht 417, 1016 EK Amsterdam',
};

function unitTemplate(dimensions: number, seed: number): string {
  const v = new Float32Array(dimensions);
  let sum = 0;
  for (let i = 0; i < dimensions; i++) {
    v[i] = Math.sin(seed * 5.3 + i * 0.29);
    sum += (v[i] as number) ** 2;
  }
  for (let i = 0; i < dimensions; i++) v[i] = (v[i] as number) / Math.sqrt(sum);
  return Buffer.from(v.buffer).toString('base64');
}

const encounter = (recordId: string, encounteredAt: string) => ({
  recordId,
  encounteredAt,
  port: 'AMS',
  direction: 'DEPARTURE',
  carrier: 'MZ',
  flight: 'MZ902',
  document: { type: 'PASSPORT', number: TRAVELER.document, issuingCountry: 'NLD' },
  traveler: {
    givenNames: TRAVELER.givenNames,
    surname: TRAVELER.surname,
    dateOfBirth: TRAVELER.dateOfBirth,
    sex: 'F',
    nationality: 'NLD',
  },
  contact: { phone: TRAVELER.phone, address: TRAVELER.address },
  face: { template: unitTemplate(512, 22), quality: 0.9, capturedAt: encounteredAt },
});

const RECORD = /* GraphQL */ `
  mutation Record($input: RecordTravelEncounterInput!) {
    recordTravelEncounter(input: $input) {
      created
    }
  }
`;

const BY_RECORD = /* GraphQL */ `
  query ByRecord($recordId: ID!) {
    personByRecord(source: TRAVEL, recordId: $recordId) {
      id
    }
  }
`;

const PROFILE = /* GraphQL */ `
  query Profile($id: ID!) {
    person(id: $id) {
      id
      attributes {
        names {
          value
        }
        documents {
          value
        }
        phones {
          value
        }
        addresses {
          value
        }
      }
    }
  }
`;

const NEIGHBOURS = /* GraphQL */ `
  query Neighbours($id: ID!) {
    person(id: $id) {
      id
      neighbors(hops: 1) {
        nodes {
          person {
            id
          }
        }
      }
    }
  }
`;

const IDENTIFY = /* GraphQL */ `
  query Identify($recordId: ID!) {
    identify(input: { source: TRAVEL, recordId: $recordId, modality: FACE }) {
      gallerySize
      candidates {
        rank
      }
    }
  }
`;

const SEARCH = /* GraphQL */ `
  query Search($name: String, $documentNumber: String) {
    searchPersons(name: $name, documentNumber: $documentNumber) {
      total
      hits {
        person {
          id
        }
      }
    }
  }
`;

interface Profile {
  person: {
    id: string;
    attributes: Record<'names' | 'documents' | 'phones' | 'addresses', { value: string }[]>;
  } | null;
}

/** One Prometheus text exposition, as `family{labels} value` samples. */
export interface Scrape {
  text: string;
  /** The sum of the samples of `family` whose labels include every pair of `labels`. */
  sum(family: string, labels?: Record<string, string>): number;
  /** Whether the exposition declares `family` (a `# TYPE` line). */
  has(family: string): boolean;
}

export function parseScrape(text: string): Scrape {
  const samples = text
    .split('\n')
    .filter((line) => line.length > 0 && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a Prometheus sample: ${line}`);
      const labels: Record<string, string> = {};
      for (const pair of (match[3] ?? '').matchAll(
        /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g,
      )) {
        labels[pair[1] as string] = pair[2] as string;
      }
      return { name: match[1] as string, labels, value: Number(match[4]) };
    });
  return {
    text,
    has: (family) => new RegExp(`^# TYPE ${family} `, 'm').test(text),
    sum: (family, labels = {}) =>
      samples
        .filter(
          (s) =>
            s.name === family &&
            Object.entries(labels).every(([key, value]) => s.labels[key] === value),
        )
        .reduce((total, s) => total + s.value, 0),
  };
}

type ServiceName = 'gateway' | 'travel' | 'seizure' | 'fingerprint' | 'identity' | 'analysis';
const SERVICES: readonly ServiceName[] = [
  'gateway',
  'travel',
  'seizure',
  'fingerprint',
  'identity',
  'analysis',
];

async function until<T>(what: string, probe: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function describeObservability(mode: StackMode): void {
  describe(`logs and metrics on the whole stack (${mode})`, () => {
    let stack: MosaicStack;
    let capture: LogCapture;
    const before: Partial<Record<ServiceName, Scrape>> = {};
    const after: Partial<Record<ServiceName, Scrape>> = {};
    /** Every personal value the run sent or was shown. */
    const personal = new Set<string>(
      Object.values(TRAVELER).filter((v) => v !== TRAVELER.dateOfBirth),
    );
    const exchanges: Exchange[] = [];

    const metricsUrl = (service: ServiceName) =>
      (service === 'gateway' ? stack.gatewayUrl : stack.subgraphUrls[service]).replace(
        /\/graphql$/,
        '/metrics',
      );
    const scrape = async (service: ServiceName): Promise<Scrape> => {
      const response = await fetch(metricsUrl(service));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
      return parseScrape(await response.text());
    };
    const as = async (
      user: string,
      roles: Role[],
      query: string,
      options: Omit<CallOptions, 'token'> = {},
    ): Promise<Exchange> => {
      const exchange = await graphql(stack.gatewayUrl, query, {
        token: await stack.token(user, roles),
        ...options,
      });
      exchanges.push(exchange);
      return exchange;
    };

    beforeAll(async () => {
      capture = captureLogs('trace');
      stack = await startMosaicStack({ mode, persons: PERSONS, seed: SEED, logLevel: 'trace' });
      for (const service of SERVICES) before[service] = await scrape(service);

      // Two encounters of one traveler: the second resolves against the first (a decision).
      const first = `TE-OBS-${randomUUID().slice(0, 8)}`;
      const second = `TE-OBS-${randomUUID().slice(0, 8)}`;
      for (const [recordId, at] of [
        [first, '2024-05-02T08:40:00Z'],
        [second, '2024-06-11T17:05:00Z'],
      ] as const) {
        const recorded = await as('officer.olu', ['OFFICER'], RECORD, {
          variables: { input: encounter(recordId, at) },
        });
        expect(recorded.errors).toBeUndefined();
      }
      // Refused input that quotes the traveler: BAD_USER_INPUT, logged without the values.
      await as('officer.olu', ['OFFICER'], RECORD, {
        variables: {
          input: { ...encounter('TE-OBS-BAD', '2024-05-02T08:40:00Z'), port: 'amsterdam' },
        },
      });
      const personId = await until('the encounter to be resolved', async () => {
        const answer = await as('analyst.ann', ['ANALYST'], BY_RECORD, {
          variables: { recordId: second },
        });
        return (
          (answer.data as { personByRecord: { id: string } | null } | undefined)?.personByRecord
            ?.id ?? null
        );
      });
      await as('analyst.ann', ['ANALYST'], PROFILE, { variables: { id: personId } });
      await as('supervisor.sam', ['SUPERVISOR'], NEIGHBOURS, { variables: { id: personId } });
      await as('analyst.ann', ['ANALYST'], IDENTIFY, { variables: { recordId: first } });
      await until('the analysis read model to find the traveler', async () => {
        const found = await as('analyst.ann', ['ANALYST'], SEARCH, {
          variables: { name: `${TRAVELER.givenNames} ${TRAVELER.surname}` },
        });
        const total = (found.data as { searchPersons?: { total: number } } | undefined)
          ?.searchPersons?.total;
        return total !== undefined && total > 0 ? total : null;
      });
      await as('analyst.ann', ['ANALYST'], SEARCH, {
        variables: { documentNumber: TRAVELER.document },
      });
      // The name in the document itself, not in variables.
      await as(
        'analyst.ann',
        ['ANALYST'],
        `query { searchPersons(name: "${TRAVELER.surname}") { total } }`,
      );
      // Typed refusals: NOT_FOUND, BAD_USER_INPUT, PURPOSE_REQUIRED, FORBIDDEN, UNAUTHENTICATED.
      await as('analyst.ann', ['ANALYST'], PROFILE, { variables: { id: randomUUID() } });
      await as('analyst.ann', ['ANALYST'], PROFILE, { variables: { id: TRAVELER.surname } });
      await as('analyst.ann', ['ANALYST'], PROFILE, { variables: { id: personId }, purpose: null });
      await as('officer.olu', ['OFFICER'], NEIGHBOURS, { variables: { id: personId } });
      exchanges.push(
        await graphql(stack.gatewayUrl, SEARCH, {
          token: null,
          variables: { name: TRAVELER.surname },
        }),
      );

      // Seeded persons' values, as the gateway shows them, are scanned for too.
      const [seeded] = [
        (await stack.databases.identity.query(
          `SELECT id FROM person WHERE status = 'ACTIVE' ORDER BY id LIMIT 8`,
        )) as { id: string }[],
      ];
      for (const { id } of seeded ?? []) {
        const answer = await as('analyst.ann', ['ANALYST'], PROFILE, { variables: { id } });
        const attributes = (answer.data as Profile | undefined)?.person?.attributes;
        for (const values of Object.values(attributes ?? {})) {
          values.forEach((v) => personal.add(v.value));
        }
      }

      // A poison event on a source topic: identity sends it to the DLQ.
      const poison = createEnvelope({
        type: 'travel.encounter.recorded',
        source: 'travel',
        key: 'TE-OBS-POISON',
        payload: { recordId: 'TE-OBS-POISON' },
      });
      await stack.databases.travel.query(
        'INSERT INTO outbox (event_id, topic, key, envelope) VALUES ($1, $2, $3, $4)',
        [poison.eventId, SOURCE_TOPICS.travel, poison.key, JSON.stringify(poison)],
      );
      await until('the poison event to be dead-lettered', async () => {
        const identity = await scrape('identity');
        return identity.sum('mosaic_events_dead_lettered_total') > 0 ? identity : null;
      });
      for (const service of SERVICES) after[service] = await scrape(service);
    }, 600_000);

    afterAll(async () => {
      capture?.stop();
      await stack?.close();
    });

    describe('logs', () => {
      it('are JSON lines, and every line written while serving a request carries its id', () => {
        expect(capture.lines.length).toBeGreaterThan(exchanges.length);
        const parsed = capture.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
        for (const entry of parsed) {
          expect(entry).toEqual(
            expect.objectContaining({ level: expect.any(String), time: expect.any(String) }),
          );
        }
        const requestLines = parsed.filter((e) => e['msg'] === 'request completed');
        expect(requestLines.length).toBeGreaterThan(exchanges.length);
        for (const exchange of exchanges) {
          const lines = parsed.filter((e) => e['requestId'] === exchange.sentRequestId);
          expect(new Set(lines.map((e) => e['service']))).toContain('gateway');
        }
        // A lookup's lines at the gateway and at the subgraph it called share one id.
        const recorded = parsed.filter(
          (e) =>
            e['msg'] === 'graphql client error' &&
            e['code'] === 'BAD_USER_INPUT' &&
            String(e['operationName']).startsWith('Record'),
        );
        expect(recorded.map((e) => e['service']).sort()).toEqual(['gateway', 'travel']);
        expect(new Set(recorded.map((e) => e['requestId'])).size).toBe(1);
      });

      it('logs typed client errors at info without a stack', () => {
        const parsed = capture.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
        const clientErrors = parsed.filter((e) => e['msg'] === 'graphql client error');
        const codes = new Set(clientErrors.map((e) => e['code']));
        for (const code of ['NOT_FOUND', 'BAD_USER_INPUT', 'FORBIDDEN', 'UNAUTHENTICATED']) {
          expect(codes).toContain(code);
        }
        for (const entry of clientErrors) {
          expect(entry['level']).toBe('info');
          expect(JSON.stringify(entry)).not.toMatch(/"stack"|\n\s+at /);
        }
      });

      it('hold no name, document number, phone or address the run used', () => {
        expect(personal.size).toBeGreaterThan(20);
        expect(findPersonalData(capture.lines, personal)).toEqual([]);
      });
    });

    describe('metrics', () => {
      it('every service serves its request, error and duration families per operation', () => {
        for (const service of SERVICES) {
          const scrape = after[service] as Scrape;
          expect(scrape.has('mosaic_process_cpu_seconds_total')).toBe(true);
          if (
            service === 'gateway' ||
            service === 'identity' ||
            service === 'analysis' ||
            service === 'travel'
          ) {
            expect(scrape.has('mosaic_graphql_requests_total')).toBe(true);
            expect(scrape.has('mosaic_graphql_request_duration_seconds')).toBe(true);
          }
        }
        const gateway = after.gateway as Scrape;
        expect(
          gateway.sum('mosaic_graphql_requests_total', { operation_name: 'Profile' }),
        ).toBeGreaterThan(
          (before.gateway as Scrape).sum('mosaic_graphql_requests_total', {
            operation_name: 'Profile',
          }),
        );
        expect(
          gateway.sum('mosaic_graphql_request_duration_seconds_count', {
            operation_name: 'Record',
          }),
        ).toBe(3);
        expect(
          gateway.sum('mosaic_graphql_errors_total', {
            operation_name: 'Profile',
            code: 'NOT_FOUND',
          }),
        ).toBeGreaterThan(0);
        expect(
          (after.travel as Scrape).sum('mosaic_graphql_requests_total', {
            operation_type: 'mutation',
          }),
        ).toBeGreaterThan(0);
        expect(
          (after.travel as Scrape).sum('mosaic_graphql_errors_total', { code: 'BAD_USER_INPUT' }),
        ).toBe(1);
        // Refused by the authentication gate before the document is read (so under the body's
        // operationName, which this client does not send): counted all the same.
        expect(
          gateway.sum('mosaic_graphql_errors_total', {
            operation_name: 'anonymous',
            code: 'UNAUTHENTICATED',
          }),
        ).toBe(1);
      });

      it('the gateway counts its audit appends', () => {
        const committed = { outcome: 'committed' };
        expect(
          (after.gateway as Scrape).sum('mosaic_audit_appends_total', committed),
        ).toBeGreaterThan(
          (before.gateway as Scrape).sum('mosaic_audit_appends_total', committed) + 10,
        );
        expect((after.gateway as Scrape).has('mosaic_audit_append_duration_seconds')).toBe(true);
      });

      it('identity counts its decisions by outcome and evidence profile', () => {
        const decisions = (s: Scrape | undefined) =>
          (s as Scrape).sum('mosaic_resolution_decisions_total');
        expect(decisions(after.identity)).toBeGreaterThan(decisions(before.identity));
        expect(after.identity?.text).toMatch(
          /^mosaic_resolution_decisions_total\{outcome="[A-Z_]+",evidence_profile="[^"]+",service="identity"\} \d+$/m,
        );
      });

      it('consumers report their lag per group and partition, and their dead letters', () => {
        for (const service of ['identity', 'analysis'] as const) {
          const scrape = after[service] as Scrape;
          expect(scrape.text).toMatch(
            /^mosaic_consumer_lag_messages\{group="[^"]+",topic="[^"]+",partition="\d+",service="[a-z]+"\} \d+$/m,
          );
        }
        expect(
          (after.identity as Scrape).sum('mosaic_events_dead_lettered_total', {
            topic: `${SOURCE_TOPICS.travel}.dlq`,
          }),
        ).toBe(1);
        // A source does not consume: no lag series of its own.
        expect((after.travel as Scrape).sum('mosaic_consumer_lag_messages')).toBe(0);
      });

      it('sources and the gateway report their outbox backlog', () => {
        for (const service of [
          'travel',
          'seizure',
          'fingerprint',
          'identity',
          'gateway',
        ] as const) {
          expect((after[service] as Scrape).has('mosaic_outbox_backlog_events')).toBe(true);
          expect(
            (after[service] as Scrape).has('mosaic_outbox_oldest_unpublished_age_seconds'),
          ).toBe(true);
        }
        expect((after.analysis as Scrape).has('mosaic_outbox_backlog_events')).toBe(false);
      });

      it('carry no personal value in any label or sample', () => {
        for (const service of SERVICES) {
          expect(findPersonalData((after[service] as Scrape).text.split('\n'), personal)).toEqual(
            [],
          );
        }
      });
    });
  });
}
