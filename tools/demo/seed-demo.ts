// The demo population `npm start` seeds into empty source databases: synthetic
// records written through each source's own store into the running source's
// database, so that its outbox relay publishes them and the identity service
// resolves them — the path real records take, not a shortcut into identity.
import { Presets, SingleBar } from 'cli-progress';
import { ConfigValidationError, type ConfigIssue } from '@mosaic/config';
import { FingerprintEnrollmentStore, fingerprintEnrollmentSchema } from '@mosaic/fingerprint-data';
import type { RecordSink } from '@mosaic/ingest';
import { SOURCE_TOPICS } from '@mosaic/resolution';
import { SeizureCaseStore, seizureCaseSchema } from '@mosaic/seizure-data';
import { generateBlocks, resolveSynthOptions, type SynthBlock } from '@mosaic/synth';
import { TravelEncounterStore, travelEncounterSchema } from '@mosaic/travel-data';
import { parseRecord } from '@mosaic/validation';
import type { DataSource } from 'typeorm';
import type { ZodType } from 'zod';

export type DemoSourceName = 'travel' | 'seizure' | 'fingerprint';

export const DEFAULT_DEMO_PERSONS = 300;
export const DEFAULT_DEMO_SEED = 1;

export interface DemoOptions {
  /** Synthetic persons to seed; 0 seeds nothing. */
  persons: number;
  seed: number;
}

const MAX_DEMO_PERSONS = 1_000_000;

function wholeNumber(
  env: Record<string, string | undefined>,
  variable: string,
  fallback: number,
  max: number,
  issues: ConfigIssue[],
  hint: string,
): number {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value > max) {
    issues.push({
      variable,
      reason: `must be a whole number from 0 to ${max}${hint}, got "${raw}"`,
    });
  }
  return value;
}

/**
 * The demo settings from the environment: MOSAIC_DEMO_PERSONS (default 300,
 * 0 = no demo data) and MOSAIC_DEMO_SEED (default 1). A bad value stops
 * `npm start` before any service boots, naming the variable.
 */
export function loadDemoOptions(
  env: Record<string, string | undefined> = process.env,
): DemoOptions {
  const issues: ConfigIssue[] = [];
  const persons = wholeNumber(
    env,
    'MOSAIC_DEMO_PERSONS',
    DEFAULT_DEMO_PERSONS,
    MAX_DEMO_PERSONS,
    issues,
    ' (0 = no demo data)',
  );
  const seed = wholeNumber(env, 'MOSAIC_DEMO_SEED', DEFAULT_DEMO_SEED, 0xffffffff, issues, '');
  if (issues.length > 0) throw new ConfigValidationError('demo', issues);
  return { persons, seed };
}

/**
 * The example queries `npm start` prints, in one place: the selection sets
 * follow schema/identity.graphql and are adjusted here when it changes.
 */
export const DEMO_QUERY_SELECTIONS = {
  personByRecord:
    'id attributes { names { value support { records } } } travelEncounters { id port } seizureRecords { id role } fingerprintEnrollments { id }',
  identify:
    'candidates { rank person { id } probability modality verified } gallerySize thresholdVersion notice',
  reviewQueue:
    'edges { node { id state records { source recordId } priority { score personSizes officerWaiting } comparison { heldBecause probability } } } hasNextPage endCursor',
} as const;

/** The review queue query `npm start` prints (a REVIEWER or SUPERVISOR runs it). */
export const DEMO_REVIEW_QUEUE_QUERY = `{ reviewQueue(first: 5) { ${DEMO_QUERY_SELECTIONS.reviewQueue} } }`;

/**
 * Open review items (PENDING or ESCALATED): the pairs the resolver held for
 * people. Resolving the demo population leaves some (biographic-only pairs
 * never auto-link), so the queue of the demo is not empty.
 */
export async function openReviewItems(identity: DataSource): Promise<number> {
  const [row] = (await identity.query(
    "SELECT count(*)::int AS n FROM review_item WHERE state IN ('PENDING', 'ESCALATED')",
  )) as { n: number }[];
  return Number(row?.n ?? 0);
}

export function demoQueries(travelRecordId: string): { personByRecord: string; identify: string } {
  const id = JSON.stringify(travelRecordId);
  return {
    personByRecord: `{ personByRecord(source: TRAVEL, recordId: ${id}) { ${DEMO_QUERY_SELECTIONS.personByRecord} } }`,
    identify: `{ identify(input: { source: TRAVEL, recordId: ${id}, modality: FACE }) { ${DEMO_QUERY_SELECTIONS.identify} } }`,
  };
}

/** POSIX shell single quoting. */
const quoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * A curl command line that posts `query` to `graphqlUrl` with `headers` (the
 * token, purpose and case every operation carries).
 */
export function curlCommand(
  graphqlUrl: string,
  query: string,
  headers: Readonly<Record<string, string>> = {},
): string {
  const sent = Object.entries({ 'content-type': 'application/json', ...headers })
    .map(([name, value]) => `-H ${quoted(`${name}: ${value}`)}`)
    .join(' ');
  return `curl -s ${graphqlUrl} ${sent} --data ${quoted(JSON.stringify({ query }))}`;
}

/** A resolved demo person to look up: the one seen by the most sources, by one of its travel records. */
export interface DemoExample {
  personId: string;
  travelRecordId: string;
  /** Sources the person's records come from (all three when the demo went well). */
  sources: DemoSourceName[];
  /** Whether the travel record carries a face capture (what `identify` by FACE needs). */
  travelRecordHasFace: boolean;
}

/**
 * Finds the example person in the identity database: an active person with
 * a travel record and records in as many sources as possible (all three when
 * there is one), looked up by its lowest travel record id, preferring one with
 * a face. Record ids come from the seeded generator, so the same seed gives
 * the same example; null when identity holds no travel record.
 */
export async function findDemoExample(identity: DataSource): Promise<DemoExample | null> {
  const rows = (await identity.query(
    `WITH persons AS (
       SELECT r.person_id, array_agg(DISTINCT r.source) AS sources
         FROM identity_record r
         JOIN person p ON p.id = r.person_id AND p.status = 'ACTIVE'
        GROUP BY r.person_id
       HAVING bool_or(r.source = 'travel')
     )
     SELECT ps.person_id, ps.sources, t.record_id, t.has_face
       FROM persons ps
       CROSS JOIN LATERAL (
         SELECT record_id, face IS NOT NULL AS has_face
           FROM identity_record
          WHERE person_id = ps.person_id AND source = 'travel'
          ORDER BY face IS NULL, record_id
          LIMIT 1
       ) t
      ORDER BY cardinality(ps.sources) DESC, t.has_face DESC, t.record_id
      LIMIT 1`,
  )) as { person_id: string; sources: string[] | string; record_id: string; has_face: boolean }[];
  const row = rows[0];
  if (!row) return null;
  return {
    personId: row.person_id,
    travelRecordId: row.record_id,
    sources: pgArray(row.sources).sort(bySourceOrder) as DemoSourceName[],
    travelRecordHasFace: row.has_face,
  };
}

const SOURCE_ORDER: readonly string[] = ['travel', 'seizure', 'fingerprint'];
const bySourceOrder = (a: string, b: string) => SOURCE_ORDER.indexOf(a) - SOURCE_ORDER.indexOf(b);

/** A text[] as the driver returns it: an array (pg) or its literal `{a,b}` (some drivers). */
function pgArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return [...value];
  return value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean);
}

/** How one source's records are stored: its own store, behind its own validation. */
interface DemoSource {
  /** The table of the records a file line stands for (empty table = empty source). */
  table: string;
  schema: ZodType;
  sink: () => RecordSink<unknown>;
  records: (block: SynthBlock) => readonly unknown[];
}

const DEMO_SOURCES: Readonly<Record<DemoSourceName, DemoSource>> = {
  travel: {
    table: 'travel_encounter',
    schema: travelEncounterSchema,
    sink: () => new TravelEncounterStore() as RecordSink<unknown>,
    records: (block) => block.travel,
  },
  seizure: {
    table: 'seizure_case',
    schema: seizureCaseSchema,
    sink: () => new SeizureCaseStore() as RecordSink<unknown>,
    records: (block) => block.seizure,
  },
  fingerprint: {
    table: 'fingerprint_enrollment',
    schema: fingerprintEnrollmentSchema,
    sink: () => new FingerprintEnrollmentStore() as RecordSink<unknown>,
    records: (block) => block.fingerprint,
  },
};

const SOURCE_NAMES = Object.keys(DEMO_SOURCES) as DemoSourceName[];

/** The topics identity resolves (the seizure source also publishes case events, which it does not). */
const RESOLVED_TOPICS: string[] = Object.values(SOURCE_TOPICS);

/** Records per transaction. */
const BATCH = 250;

export class DemoSeedStalledError extends Error {
  readonly code = 'DEMO_SEED_STALLED';
  constructor(done: number, total: number, seconds: number) {
    super(
      `the identity service resolved ${done} of ${total} demo events and then nothing for ${seconds} s; ` +
        'its log above says why (or raise stallTimeoutMs if it is just slow on this machine)',
    );
    this.name = 'DemoSeedStalledError';
  }
}

export interface SeedDemoOptions {
  /** Each running source's database (`app.get(SERVICE_DATA_SOURCE)`). */
  sources: Record<DemoSourceName, DataSource>;
  /** The running identity service's database, read to follow its progress. */
  identity: DataSource;
  persons: number;
  seed: number;
  /** Generator option overrides, as `mosaic synth --set path=value` takes them. */
  overrides?: Readonly<Record<string, string>>;
  /** Seed only when every source is empty (default); false writes anyway, which the stores make a no-op for stored records. */
  onlyIfEmpty?: boolean;
  /** Progress bars on stderr. */
  progress?: boolean;
  /** Give up when identity resolves nothing for this long (default 180 s). */
  stallTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface SeedDemoResult {
  /** False when seeding was skipped because a source already held records. */
  seeded: boolean;
  /** Records each source's store inserted (seizure: cases). */
  inserted: Record<DemoSourceName, number>;
  /** Events the relays publish that identity resolves (one per encounter, seizure subject, enrollment). */
  events: number;
  /** Of those, events identity could not resolve and sent to a dead-letter topic. */
  deadLettered: number;
  example: DemoExample | null;
}

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

async function countRows(dataSource: DataSource, table: string): Promise<number> {
  const [row] = (await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as {
    n: number;
  }[];
  return Number(row?.n ?? 0);
}

function bar(format: string, enabled: boolean): SingleBar | null {
  if (!enabled) return null;
  return new SingleBar(
    {
      format,
      stream: process.stderr,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5_000,
    },
    Presets.shades_classic,
  );
}

/**
 * Seeds a synthetic demo population into the running sources and waits until
 * the identity service has resolved every record it published. Writing the
 * same population again inserts nothing and publishes nothing: the stores
 * skip record ids they already hold.
 */
export async function seedDemoPopulation(options: SeedDemoOptions): Promise<SeedDemoResult> {
  const log = options.log ?? (() => undefined);
  const inserted: Record<DemoSourceName, number> = { travel: 0, seizure: 0, fingerprint: 0 };
  const existing = Object.fromEntries(
    await Promise.all(
      SOURCE_NAMES.map(
        async (name) =>
          [name, await countRows(options.sources[name], DEMO_SOURCES[name].table)] as const,
      ),
    ),
  ) as Record<DemoSourceName, number>;
  if ((options.onlyIfEmpty ?? true) && SOURCE_NAMES.some((name) => existing[name] > 0)) {
    log(
      `demo data: not seeding, the sources already hold records (travel ${existing.travel}, seizure ${existing.seizure} cases, fingerprint ${existing.fingerprint})`,
    );
    return {
      seeded: false,
      inserted,
      events: 0,
      deadLettered: 0,
      example: await findDemoExample(options.identity),
    };
  }

  const synth = resolveSynthOptions(
    { persons: options.persons, seed: options.seed },
    options.overrides,
  );
  log(`demo data: seeding ${synth.persons} synthetic persons (seed ${synth.seed})`);
  const started = Date.now();
  const eventIds: string[] = [];
  let written = 0;
  let total = 0;
  const writing = bar('  write    {bar} {value}/{total} records', options.progress ?? false);
  try {
    for (const block of generateBlocks(synth)) {
      total += SOURCE_NAMES.reduce((n, name) => n + DEMO_SOURCES[name].records(block).length, 0);
      // Blocks come one at a time: the total grows as they do.
      if (block.index === 0) writing?.start(total, 0);
      else writing?.setTotal(total);
      for (const name of SOURCE_NAMES) {
        const source = DEMO_SOURCES[name];
        const records = source.records(block).map((r) => parseRecord(source.schema, r) as unknown);
        for (let i = 0; i < records.length; i += BATCH) {
          const batch = records.slice(i, i + BATCH);
          const stored = await storeBatch(options.sources[name], source.sink(), batch);
          inserted[name] += stored.inserted;
          eventIds.push(...stored.eventIds);
          written += batch.length;
          writing?.update(written);
        }
      }
    }
  } finally {
    writing?.stop();
  }
  log(
    `demo data: stored travel ${inserted.travel} encounters, seizure ${inserted.seizure} cases, fingerprint ${inserted.fingerprint} enrollments` +
      ` (${written - inserted.travel - inserted.seizure - inserted.fingerprint} already stored) in ${seconds(started)} s; ${eventIds.length} events for identity`,
  );

  const waited = Date.now();
  const { deadLettered } = await waitForIdentity(options, eventIds);
  log(`demo data: identity resolved ${eventIds.length} events in ${seconds(waited)} s`);
  if (deadLettered > 0) {
    log(
      `demo data: identity sent ${deadLettered} events to a dead-letter topic; the identity log says why`,
    );
  }
  return {
    seeded: true,
    inserted,
    events: eventIds.length,
    deadLettered,
    example: await findDemoExample(options.identity),
  };
}

/**
 * One batch in one transaction through the source's store, with the ids of
 * the events it queued for identity (the outbox rows it added, read in the
 * same transaction).
 */
async function storeBatch(
  dataSource: DataSource,
  sink: RecordSink<unknown>,
  batch: readonly unknown[],
): Promise<{ inserted: number; eventIds: string[] }> {
  return dataSource.transaction(async (manager) => {
    const [before] = (await manager.query(
      'SELECT coalesce(max(position), 0)::text AS last FROM outbox',
    )) as { last: string }[];
    const { inserted } = await sink.storeBatch(manager, batch);
    const rows = (await manager.query(
      'SELECT event_id FROM outbox WHERE position > $1 AND topic = ANY($2) ORDER BY position',
      [before?.last ?? '0', RESOLVED_TOPICS],
    )) as { event_id: string }[];
    return { inserted, eventIds: rows.map((r) => r.event_id) };
  });
}

/** Polls identity's processed events until every one of `eventIds` is there. */
async function waitForIdentity(
  options: SeedDemoOptions,
  eventIds: readonly string[],
): Promise<{ deadLettered: number }> {
  const stallMs = options.stallTimeoutMs ?? 180_000;
  const resolving = bar(
    '  resolve  {bar} {value}/{total} events resolved by identity',
    options.progress ?? false,
  );
  resolving?.start(eventIds.length, 0);
  let last = -1;
  let changedAt = Date.now();
  try {
    for (;;) {
      const [row] = (await options.identity.query(
        `SELECT count(*)::int AS done, count(*) FILTER (WHERE outcome = 'DEAD_LETTERED')::int AS dead
           FROM processed_event WHERE event_id = ANY($1::uuid[])`,
        [eventIds],
      )) as { done: number; dead: number }[];
      const done = Number(row?.done ?? 0);
      resolving?.update(done);
      if (done >= eventIds.length) return { deadLettered: Number(row?.dead ?? 0) };
      if (done !== last) {
        last = done;
        changedAt = Date.now();
      } else if (Date.now() - changedAt > stallMs) {
        throw new DemoSeedStalledError(done, eventIds.length, Math.round(stallMs / 1000));
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    resolving?.stop();
  }
}
