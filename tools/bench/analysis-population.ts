// The population the analysis bench queries: one synthetic set (persons,
// seed) as the analysis read model holds it, in both run modes, built once
// and reused while complete. The read model is written by the service's own
// code: each synthetic record becomes the source event its source publishes,
// mapped by the projection's ProjectionEventMapper (JSON Schema checks
// included) and applied by the ReadModelWriter in the projection's batch
// size, together with one identity.person.v1 CREATED event per true person
// that places every record on its TRUE person. Resolution is not what this
// bench measures (see the resolution and profile suites); the graph and the
// search see the ground-truth clustering. Infra mode: a PostgreSQL database
// of its own (`mosaic_banal_p<persons>_s<seed>_analysis`, marker in
// `…_bench`) and an Elasticsearch person index filled from that read model by
// the committed indexer (reindexAll). Embedded mode: a PGlite folder under
// .data/bench/ (git-ignored), marker file beside it.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import {
  createPersonSearchIndexer,
  PERSON_TOPIC,
  ReadModelWriter,
  truthPersonId,
  analysisEntities,
  analysisMigrations,
  type PersonChange,
  type ReadModelPersonEvent,
  type ReadModelRecordEvent,
  type ReadModelRejectedEvent,
} from '@mosaic/analysis-data';
import { ANALYSIS_SOURCE_TOPICS, type AnalysisSource } from '@mosaic/analysis-model';
import { createEnvelope, type ConsumedEvent } from '@mosaic/event-bus';
import { openServiceDataSource } from '@mosaic/persistence';
import { createSearchClient, type SearchClient } from '@mosaic/search-engine';
import { blockCount, generateBlocks, resolveSynthOptions, type SynthBlock } from '@mosaic/synth';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { loadAnalysisConfig } from '../../apps/analysis/src/config/analysis.config';
import { ProjectionEventMapper } from '../../apps/analysis/src/projection/projection-event.mapper';

const root = resolve(__dirname, '../..');

export type AnalysisMode = 'embedded' | 'infra';

export interface AnalysisInfraUrls {
  databaseUrl: string;
  kafkaBrokers: string;
  searchUrl: string;
}

export interface ReadModelCounts {
  /** Source events mapped (travel encounters, seizure subjects, fingerprint enrollments). */
  sourceEvents: number;
  /** identity.person.v1 events (one CREATED per true person with records). */
  personEvents: number;
  /** Events the mapper refused (claimed as dead-lettered, as the projection would). */
  rejectedEvents: number;
  records: number;
  identifiers: number;
  /** Persons holding at least one record. */
  persons: number;
}

export interface ModePopulation {
  mode: AnalysisMode;
  /** The PostgreSQL database or the PGlite folder. */
  location: string;
  counts: ReadModelCounts;
  /** Wall-clock seconds of this mode's writes (ReadModelWriter batches and the final ANALYZE). */
  buildSeconds: number;
  builtAt: string;
  reused: boolean;
}

export interface SearchIndexPopulation {
  index: string;
  documents: number;
  /** Wall-clock seconds of reindexAll from the infra read model. */
  buildSeconds: number;
  builtAt: string;
  reused: boolean;
}

export interface AnalysisPopulation {
  persons: number;
  seed: number;
  /** Seconds spent generating and mapping the synthetic events in this run (0 when all was reused). */
  generateSeconds: number;
  modes: Partial<Record<AnalysisMode, ModePopulation>>;
  searchIndex: SearchIndexPopulation | null;
  /** The criminal networks of the ground truth: member person ids (read-model UUIDs). */
  networks: string[][];
}

/** What a complete read model's marker holds. */
interface ReadModelMarker {
  persons: number;
  seed: number;
  counts: ReadModelCounts;
  buildSeconds: number;
  builtAt: string;
  networks: string[][];
}

interface SearchIndexMarker {
  index: string;
  documents: number;
  buildSeconds: number;
  builtAt: string;
  /** builtAt of the read model it was indexed from: a rebuilt read model needs a new index. */
  readModelBuiltAt: string;
}

/** Events per ReadModelWriter batch: the projection's default (MOSAIC_ANALYSIS_BATCH_SIZE). */
const BATCH_SIZE = loadAnalysisConfig({ MOSAIC_MODE: 'embedded' }).extra.MOSAIC_ANALYSIS_BATCH_SIZE;

export function analysisPrefix(persons: number, seed: number): string {
  return `mosaic_banal_p${persons}_s${seed}_`;
}

export function analysisSearchIndex(persons: number, seed: number): string {
  return `mosaic-bench-analysis-p${persons}-s${seed}`;
}

export function embeddedDataDir(persons: number, seed: number): string {
  return join(root, '.data', 'bench', `analysis-p${persons}-s${seed}`);
}

export function analysisInfraUrls(env: NodeJS.ProcessEnv = process.env): AnalysisInfraUrls {
  return {
    databaseUrl: (env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, ''),
    kafkaBrokers: env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
    searchUrl: env['SEARCH_URL'] ?? 'http://127.0.0.1:9200',
  };
}

/** The analysis service's environment in each mode, as it would boot on this population. */
export function analysisEnv(
  mode: AnalysisMode,
  persons: number,
  seed: number,
  urls: AnalysisInfraUrls,
): Record<string, string> {
  return mode === 'infra'
    ? {
        MOSAIC_MODE: 'infra',
        DATABASE_URL: urls.databaseUrl,
        KAFKA_BROKERS: urls.kafkaBrokers,
        SEARCH_URL: urls.searchUrl,
        MOSAIC_DATABASE_PREFIX: analysisPrefix(persons, seed),
        MOSAIC_ANALYSIS_SEARCH_INDEX: analysisSearchIndex(persons, seed),
        // Infra mode requires a token secret and the gateway's own, other key; the bench reads
        // the database only, never the subgraph.
        MOSAIC_AUTH_SECRET:
          process.env['MOSAIC_AUTH_SECRET'] ?? 'bench-only-secret-never-used-for-a-token',
        MOSAIC_GATEWAY_SECRET:
          process.env['MOSAIC_GATEWAY_SECRET'] ?? 'bench-only-gateway-key-never-signs-a-call',
      }
    : { MOSAIC_MODE: 'embedded', MOSAIC_DATA_DIR: embeddedDataDir(persons, seed) };
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Opens (and migrates) the read model of one mode, as the analysis service opens it. */
export async function openReadModel(
  mode: AnalysisMode,
  persons: number,
  seed: number,
  urls: AnalysisInfraUrls,
): Promise<DataSource> {
  const config = loadAnalysisConfig(analysisEnv(mode, persons, seed, urls));
  return openServiceDataSource({
    database: config.database as NonNullable<typeof config.database>,
    entities: analysisEntities,
    migrations: analysisMigrations,
  });
}

const markerDatabase = (persons: number, seed: number) => `${analysisPrefix(persons, seed)}bench`;
const readModelDatabase = (persons: number, seed: number) =>
  `${analysisPrefix(persons, seed)}analysis`;
const markerFile = (persons: number, seed: number) =>
  join(embeddedDataDir(persons, seed), 'population.json');

async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  return withClient(databaseUrl(serverUrl, 'postgres'), async (client) => {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rows.length > 0;
  });
}

async function infraMarkers(
  urls: AnalysisInfraUrls,
  persons: number,
  seed: number,
): Promise<{ readModel: ReadModelMarker | null; searchIndex: SearchIndexMarker | null }> {
  const name = markerDatabase(persons, seed);
  if (!(await databaseExists(urls.databaseUrl, name))) {
    return { readModel: null, searchIndex: null };
  }
  return withClient(databaseUrl(urls.databaseUrl, name), async (client) => {
    const rows = await client
      .query<{ kind: string; marker: unknown }>('SELECT kind, marker FROM population')
      .then((r) => r.rows)
      .catch(() => []);
    const of = (kind: string) => rows.find((r) => r.kind === kind)?.marker ?? null;
    return {
      readModel: of('read-model') as ReadModelMarker | null,
      searchIndex: of('search-index') as SearchIndexMarker | null,
    };
  });
}

async function writeInfraMarker(
  urls: AnalysisInfraUrls,
  persons: number,
  seed: number,
  kind: 'read-model' | 'search-index',
  marker: ReadModelMarker | SearchIndexMarker | null,
): Promise<void> {
  const name = markerDatabase(persons, seed);
  if (!(await databaseExists(urls.databaseUrl, name))) {
    await withClient(databaseUrl(urls.databaseUrl, 'postgres'), (c) =>
      c.query(`CREATE DATABASE ${name}`),
    );
  }
  await withClient(databaseUrl(urls.databaseUrl, name), async (client) => {
    await client.query(
      'CREATE TABLE IF NOT EXISTS population (kind text PRIMARY KEY, marker jsonb NOT NULL)',
    );
    if (marker === null) {
      await client.query('DELETE FROM population WHERE kind = $1', [kind]);
      return;
    }
    await client.query(
      `INSERT INTO population (kind, marker) VALUES ($1, $2)
       ON CONFLICT (kind) DO UPDATE SET marker = EXCLUDED.marker`,
      [kind, JSON.stringify(marker)],
    );
  });
}

async function embeddedMarker(persons: number, seed: number): Promise<ReadModelMarker | null> {
  const file = markerFile(persons, seed);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(await readFile(file, 'utf8')) as ReadModelMarker;
  } catch {
    return null;
  }
}

async function readModelCounts(
  db: DataSource,
): Promise<Pick<ReadModelCounts, 'records' | 'identifiers' | 'persons'>> {
  const [row] = (await db.query(
    `SELECT (SELECT count(*) FROM analysis_record)::int AS records,
            (SELECT count(*) FROM analysis_identifier)::int AS identifiers,
            (SELECT count(DISTINCT person_id) FROM analysis_record)::int AS persons`,
  )) as { records: number; identifiers: number; persons: number }[];
  return row as { records: number; identifiers: number; persons: number };
}

/** A read model whose marker and tables agree; anything else is rebuilt. */
async function stillComplete(db: DataSource, marker: ReadModelMarker | null): Promise<boolean> {
  if (marker === null) return false;
  const now = await readModelCounts(db);
  return (
    now.records === marker.counts.records &&
    now.identifiers === marker.counts.identifiers &&
    now.persons === marker.counts.persons
  );
}

const SEIZURE_TOPIC = ANALYSIS_SOURCE_TOPICS.seizure;

/**
 * One block's events as the projection consumes them: every source event its
 * sources publish (the shapes of apps/identity's synthetic source events),
 * then one CREATED person event per true person carrying all its records.
 */
function blockEvents(block: SynthBlock, offset: { n: number }): ConsumedEvent[] {
  const events: ConsumedEvent[] = [];
  const push = (topic: string, source: string, key: string, payload: unknown) =>
    events.push({
      topic,
      partition: 0,
      offset: String(offset.n++),
      envelope: createEnvelope({ type: `${source}.recorded`, source, key, payload }),
    });
  for (const r of block.travel) push(ANALYSIS_SOURCE_TOPICS.travel, 'travel', r.recordId, r);
  for (const c of block.seizure) {
    for (const s of c.subjects) {
      push(SEIZURE_TOPIC, 'seizure', s.subjectId, {
        ...s,
        caseId: c.recordId,
        caseNumber: c.caseNumber,
        openedAt: c.openedAt,
        coSubjectIds: c.subjects.filter((o) => o !== s).map((o) => o.subjectId),
      });
    }
  }
  for (const e of block.fingerprint) {
    push(ANALYSIS_SOURCE_TOPICS.fingerprint, 'fingerprint', e.recordId, e);
  }
  const recordsOf = new Map<string, PersonChange['records']>();
  for (const t of block.truthRecords) {
    const list = recordsOf.get(t.personId) ?? [];
    list.push({ source: t.source as AnalysisSource, recordId: t.recordId });
    recordsOf.set(t.personId, list);
  }
  for (const [synthId, records] of recordsOf) {
    const personId = truthPersonId(synthId);
    const change: PersonChange = {
      personId,
      change: 'CREATED',
      records,
      mergedInto: null,
      splitFrom: null,
      into: [],
      modelVersion: 'analysis-bench-truth',
      thresholdVersion: 'analysis-bench-truth',
    };
    push(PERSON_TOPIC, 'identity', personId, change);
  }
  return events;
}

interface Target {
  mode: AnalysisMode;
  db: DataSource;
  seconds: number;
}

/**
 * Streams the synthetic blocks once and writes each batch to every read model
 * that needs building (each timed on its own).
 */
async function writeReadModels(
  targets: Target[],
  persons: number,
  seed: number,
  log: (line: string) => void,
): Promise<{
  counts: Pick<ReadModelCounts, 'sourceEvents' | 'personEvents' | 'rejectedEvents'>;
  networks: string[][];
  generateSeconds: number;
}> {
  const synth = resolveSynthOptions({ persons, seed });
  const writer = new ReadModelWriter();
  const mapper = new ProjectionEventMapper();
  const counts = { sourceEvents: 0, personEvents: 0, rejectedEvents: 0 };
  const networks: string[][] = [];
  const offset = { n: 0 };
  let generateSeconds = 0;
  const bar = new SingleBar(
    {
      format: `  read model (${targets.map((t) => t.mode).join(' + ')}) {bar} {value}/{total} blocks | {events} events | ${targets
        .map((t) => `${t.mode} {${t.mode}} ev/s`)
        .join(' | ')} | ETA {eta_formatted}`,
      noTTYOutput: true,
      notTTYSchedule: 10_000,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  const rates = () =>
    Object.fromEntries(
      targets.map((t) => [
        t.mode,
        Math.round((counts.sourceEvents + counts.personEvents) / Math.max(t.seconds, 1e-3)),
      ]),
    );
  bar.start(blockCount(synth), 0, { events: 0, ...rates() });
  let started = process.hrtime.bigint();
  for (const block of generateBlocks(synth)) {
    for (const r of block.relationships) {
      if (r.type === 'CRIMINAL_NETWORK') networks.push(r.members.map(truthPersonId));
    }
    const records: ReadModelRecordEvent[] = [];
    const people: ReadModelPersonEvent[] = [];
    const rejected: ReadModelRejectedEvent[] = [];
    for (const event of blockEvents(block, offset)) {
      const mapped = mapper.map(event);
      if (mapped.kind === 'record') records.push(mapped);
      else if (mapped.kind === 'person') people.push(mapped);
      else rejected.push({ eventId: mapped.event.envelope.eventId, topic: mapped.event.topic });
    }
    counts.sourceEvents += records.length;
    counts.personEvents += people.length;
    counts.rejectedEvents += rejected.length;
    generateSeconds += Number(process.hrtime.bigint() - started) / 1e9;
    // The projection's batches: source and person events in arrival order, BATCH_SIZE at a time.
    const all = [
      ...records.map((e) => ({ record: e })),
      ...people.map((e) => ({ person: e })),
      ...rejected.map((e) => ({ rejected: e })),
    ];
    for (const target of targets) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < all.length; i += BATCH_SIZE) {
        const slice = all.slice(i, i + BATCH_SIZE);
        await writer.write(target.db, {
          records: slice.flatMap((e) => ('record' in e ? [e.record] : [])),
          persons: slice.flatMap((e) => ('person' in e ? [e.person] : [])),
          rejected: slice.flatMap((e) => ('rejected' in e ? [e.rejected] : [])),
        });
      }
      target.seconds += Number(process.hrtime.bigint() - t0) / 1e9;
    }
    bar.update(block.index + 1, {
      events: (counts.sourceEvents + counts.personEvents).toLocaleString('en'),
      ...rates(),
    });
    started = process.hrtime.bigint();
  }
  bar.stop();
  if (counts.rejectedEvents > 0) {
    log(`population: the projection mapper refused ${counts.rejectedEvents} events`);
  }
  return { counts, networks, generateSeconds: Math.round(generateSeconds * 10) / 10 };
}

/** Persons with a searchable record: what the search index should hold one document for. */
async function searchablePersons(db: DataSource): Promise<number> {
  const [row] = (await db.query(
    `SELECT count(DISTINCT r.person_id)::int AS n FROM analysis_record r
     WHERE r.person_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM analysis_person p WHERE p.id = r.person_id AND p.status <> 'ACTIVE')`,
  )) as { n: number }[];
  return row?.n ?? 0;
}

/** Documents in the index; null when it does not exist (an unreachable engine is an error). */
async function indexDocuments(client: SearchClient, index: string): Promise<number | null> {
  if (!(await client.indices.exists({ index }))) return null;
  await client.indices.refresh({ index });
  return (await client.count({ index })).count;
}

/** Fills the infra person index from the infra read model with the committed indexer. */
async function buildSearchIndex(
  db: DataSource,
  client: SearchClient,
  index: string,
  log: (line: string) => void,
): Promise<{ documents: number; buildSeconds: number }> {
  log(`population: indexing persons into ${index} (createPersonSearchIndexer().reindexAll)`);
  await client.indices.delete({ index, ignore_unavailable: true });
  const started = Date.now();
  const indexer = createPersonSearchIndexer({ session: db, client, index });
  const bar = new SingleBar(
    {
      format: '  search index {bar} {value}/{total} persons | {phase} | ETA {eta_formatted}',
      noTTYOutput: true,
      notTTYSchedule: 10_000,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  let begun = false;
  await indexer.reindexAll((p) => {
    if (!begun) {
      bar.start(p.total ?? 0, 0, { phase: p.phase });
      begun = true;
    }
    if (p.phase === 'index') bar.update(p.done, { phase: 'index' });
    else bar.update({ phase: `prune (${p.done.toLocaleString('en')} checked)` });
  });
  bar.stop();
  const buildSeconds = Math.round((Date.now() - started) / 100) / 10;
  return { documents: (await indexDocuments(client, index)) ?? 0, buildSeconds };
}

export interface OpenedPopulation {
  population: AnalysisPopulation;
  /** The open read models of the requested modes. */
  readModels: Partial<Record<AnalysisMode, DataSource>>;
  searchClient: SearchClient | null;
  close: () => Promise<void>;
}

/**
 * The analysis-bench population for (persons, seed) in the given modes: each
 * read model (and the infra search index) reused when its marker says it is
 * complete and its tables agree, built otherwise or when `rebuild` is set.
 * Returns them open.
 */
export async function ensureAnalysisPopulation(
  options: {
    persons: number;
    seed: number;
    modes: AnalysisMode[];
    rebuild?: boolean;
    urls?: AnalysisInfraUrls;
  },
  log: (line: string) => void,
): Promise<OpenedPopulation> {
  const { persons, seed } = options;
  const urls = options.urls ?? analysisInfraUrls();
  const readModels: Partial<Record<AnalysisMode, DataSource>> = {};
  let searchClient: SearchClient | null = null;
  const close = async () => {
    for (const db of Object.values(readModels)) if (db.isInitialized) await db.destroy();
    await searchClient?.close();
  };
  try {
    const population: AnalysisPopulation = {
      persons,
      seed,
      generateSeconds: 0,
      modes: {},
      searchIndex: null,
      networks: [],
    };
    const markers: Partial<Record<AnalysisMode, ReadModelMarker | null>> = {};
    const infra = options.modes.includes('infra')
      ? await infraMarkers(urls, persons, seed)
      : { readModel: null, searchIndex: null };
    const targets: Target[] = [];
    for (const mode of options.modes) {
      let marker = mode === 'infra' ? infra.readModel : await embeddedMarker(persons, seed);
      if (options.rebuild) marker = null;
      if (mode === 'infra') {
        const name = readModelDatabase(persons, seed);
        if (marker === null || !(await databaseExists(urls.databaseUrl, name))) {
          marker = null;
          await writeInfraMarker(urls, persons, seed, 'read-model', null);
          await withClient(databaseUrl(urls.databaseUrl, 'postgres'), async (c) => {
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            await c.query(`CREATE DATABASE ${name}`);
          });
        }
      } else if (marker === null) {
        await rm(embeddedDataDir(persons, seed), { recursive: true, force: true });
        await mkdir(embeddedDataDir(persons, seed), { recursive: true });
      }
      const db = await openReadModel(mode, persons, seed, urls);
      readModels[mode] = db;
      if (marker !== null && !(await stillComplete(db, marker))) {
        log(`population: the ${mode} read model no longer matches its marker: rebuilding it`);
        await db.destroy();
        delete readModels[mode];
        marker = null;
        if (mode === 'infra') {
          await writeInfraMarker(urls, persons, seed, 'read-model', null);
          const name = readModelDatabase(persons, seed);
          await withClient(databaseUrl(urls.databaseUrl, 'postgres'), async (c) => {
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            await c.query(`CREATE DATABASE ${name}`);
          });
        } else {
          await rm(embeddedDataDir(persons, seed), { recursive: true, force: true });
          await mkdir(embeddedDataDir(persons, seed), { recursive: true });
        }
        readModels[mode] = await openReadModel(mode, persons, seed, urls);
      }
      markers[mode] = marker;
      const location =
        mode === 'infra'
          ? readModelDatabase(persons, seed)
          : join(embeddedDataDir(persons, seed), 'analysis');
      if (marker !== null) {
        log(
          `population: reusing the ${mode} read model ${location} (${marker.counts.records.toLocaleString('en')} records, ` +
            `${marker.counts.persons.toLocaleString('en')} persons; built ${marker.builtAt} in ${marker.buildSeconds} s)`,
        );
        population.modes[mode] = {
          mode,
          location,
          counts: marker.counts,
          buildSeconds: marker.buildSeconds,
          builtAt: marker.builtAt,
          reused: true,
        };
        population.networks = marker.networks;
        // Fresh planner statistics, whatever autovacuum did or did not do since.
        await (readModels[mode] as DataSource).query('ANALYZE');
      } else {
        log(`population: building the ${mode} read model ${location}`);
        targets.push({ mode, db: readModels[mode] as DataSource, seconds: 0 });
      }
    }

    if (targets.length > 0) {
      const written = await writeReadModels(targets, persons, seed, log);
      population.generateSeconds = written.generateSeconds;
      population.networks = written.networks;
      for (const target of targets) {
        const t0 = process.hrtime.bigint();
        log(`population: VACUUM ANALYZE of the ${target.mode} read model`);
        await target.db.query('VACUUM ANALYZE');
        target.seconds += Number(process.hrtime.bigint() - t0) / 1e9;
        const counts: ReadModelCounts = {
          ...written.counts,
          ...(await readModelCounts(target.db)),
        };
        const marker: ReadModelMarker = {
          persons,
          seed,
          counts,
          buildSeconds: Math.round(target.seconds * 10) / 10,
          builtAt: new Date().toISOString(),
          networks: written.networks,
        };
        if (target.mode === 'infra') {
          await writeInfraMarker(urls, persons, seed, 'read-model', marker);
        } else {
          await writeFile(markerFile(persons, seed), JSON.stringify(marker) + '\n');
        }
        markers[target.mode] = marker;
        population.modes[target.mode] = {
          mode: target.mode,
          location:
            target.mode === 'infra'
              ? readModelDatabase(persons, seed)
              : join(embeddedDataDir(persons, seed), 'analysis'),
          counts,
          buildSeconds: marker.buildSeconds,
          builtAt: marker.builtAt,
          reused: false,
        };
        log(
          `population: ${target.mode} read model built in ${marker.buildSeconds} s — ` +
            `${counts.records.toLocaleString('en')} records, ${counts.identifiers.toLocaleString('en')} identifiers, ` +
            `${counts.persons.toLocaleString('en')} persons`,
        );
      }
    }

    if (options.modes.includes('infra')) {
      const db = readModels.infra as DataSource;
      const readModelBuiltAt = (markers.infra as ReadModelMarker).builtAt;
      const index = analysisSearchIndex(persons, seed);
      searchClient = createSearchClient(urls.searchUrl, 60_000);
      const expected = await searchablePersons(db);
      const marker = options.rebuild ? null : infra.searchIndex;
      const documents = await indexDocuments(searchClient, index);
      if (
        marker !== null &&
        marker.readModelBuiltAt === readModelBuiltAt &&
        documents === expected &&
        marker.documents === expected
      ) {
        log(
          `population: reusing search index ${index} (${documents.toLocaleString('en')} persons; ` +
            `built ${marker.builtAt} in ${marker.buildSeconds} s)`,
        );
        population.searchIndex = { ...marker, reused: true };
      } else {
        const built = await buildSearchIndex(db, searchClient, index, log);
        if (built.documents !== expected) {
          throw new Error(
            `search index ${index} holds ${built.documents} persons, the read model ${expected}`,
          );
        }
        const fresh: SearchIndexMarker = {
          index,
          documents: built.documents,
          buildSeconds: built.buildSeconds,
          builtAt: new Date().toISOString(),
          readModelBuiltAt,
        };
        await writeInfraMarker(urls, persons, seed, 'search-index', fresh);
        population.searchIndex = { ...fresh, reused: false };
        log(
          `population: search index built in ${built.buildSeconds} s (${built.documents.toLocaleString('en')} persons)`,
        );
      }
    }
    return { population, readModels, searchClient, close };
  } catch (error) {
    await close();
    throw error;
  }
}
