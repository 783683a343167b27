// Person profile lookups at a fixed arrival rate, through the gateway and
// straight to the identity subgraph, side by side in one run on the same
// population, services and sampled person ids: the gateway/direct ratio is
// what federation costs. A third lookup asks the gateway for the full
// profile, whose source-record fields the travel, seizure and fingerprint
// subgraphs resolve. Each is offered at the rate twice: by autocannon (its
// rate limiter releases each connection's share at the start of every
// second) and as evenly spaced arrivals (profile-paced.ts); then the profile
// alone one request at a time, for the service time without queueing. The
// population (infra mode, its own database prefix) is built on the first run
// and reused after: see profile-population.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { Presets, SingleBar } from 'cli-progress';
import { portVariable } from '@mosaic/config';
import { Rng } from '@mosaic/synth';
import { Kind, parse, print, type ASTNode } from 'graphql';
import { Client } from 'pg';
import {
  loadGatewayConfig,
  subgraphUrls,
  subgraphUrlVariable,
} from '../../apps/gateway/src/config/gateway.config';
import { pacedLoad } from './profile-paced';
import {
  benchHeaders,
  subgraphHeaders,
  ensureProfilePopulation,
  infraUrls,
  populationEnv,
  type InfraUrls,
  type ProfilePopulation,
} from './profile-population';
import { percentile } from './bench-support';

const root = resolve(__dirname, '../..');

/** Identity-owned fields only: the subgraph answers all of it; source records are `{ id }` refs. */
export const PROFILE_QUERY = `query Profile($id: ID!) {
  person(id: $id) {
    id
    status
    attributes {
      names { value support { records } provenance { source recordIds firstSeen lastSeen } }
      datesOfBirth { value }
      documents { value }
    }
    matchEvidence { id outcome probability modelVersion thresholdVersion }
    lineage { mergedFrom splitFrom }
    travelEncounters { id }
    seizureRecords { id }
    fingerprintEnrollments { id }
  }
}`;

/** The same profile with the source records' own fields, resolved by their subgraphs. */
export const FULL_PROFILE_QUERY = `query FullProfile($id: ID!) {
  person(id: $id) {
    id
    status
    attributes {
      names { value support { records } provenance { source recordIds firstSeen lastSeen } }
      datesOfBirth { value }
      documents { value }
    }
    matchEvidence { id outcome probability modelVersion thresholdVersion }
    lineage { mergedFrom splitFrom }
    travelEncounters {
      id encounteredAt port direction flight
      document { type number issuingCountry }
      traveler { givenNames surname dateOfBirth sex nationality }
      face { quality capturedAt }
    }
    seizureRecords {
      id role givenNames surname dateOfBirth nationality
      identifiers { phones documents { type number issuingCountry } }
      case { id caseNumber agency openedAt }
    }
    fingerprintEnrollments {
      id enrollmentId enrolledAt agency reason
      subject { givenNames surname dateOfBirth sex nationality }
      fingers { position quality }
    }
  }
}`;

/**
 * Both paths run as the same user, purpose and case: through the gateway with
 * the user's token, straight to identity with the credential the gateway
 * would sign for it (a subgraph answers nothing else). Filled by benchProfile.
 */
const HEADERS: Record<string, string> = { 'content-type': 'application/json' };
const DIRECT_HEADERS: Record<string, string> = { 'content-type': 'application/json' };
/** The base URL of the identity subgraph, whose calls carry DIRECT_HEADERS. */
let directUrl: string | null = null;
const headersFor = (url: string) => (url === directUrl ? DIRECT_HEADERS : HEADERS);

/** Ports of the bench's own services, away from `npm start`'s 4000–4105. */
const PORTS = { gateway: 4700, travel: 4701, seizure: 4702, fingerprint: 4703, identity: 4704 };
type ServiceName = keyof typeof PORTS;

export interface ProfileBenchOptions {
  persons: number;
  seed: number;
  /** Arrival rate held during each measured run (requests/s over all connections). */
  rate: number;
  seconds: number;
  /** Length of the one-request-at-a-time runs (0: none). */
  serialSeconds: number;
  /** Length of the evenly-spaced-arrivals runs at the same rate (0: none). */
  pacedSeconds: number;
  warmupSeconds: number;
  connections: number;
  /** Person ids sampled (seeded) from the identity database; requests cycle through them. */
  sample: number;
  rebuild: boolean;
  /** Build (or check) the population and stop. */
  populationOnly: boolean;
}

export interface ProfileScenarioRow {
  scenario:
    | 'gateway'
    | 'direct'
    | 'gateway-full'
    | 'gateway-paced'
    | 'direct-paced'
    | 'gateway-full-paced'
    | 'gateway-serial'
    | 'direct-serial';
  /**
   * autocannon: its rate limiter, `connections` sharing the rate (each sends its share back to
   * back at the start of every second); paced: evenly spaced arrivals, latency from due time;
   * serial: one connection, one request at a time, no rate limit.
   */
  arrivals: 'autocannon' | 'paced' | 'serial';
  lookup: string;
  url: string;
  targetRate: number;
  connections: number;
  seconds: number;
  requests: number;
  /** Responses per second actually achieved over the measured run. */
  throughput: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  non2xx: number;
  /** Connection errors and timeouts (autocannon's `errors`). */
  errors: number;
  timeouts: number;
  /** 2xx responses whose body holds a GraphQL `errors` entry. */
  graphqlErrors: number;
  /** Responses with `person: null` (every sampled id exists, so none are expected). */
  nullPersons: number;
  errorSamples: string[];
  /** The machine's 1-minute load average as the run ended (other work on the machine shows here). */
  loadAverage: number;
  /** Set when the pre-flight request failed and the scenario was not run. */
  skipped: string | null;
}

export interface ProfileBenchReport {
  population: ProfilePopulation;
  identitySchema: {
    /**
     * sha256 (first 16 hex) of the type definitions the running identity subgraph serves
     * (`_service { sdl }`, without federation's own definitions): the schema version measured.
     */
    servedSdlSha256: string | null;
    /** The same hash of schema/identity.graphql, when the file exists. */
    fileSha256: string | null;
    matchesFile: boolean | null;
    /** The identity database's newest migration after the service booted. */
    latestMigration: string | null;
  };
  /** How the load was offered: autocannon's rate limiter, warm-up, person-id sample seed. */
  load: {
    rate: number;
    seconds: number;
    serialSeconds: number;
    pacedSeconds: number;
    warmupSeconds: number;
    connections: number;
    sampleSeed: number;
  };
  sampledPersons: number;
  recordsPerSampledPerson: { mean: number; max: number };
  rows: ProfileScenarioRow[];
  /** Gateway over direct, same query, same run, at the fixed rate. */
  gatewayOverDirect: { p50: number | null; p99: number | null };
  /** The same with evenly spaced arrivals at the same rate. */
  gatewayOverDirectPaced: { p50: number | null; p99: number | null };
  /** The same, one request at a time: what the extra hop costs without queueing. */
  gatewayOverDirectSerial: { p50: number | null; p99: number | null };
  target: { rate: number; p99Ms: number };
  queries: { profile: string; fullProfile: string };
}

const TARGET = { rate: 200, p99Ms: 50 };

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function portFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((done) => {
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

/** A seeded sample of ACTIVE person ids, with how many records each person holds. */
async function samplePersons(
  urls: InfraUrls,
  prefix: string,
  size: number,
  seed: number,
): Promise<{ ids: string[]; records: { mean: number; max: number } }> {
  const client = new Client({
    connectionString: databaseUrl(urls.databaseUrl, `${prefix}identity`),
  });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      "SELECT id FROM person WHERE status = 'ACTIVE' ORDER BY id",
    );
    const ids = rows.map((r) => r.id);
    const rng = new Rng(seed);
    const n = Math.min(size, ids.length);
    for (let i = 0; i < n; i++) {
      const j = i + rng.int(ids.length - i);
      [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
    }
    const sample = ids.slice(0, n);
    const { rows: sizes } = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM identity_record WHERE person_id = ANY($1::uuid[]) GROUP BY person_id',
      [sample],
    );
    const counts = sizes.map((r) => Number(r.n));
    return {
      ids: sample,
      records: {
        mean: round(counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length)),
        max: Math.max(0, ...counts),
      },
    };
  } finally {
    await client.end();
  }
}

interface Services {
  child: ChildProcess;
  urls: Record<ServiceName, string>;
  logFile: string;
}

/** Starts profile-services.ts on the population's databases and waits for every /health. */
async function startServices(
  env: Record<string, string>,
  logFile: string,
  log: (line: string) => void,
): Promise<Services> {
  for (const [name, port] of Object.entries(PORTS)) {
    if (!(await portFree(port))) {
      throw new Error(`port ${port} (bench ${name}) is in use: stop what holds it and run again`);
    }
  }
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(root, 'tools/bench/profile-services.ts')],
    { cwd: root, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const logStream = createWriteStream(logFile);
  child.stderr?.pipe(logStream);
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const ready = new Promise<Record<ServiceName, string>>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`services not up after 10 minutes (log: ${logFile})`)),
      600_000,
    );
    lines.on('line', (line) => {
      logStream.write(`${line}\n`);
      if (line.startsWith('READY ')) {
        clearTimeout(timer);
        done(JSON.parse(line.slice(6)) as Record<ServiceName, string>);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`services exited with ${code} before they were up (log: ${logFile})`));
    });
  });
  log(`profile: starting identity, travel, seizure, fingerprint and the gateway (log: ${logFile})`);
  const services = { child, urls: {} as Record<ServiceName, string>, logFile };
  try {
    services.urls = await ready;
    await waitForHealth(services.urls);
    return services;
  } catch (error) {
    await stopServices(services);
    throw error;
  }
}

/**
 * Every service's /health: the subgraphs' own, and the gateway's checks of
 * the four subgraphs the bench started (a subgraph it did not start, such as
 * analysis, is down and not needed by the profile queries).
 */
async function waitForHealth(urls: Record<ServiceName, string>): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const problems: string[] = [];
    for (const [name, url] of Object.entries(urls)) {
      const response = await fetch(`${url}/health`).catch((error: unknown) => error as Error);
      if (response instanceof Error) {
        problems.push(`${name}: ${response.message}`);
        continue;
      }
      const body = (await response.json().catch(() => ({}))) as {
        checks?: Record<string, { status?: string; reason?: string }>;
      };
      if (name !== 'gateway') {
        if (!response.ok) problems.push(`${name}: ${response.status} ${JSON.stringify(body)}`);
        continue;
      }
      for (const subgraph of Object.keys(PORTS).filter((n) => n !== 'gateway')) {
        const check = body.checks?.[subgraph];
        if (check?.status !== 'up') {
          problems.push(
            `gateway sees ${subgraph} ${check?.status ?? 'missing'} ${check?.reason ?? ''}`,
          );
        }
      }
    }
    if (problems.length === 0) return;
    if (Date.now() > deadline) throw new Error(`services not healthy: ${problems.join('; ')}`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

async function stopServices(services: Services): Promise<void> {
  const { child } = services;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.stdin?.end('stop\n');
  const term = setTimeout(() => child.kill('SIGTERM'), 30_000);
  const kill = setTimeout(() => child.kill('SIGKILL'), 45_000);
  await exited;
  clearTimeout(term);
  clearTimeout(kill);
}

async function graphql(url: string, query: string, variables: object = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: headersFor(url),
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: { data?: unknown; errors?: { message: string }[] } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = { errors: [{ message: `not JSON (${response.status}): ${text.slice(0, 200)}` }] };
  }
  return { status: response.status, body };
}

/**
 * The schema's own types, printed one by one in name order: what the served
 * `_service { sdl }` and the committed schema/identity.graphql have in
 * common, without the federation directive definitions and fields the
 * service adds to what it serves.
 */
function typeDefinitions(sdl: string): string {
  const federation = (name: string) => name.startsWith('_') || name.includes('__');
  return parse(sdl)
    .definitions.flatMap((definition) => {
      if (!('name' in definition) || definition.name === undefined) return [];
      if (definition.kind === Kind.DIRECTIVE_DEFINITION || federation(definition.name.value)) {
        return [];
      }
      if ('fields' in definition && definition.fields) {
        const fields = (definition.fields as readonly { name: { value: string } }[]).filter(
          (f) => !federation(f.name.value),
        );
        return [
          {
            name: definition.name.value,
            text: print({ ...definition, fields } as unknown as ASTNode),
          },
        ];
      }
      return [{ name: definition.name.value, text: print(definition) }];
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.text < b.text ? -1 : 1))
    .map((d) => d.text)
    .join('\n');
}

async function identitySchema(
  identityUrl: string,
  urls: InfraUrls,
  prefix: string,
): Promise<ProfileBenchReport['identitySchema']> {
  const answer = await graphql(identityUrl, '{ _service { sdl } }');
  const sdl = (answer.body.data as { _service?: { sdl?: string } } | undefined)?._service?.sdl;
  const file = join(root, 'schema/identity.graphql');
  const fileText = existsSync(file) ? readFileSync(file, 'utf8') : null;
  const client = new Client({
    connectionString: databaseUrl(urls.databaseUrl, `${prefix}identity`),
  });
  await client.connect();
  let latestMigration: string | null = null;
  try {
    const { rows } = await client.query<{ name: string }>(
      'SELECT name FROM schema_migrations ORDER BY timestamp DESC, id DESC LIMIT 1',
    );
    latestMigration = rows[0]?.name ?? null;
  } finally {
    await client.end();
  }
  const served = sdl ? typeDefinitions(sdl) : null;
  const committed = fileText === null ? null : typeDefinitions(fileText);
  return {
    servedSdlSha256: served === null ? null : sha256(served),
    fileSha256: committed === null ? null : sha256(committed),
    matchesFile: served !== null && committed !== null ? served === committed : null,
    latestMigration,
  };
}

type Measured = Omit<
  ProfileScenarioRow,
  'scenario' | 'arrivals' | 'lookup' | 'skipped' | 'loadAverage'
>;

function latencySummary(latencies: number[]): ProfileScenarioRow['latencyMs'] {
  latencies.sort((a, b) => a - b);
  const mean = latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length);
  return {
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies[latencies.length - 1] ?? Number.NaN),
    mean: round(mean),
  };
}

/** One run of evenly spaced arrivals (profile-paced.ts). */
async function pacedRun(
  url: string,
  bodies: readonly string[],
  options: { rate: number; seconds: number },
  progress: SingleBar | null,
): Promise<Measured> {
  const r = await pacedLoad(`${url}/graphql`, bodies, headersFor(url), options, progress);
  return {
    url: `${url}/graphql`,
    targetRate: options.rate,
    connections: r.maxInFlight,
    seconds: round(r.seconds, 1),
    requests: r.latencies.length,
    throughput: round(r.latencies.length / r.seconds, 1),
    latencyMs: latencySummary(r.latencies),
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: 0,
    graphqlErrors: r.graphqlErrors,
    nullPersons: r.nullPersons,
    errorSamples: r.errorSamples,
  };
}

/** One autocannon run at the fixed rate; latencies are kept per response for exact percentiles. */
async function load(
  url: string,
  bodies: readonly string[],
  options: { rate: number; seconds: number; connections: number },
  progress: SingleBar | null,
): Promise<Measured> {
  let next = 0;
  let graphqlErrors = 0;
  let nullPersons = 0;
  const errorSamples = new Set<string>();
  const latencies: number[] = [];
  const started = Date.now();
  let finished: (error: unknown, result: autocannon.Result) => void = () => undefined;
  const done = new Promise<autocannon.Result>((ok, fail) => {
    finished = (error, result) => (error ? fail(error as Error) : ok(result));
  });
  const instance = autocannon(
    {
      url: `${url}/graphql`,
      connections: options.connections,
      duration: options.seconds,
      // The rate limiter leaves idle gaps, which autocannon's own correction would fill with
      // invented samples: percentiles here come from the raw per-response latencies below.
      ...(options.rate > 0 ? { overallRate: options.rate, ignoreCoordinatedOmission: true } : {}),
      requests: [
        {
          method: 'POST',
          headers: headersFor(url),
          setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }),
          onResponse: (status, body) => {
            if (body.includes('"errors"')) {
              graphqlErrors += 1;
              if (errorSamples.size < 5) {
                try {
                  const parsed = JSON.parse(body) as { errors?: { message?: string }[] };
                  errorSamples.add(
                    `${status}: ${parsed.errors?.[0]?.message ?? body.slice(0, 200)}`,
                  );
                } catch {
                  errorSamples.add(`${status}: ${body.slice(0, 200)}`);
                }
              }
            }
            if (body.includes('"person":null')) nullPersons += 1;
          },
        },
      ],
    },
    (error, result) => finished(error, result),
  );
  // At run time autocannon passes (client, statusCode, bytes, responseTime); its typings omit client.
  instance.on('response', (...args: unknown[]) => {
    latencies.push(args[args.length - 1] as number);
  });
  const ticker = progress
    ? setInterval(
        () => progress.update(Math.min(options.seconds, (Date.now() - started) / 1000)),
        1000,
      )
    : null;
  const result = await done;
  if (ticker) clearInterval(ticker);
  progress?.update(options.seconds);
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  return {
    url: `${url}/graphql`,
    targetRate: options.rate,
    connections: options.connections,
    seconds: round(seconds, 1),
    requests: latencies.length,
    throughput: round(latencies.length / seconds, 1),
    latencyMs: latencySummary(latencies),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    graphqlErrors,
    nullPersons,
    errorSamples: [...errorSamples],
  };
}

export async function benchProfile(
  options: ProfileBenchOptions,
  log: (line: string) => void,
): Promise<ProfileBenchReport | ProfilePopulation> {
  Object.assign(HEADERS, await benchHeaders());
  Object.assign(DIRECT_HEADERS, await subgraphHeaders('identity'));
  const urls = infraUrls();
  const population = await ensureProfilePopulation(
    { persons: options.persons, seed: options.seed, rebuild: options.rebuild, urls },
    log,
  );
  if (options.populationOnly) return population;

  const { ids, records } = await samplePersons(
    urls,
    population.prefix,
    options.sample,
    options.seed,
  );
  log(
    `profile: ${ids.length} sampled persons, ${records.mean} records each on average (max ${records.max})`,
  );
  const env: Record<string, string> = {
    ...populationEnv(urls, population.prefix),
    LOG_LEVEL: 'warn',
    MOSAIC_DEMO_PERSONS: '0',
    MOSAIC_IDENTITY_CANDIDATE_INDEX: `mosaic-candidates-${population.prefix.replace(/_+$/, '').replace(/_/g, '-')}`,
  };
  for (const [name, port] of Object.entries(PORTS)) env[portVariable(name)] = String(port);
  // The gateway reaches each subgraph on the bench's ports; a subgraph the bench does not
  // start (e.g. analysis) gets a port of its own where nothing listens, never `npm start`'s.
  let spare = Math.max(...Object.values(PORTS)) + 1;
  for (const name of subgraphUrls(loadGatewayConfig({})).keys()) {
    const port = name in PORTS ? PORTS[name as ServiceName] : spare++;
    env[subgraphUrlVariable(name)] = `http://127.0.0.1:${port}/graphql`;
  }

  const services = await startServices(env, join(root, 'reports/bench/profile-services.log'), log);
  directUrl = services.urls.identity;
  try {
    const schema = await identitySchema(services.urls.identity, urls, population.prefix);
    log(
      `profile: identity schema ${schema.servedSdlSha256 ?? '(no SDL served)'}` +
        (schema.matchesFile === null
          ? ''
          : schema.matchesFile
            ? ' (= schema/identity.graphql)'
            : ' (differs from schema/identity.graphql)') +
        `, newest migration ${schema.latestMigration}`,
    );
    const body = (query: string) => ids.map((id) => JSON.stringify({ query, variables: { id } }));
    type Load = {
      arrivals: ProfileScenarioRow['arrivals'];
      rate: number;
      connections: number;
      seconds: number;
    };
    const rated: Load = {
      arrivals: 'autocannon',
      rate: options.rate,
      connections: options.connections,
      seconds: options.seconds,
    };
    const paced: Load = {
      arrivals: 'paced',
      rate: options.rate,
      connections: 0,
      seconds: options.pacedSeconds,
    };
    // One request at a time, no rate limit: the service time of one lookup, without queueing.
    const serial: Load = {
      arrivals: 'serial',
      rate: 0,
      connections: 1,
      seconds: options.serialSeconds,
    };
    const profile = 'profile via gateway';
    const direct = 'profile, identity subgraph direct';
    const full = 'full profile via gateway (+ source records)';
    const { gateway, identity } = services.urls;
    const scenarios: Array<{
      scenario: ProfileScenarioRow['scenario'];
      lookup: string;
      url: string;
      query: string;
      load: Load;
    }> = [
      { scenario: 'gateway', lookup: profile, url: gateway, query: PROFILE_QUERY, load: rated },
      { scenario: 'direct', lookup: direct, url: identity, query: PROFILE_QUERY, load: rated },
      {
        scenario: 'gateway-full',
        lookup: full,
        url: gateway,
        query: FULL_PROFILE_QUERY,
        load: rated,
      },
      {
        scenario: 'gateway-paced',
        lookup: profile,
        url: gateway,
        query: PROFILE_QUERY,
        load: paced,
      },
      {
        scenario: 'direct-paced',
        lookup: direct,
        url: identity,
        query: PROFILE_QUERY,
        load: paced,
      },
      {
        scenario: 'gateway-full-paced',
        lookup: full,
        url: gateway,
        query: FULL_PROFILE_QUERY,
        load: paced,
      },
      {
        scenario: 'gateway-serial',
        lookup: profile,
        url: gateway,
        query: PROFILE_QUERY,
        load: serial,
      },
      {
        scenario: 'direct-serial',
        lookup: direct,
        url: identity,
        query: PROFILE_QUERY,
        load: serial,
      },
    ];
    const rows: ProfileScenarioRow[] = [];
    for (const s of scenarios) {
      if (s.load.seconds === 0) continue;
      const probe = await graphql(s.url, s.query, { id: ids[0] });
      const person = (probe.body.data as { person?: unknown } | undefined)?.person;
      if (probe.status !== 200 || probe.body.errors?.length || !person) {
        const reason = `pre-flight request answered ${probe.status}: ${probe.body.errors?.[0]?.message ?? 'person is null'}`;
        log(`profile: ${s.lookup}: skipped, ${reason}`);
        rows.push({
          scenario: s.scenario,
          arrivals: s.load.arrivals,
          lookup: s.lookup,
          url: `${s.url}/graphql`,
          targetRate: s.load.rate,
          connections: s.load.connections,
          seconds: 0,
          requests: 0,
          throughput: 0,
          latencyMs: { p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN },
          non2xx: 0,
          errors: 0,
          timeouts: 0,
          graphqlErrors: 0,
          nullPersons: 0,
          errorSamples: [reason],
          loadAverage: round(loadavg()[0] ?? 0),
          skipped: reason,
        });
        continue;
      }
      const bodies = body(s.query);
      const how = {
        autocannon: `at ${s.load.rate} req/s (autocannon, ${s.load.connections} connections)`,
        paced: `at ${s.load.rate} req/s, evenly spaced`,
        serial: 'one request at a time',
      }[s.load.arrivals];
      log(
        `profile: ${s.lookup}: warm-up ${options.warmupSeconds} s, then ${s.load.seconds} s ${how}`,
      );
      const run = (seconds: number, bar: SingleBar | null) =>
        s.load.arrivals === 'paced'
          ? pacedRun(s.url, bodies, { rate: s.load.rate, seconds }, bar)
          : load(s.url, bodies, { ...s.load, seconds }, bar);
      await run(options.warmupSeconds, null);
      const bar = new SingleBar(
        {
          format: `  ${s.scenario.padEnd(18)} {bar} {value}/{total} s`,
          noTTYOutput: true,
          notTTYSchedule: 10_000,
          stream: process.stderr,
        },
        Presets.shades_classic,
      );
      bar.start(s.load.seconds, 0);
      const measured = await run(s.load.seconds, bar);
      bar.stop();
      rows.push({
        scenario: s.scenario,
        arrivals: s.load.arrivals,
        lookup: s.lookup,
        ...measured,
        loadAverage: round(loadavg()[0] ?? 0),
        skipped: null,
      });
    }
    const ratio = (a: ProfileScenarioRow['scenario'], b: ProfileScenarioRow['scenario']) => {
      const x = rows.find((r) => r.scenario === a && !r.skipped);
      const y = rows.find((r) => r.scenario === b && !r.skipped);
      return {
        p50: x && y ? round(x.latencyMs.p50 / y.latencyMs.p50) : null,
        p99: x && y ? round(x.latencyMs.p99 / y.latencyMs.p99) : null,
      };
    };
    return {
      population,
      identitySchema: schema,
      load: {
        rate: options.rate,
        seconds: options.seconds,
        serialSeconds: options.serialSeconds,
        pacedSeconds: options.pacedSeconds,
        warmupSeconds: options.warmupSeconds,
        connections: options.connections,
        sampleSeed: options.seed,
      },
      sampledPersons: ids.length,
      recordsPerSampledPerson: records,
      rows,
      gatewayOverDirect: ratio('gateway', 'direct'),
      gatewayOverDirectPaced: ratio('gateway-paced', 'direct-paced'),
      gatewayOverDirectSerial: ratio('gateway-serial', 'direct-serial'),
      target: TARGET,
      queries: { profile: PROFILE_QUERY, fullProfile: FULL_PROFILE_QUERY },
    };
  } finally {
    await stopServices(services);
  }
}

export function profileTable(report: ProfileBenchReport): string {
  const ms = (x: number) => (Number.isFinite(x) ? String(x) : '—');
  const offered = (r: ProfileScenarioRow) =>
    ({
      autocannon: `${r.targetRate} req/s, autocannon, ${r.connections} connections`,
      paced: `${r.targetRate} req/s, evenly spaced (≤ ${r.connections} in flight)`,
      serial: 'one at a time',
    })[r.arrivals];
  const verdict = (r: ProfileScenarioRow) =>
    r.targetRate === 0
      ? '—'
      : r.latencyMs.p99 <= report.target.p99Ms && r.throughput >= 0.95 * r.targetRate
        ? 'met'
        : 'missed';
  const lines = [
    `| lookup | offered load | achieved req/s | requests | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | non-2xx | errors | GraphQL errors | load avg (1 min) | p99 ≤ ${report.target.p99Ms} ms at ${report.target.rate} req/s |`,
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...report.rows.map((r) =>
      r.skipped
        ? `| ${r.lookup} | ${offered(r)} | — | — | — | — | — | — | — | — | — | ${r.loadAverage} | not run: ${r.skipped} |`
        : `| ${r.lookup} | ${offered(r)} | ${r.throughput} | ${r.requests.toLocaleString('en')} | ${ms(r.latencyMs.p50)} | ${ms(r.latencyMs.p95)} | ${ms(r.latencyMs.p99)} | ${ms(r.latencyMs.max)} | ${r.non2xx} | ${r.errors} | ${r.graphqlErrors} | ${r.loadAverage} | ${verdict(r)} |`,
    ),
  ];
  const ratios = [
    ['autocannon at the fixed rate', report.gatewayOverDirect],
    ['evenly spaced at the same rate', report.gatewayOverDirectPaced],
    ['one at a time', report.gatewayOverDirectSerial],
  ] as const;
  for (const [when, ratio] of ratios) {
    if (ratio.p50 !== null && ratio.p99 !== null) {
      lines.push(
        '',
        `Gateway / direct, same query, same run, ${when}: p50 ×${ratio.p50}, p99 ×${ratio.p99}.`,
      );
    }
  }
  return lines.join('\n');
}
