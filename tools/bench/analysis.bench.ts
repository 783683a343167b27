// Person search and link analysis latency, embedded mode (PGlite read model:
// PgPersonSearch + PgLinkGraph) side by side with infra mode (PostgreSQL read
// model: ElasticsearchPersonSearch + PgLinkGraph) in one run, on the same
// population and the same seeded workload (see analysis-population.ts and
// analysis-workload.ts). The adapters are called in-process (no HTTP, no
// GraphQL), one query at a time from one client, after a warm-up; each
// operation runs in both modes before the next, so other work on the machine
// weighs on both alike. Reports p50/p95/p99/max per operation and mode, how
// often a cap truncated a result, embedded/infra ratios and 3-hop/2-hop.
import { loadavg } from 'node:os';
import type { DataSource } from 'typeorm';
import { Presets, SingleBar } from 'cli-progress';
import { ElasticsearchPersonSearch, PgLinkGraph, PgPersonSearch } from '@mosaic/analysis-data';
import {
  EDGE_TYPES,
  GRAPH_LIMITS,
  SEARCH_LIMITS,
  TRUNCATION_REASONS,
  type LinkGraph,
  type PersonSearchIndex,
  type TruncationReason,
} from '@mosaic/analysis-model';
import {
  analysisSearchIndex,
  ensureAnalysisPopulation,
  type AnalysisMode,
  type AnalysisPopulation,
} from './analysis-population';
import {
  buildAnalysisWorkload,
  type AnalysisWorkload,
  type PathCase,
  type SearchCase,
} from './analysis-workload';
import { percentile } from './bench-support';

export interface AnalysisBenchOptions {
  persons: number;
  seed: number;
  modes: AnalysisMode[];
  /** Measured queries per operation (each mode runs the same ones). */
  nameSearches: number;
  documentSearches: number;
  subjects: number;
  /** Subjects of the 3-hop run (the first of the 2-hop subjects); at most `subjects`. */
  threeHopSubjects: number;
  paths: number;
  /** Queries of each operation run first and not measured (drawn apart from the measured ones). */
  warmup: number;
  workloadSeed: number;
  rebuild: boolean;
  populationOnly: boolean;
}

export type AnalysisOperation =
  'search-name' | 'search-document' | 'search-all' | 'neighbors-2' | 'neighbors-3' | 'paths';

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface AnalysisRow {
  operation: AnalysisOperation;
  mode: AnalysisMode;
  adapter: string;
  queries: number;
  seconds: number;
  latencyMs: Latency;
  errors: number;
  errorSamples: string[];
  /** Results a cap cut (graph: `truncated`; search: the count reached SEARCH_LIMITS.countCap). */
  truncated: number;
  truncatedBy: Partial<Record<TruncationReason, number>>;
  /** Graph results that reported at least one skipped hub. */
  withSkippedHubs: number;
  /** Search: hits per query, queries whose made-from person was among the hits, queries with more than one page. */
  search?: { meanHits: number; foundSubject: number; morePages: number };
  /** Neighbourhoods: persons and edges returned. */
  neighbourhood?: { meanNodes: number; maxNodes: number; meanEdges: number };
  /** Paths: pairs connected, by length found; shortest paths listed per pair. */
  paths?: { connected: number; byHops: Record<string, number>; meanPaths: number };
  /**
   * Latency by kind of query: search by noise and by narrowing filter, paths by the length
   * found (`none`: no path within the hops).
   */
  slices?: Record<string, Latency & { queries: number }>;
  /** The machine's 1-minute load average as the run ended. */
  loadAverage: number;
  /** Raw latencies (ms), kept for combined rows; not written to the report. */
  samples?: number[];
}

export interface AnalysisRatio {
  operation: AnalysisOperation;
  /** Embedded over infra, same queries. */
  p50: number | null;
  p99: number | null;
}

/** The population as reported: the network member lists left out, their number kept. */
export type PopulationSummary = Omit<AnalysisPopulation, 'networks'> & { networkCount: number };

const summary = ({ networks, ...rest }: AnalysisPopulation): PopulationSummary => ({
  ...rest,
  networkCount: networks.length,
});

export interface AnalysisBenchReport {
  population: PopulationSummary;
  workload: {
    seed: number;
    nameSearches: number;
    documentSearches: number;
    subjects: number;
    threeHopSubjects: number;
    networkMemberSubjects: number;
    paths: number;
    pathsByExpectedHops: Record<string, number>;
    noise: Record<string, number>;
    filters: Record<string, number>;
    warmup: number;
    subjectSampling: AnalysisWorkload['subjectSampling'];
    pathOrigins: number;
    examples: { name: string[]; document: string[] };
  };
  limits: { graph: typeof GRAPH_LIMITS; search: typeof SEARCH_LIMITS };
  rows: AnalysisRow[];
  embeddedOverInfra: AnalysisRatio[];
  /** Within each mode: 3-hop over 2-hop, paths over 2-hop, document over name search. */
  withinMode: {
    mode: AnalysisMode;
    threeOverTwoHop: { p50: number | null; p99: number | null };
    pathsOverTwoHop: { p50: number | null; p99: number | null };
    documentOverName: { p50: number | null; p99: number | null };
  }[];
  targets: { operation: AnalysisOperation; p99Ms: number }[];
  /**
   * Where a 2-hop neighbourhood's time goes, per mode: the mean time per query spent in each
   * edge family's statement (PgLinkGraph runs one per family and hop), from a separate pass
   * over the first subjects after the measured runs.
   */
  twoHopBreakdown: {
    mode: AnalysisMode;
    subjects: number;
    meanMs: number;
    statementsPerQuery: number;
    familyMs: Record<string, number>;
  }[];
}

export const ANALYSIS_TARGETS: { operation: AnalysisOperation; p99Ms: number }[] = [
  { operation: 'search-all', p99Ms: 100 },
  { operation: 'search-name', p99Ms: 100 },
  { operation: 'search-document', p99Ms: 100 },
  { operation: 'neighbors-2', p99Ms: 150 },
  { operation: 'paths', p99Ms: 300 },
];

const round = (x: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / Math.max(sorted.length, 1);
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
    mean: round(mean),
  };
}

const ratio = (a: number | undefined, b: number | undefined): number | null =>
  a === undefined || b === undefined || !(b > 0) ? null : round(a / b);

const count = <T>(items: readonly T[], key: (item: T) => string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
};

interface Adapters {
  mode: AnalysisMode;
  search: PersonSearchIndex;
  searchName: string;
  graph: LinkGraph;
}

type Outcome = Pick<
  AnalysisRow,
  'truncated' | 'truncatedBy' | 'withSkippedHubs' | 'search' | 'neighbourhood' | 'paths' | 'slices'
>;

/** Latencies grouped by label. */
class Slices {
  private readonly samples = new Map<string, number[]>();
  add(label: string, ms: number): void {
    this.samples.set(label, [...(this.samples.get(label) ?? []), ms]);
  }
  summary(): Record<string, Latency & { queries: number }> {
    return Object.fromEntries(
      [...this.samples.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([label, list]) => [label, { queries: list.length, ...latency(list) }]),
    );
  }
}

/**
 * Runs `cases` one at a time (after `warmup` unmeasured ones) and times each
 * adapter call alone; `observe` reads the result into the row's tallies.
 */
async function measure<C, R>(
  label: string,
  warmup: readonly C[],
  cases: readonly C[],
  call: (c: C) => Promise<R>,
  observe: (c: C, r: R, ms: number) => void,
): Promise<{ samples: number[]; seconds: number; errors: number; errorSamples: string[] }> {
  for (const c of warmup) {
    await call(c).catch(() => undefined);
  }
  const bar = new SingleBar(
    {
      format: `  ${label} {bar} {value}/{total} | p50 {p50} ms | max {max} ms`,
      noTTYOutput: true,
      notTTYSchedule: 10_000,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  bar.start(cases.length, 0, { p50: '—', max: '—' });
  const samples: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const started = process.hrtime.bigint();
  for (const [i, c] of cases.entries()) {
    const t0 = process.hrtime.bigint();
    try {
      const result = await call(c);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      samples.push(ms);
      observe(c, result, ms);
    } catch (error) {
      errors += 1;
      if (errorSamples.length < 3) {
        errorSamples.push(error instanceof Error ? error.message : String(error));
      }
    }
    if (i % 10 === 9 || i === cases.length - 1) {
      const sorted = [...samples].sort((a, b) => a - b);
      bar.update(i + 1, {
        p50: round(percentile(sorted, 50), 1),
        max: round(sorted[sorted.length - 1] ?? 0, 1),
      });
    }
  }
  bar.stop();
  return {
    samples,
    seconds: round(Number(process.hrtime.bigint() - started) / 1e9, 1),
    errors,
    errorSamples,
  };
}

function row(
  operation: AnalysisOperation,
  adapters: Adapters,
  adapter: string,
  run: Awaited<ReturnType<typeof measure>>,
  outcome: Outcome,
): AnalysisRow {
  return {
    operation,
    mode: adapters.mode,
    adapter,
    queries: run.samples.length + run.errors,
    seconds: run.seconds,
    latencyMs: latency(run.samples),
    errors: run.errors,
    errorSamples: run.errorSamples,
    ...outcome,
    loadAverage: round(loadavg()[0] ?? 0),
    samples: run.samples,
  };
}

async function searchRow(
  operation: 'search-name' | 'search-document',
  adapters: Adapters,
  warmup: readonly SearchCase[],
  cases: readonly SearchCase[],
): Promise<AnalysisRow> {
  const tally = { hits: 0, found: 0, morePages: 0, capped: 0 };
  const slices = new Slices();
  const run = await measure(
    `${operation} (${adapters.mode})`,
    warmup,
    cases,
    (c) => adapters.search.search(c.query),
    (c, r, ms) => {
      if (operation === 'search-name') {
        slices.add(`noise: ${c.noise}`, ms);
        slices.add(`filter: ${c.filter}`, ms);
      }
      tally.hits += r.hits.length;
      if (r.hits.some((h) => h.personId === c.personId)) tally.found += 1;
      if (r.total > r.hits.length) tally.morePages += 1;
      if (r.totalIsLowerBound) tally.capped += 1;
    },
  );
  const done = Math.max(run.samples.length, 1);
  return row(operation, adapters, adapters.searchName, run, {
    truncated: tally.capped,
    truncatedBy: {},
    withSkippedHubs: 0,
    search: {
      meanHits: round(tally.hits / done, 1),
      foundSubject: tally.found,
      morePages: tally.morePages,
    },
    ...(operation === 'search-name' ? { slices: slices.summary() } : {}),
  });
}

function graphTally() {
  return {
    truncated: 0,
    truncatedBy: {} as Partial<Record<TruncationReason, number>>,
    withSkippedHubs: 0,
    note(r: { truncated: boolean; truncatedBy: TruncationReason[]; skippedHubs: unknown[] }) {
      if (r.truncated) this.truncated += 1;
      for (const reason of r.truncatedBy)
        this.truncatedBy[reason] = (this.truncatedBy[reason] ?? 0) + 1;
      if (r.skippedHubs.length > 0) this.withSkippedHubs += 1;
    },
  };
}

async function neighbourRow(
  hops: 2 | 3,
  adapters: Adapters,
  warmup: readonly string[],
  subjects: readonly string[],
): Promise<AnalysisRow> {
  const tally = graphTally();
  const size = { nodes: 0, maxNodes: 0, edges: 0 };
  const run = await measure(
    `neighbors ${hops}-hop (${adapters.mode})`,
    warmup,
    subjects,
    (personId) => adapters.graph.neighbors({ personId, hops, edgeTypes: EDGE_TYPES, window: {} }),
    (_c, r) => {
      tally.note(r);
      size.nodes += r.nodes.length;
      size.edges += r.edges.length;
      size.maxNodes = Math.max(size.maxNodes, r.nodes.length);
    },
  );
  const done = Math.max(run.samples.length, 1);
  return row(hops === 2 ? 'neighbors-2' : 'neighbors-3', adapters, 'PgLinkGraph', run, {
    truncated: tally.truncated,
    truncatedBy: tally.truncatedBy,
    withSkippedHubs: tally.withSkippedHubs,
    neighbourhood: {
      meanNodes: round(size.nodes / done, 1),
      maxNodes: size.maxNodes,
      meanEdges: round(size.edges / done, 1),
    },
  });
}

async function pathRow(
  adapters: Adapters,
  warmup: readonly PathCase[],
  pairs: readonly PathCase[],
): Promise<AnalysisRow> {
  const tally = graphTally();
  const found = { connected: 0, paths: 0, byHops: {} as Record<string, number> };
  const slices = new Slices();
  const run = await measure(
    `paths ≤ ${GRAPH_LIMITS.maxPathHops} hops (${adapters.mode})`,
    warmup,
    pairs,
    (p) =>
      adapters.graph.paths({
        from: p.from,
        to: p.to,
        maxHops: GRAPH_LIMITS.maxPathHops,
        edgeTypes: EDGE_TYPES,
        window: {},
      }),
    (_c, r, ms) => {
      tally.note(r);
      const key = r.hops === null ? 'none' : String(r.hops);
      slices.add(r.hops === null ? 'none' : `${r.hops} hops`, ms);
      found.byHops[key] = (found.byHops[key] ?? 0) + 1;
      if (r.hops !== null) found.connected += 1;
      found.paths += r.paths.length;
    },
  );
  return row('paths', adapters, 'PgLinkGraph', run, {
    truncated: tally.truncated,
    truncatedBy: tally.truncatedBy,
    withSkippedHubs: tally.withSkippedHubs,
    paths: {
      connected: found.connected,
      byHops: found.byHops,
      meanPaths: round(found.paths / Math.max(run.samples.length, 1), 1),
    },
    slices: slices.summary(),
  });
}

/** The edge family a link-graph statement reads (see link-graph.queries.ts). */
function familyOf(sql: string): string {
  if (sql.includes('direction IS NOT NULL')) return 'PORT';
  if (sql.includes('flight IS NOT NULL')) return 'FLIGHT';
  if (sql.includes('case_id IS NOT NULL')) return 'CASE';
  if (sql.includes('analysis_identifier i ON i.record_key')) return 'IDENTIFIER';
  return 'other';
}

/** 2-hop neighbourhoods again, with every statement timed by family. */
async function twoHopBreakdown(
  mode: AnalysisMode,
  db: DataSource,
  subjects: readonly string[],
): Promise<AnalysisBenchReport['twoHopBreakdown'][number]> {
  const spent: Record<string, number> = {};
  let statements = 0;
  const timed = {
    query: async (sql: string, parameters?: unknown[]) => {
      const t0 = process.hrtime.bigint();
      try {
        return await db.query(sql, parameters);
      } finally {
        const family = familyOf(sql);
        spent[family] = (spent[family] ?? 0) + Number(process.hrtime.bigint() - t0) / 1e6;
        statements += 1;
      }
    },
  };
  // PgLinkGraph only ever calls `query` on its session.
  const graph = new PgLinkGraph({ session: timed as unknown as DataSource });
  const started = process.hrtime.bigint();
  for (const personId of subjects) {
    await graph.neighbors({ personId, hops: 2, edgeTypes: EDGE_TYPES, window: {} });
  }
  const n = Math.max(subjects.length, 1);
  return {
    mode,
    subjects: subjects.length,
    meanMs: round(Number(process.hrtime.bigint() - started) / 1e6 / n, 1),
    statementsPerQuery: round(statements / n, 1),
    familyMs: Object.fromEntries(
      Object.entries(spent)
        .sort(([, a], [, b]) => b - a)
        .map(([family, ms]) => [family, round(ms / n, 1)]),
    ),
  };
}

function combinedSearchRow(name: AnalysisRow, document: AnalysisRow): AnalysisRow {
  const samples = [...(name.samples ?? []), ...(document.samples ?? [])];
  return {
    operation: 'search-all',
    mode: name.mode,
    adapter: name.adapter,
    queries: name.queries + document.queries,
    seconds: round(name.seconds + document.seconds, 1),
    latencyMs: latency(samples),
    errors: name.errors + document.errors,
    errorSamples: [...name.errorSamples, ...document.errorSamples].slice(0, 3),
    truncated: name.truncated + document.truncated,
    truncatedBy: {},
    withSkippedHubs: 0,
    search: {
      meanHits: round(
        ((name.search?.meanHits ?? 0) * name.queries +
          (document.search?.meanHits ?? 0) * document.queries) /
          Math.max(name.queries + document.queries, 1),
        1,
      ),
      foundSubject: (name.search?.foundSubject ?? 0) + (document.search?.foundSubject ?? 0),
      morePages: (name.search?.morePages ?? 0) + (document.search?.morePages ?? 0),
    },
    loadAverage: document.loadAverage,
    samples,
  };
}

export async function benchAnalysis(
  options: AnalysisBenchOptions,
  log: (line: string) => void,
): Promise<AnalysisBenchReport | { population: PopulationSummary }> {
  const opened = await ensureAnalysisPopulation(
    {
      persons: options.persons,
      seed: options.seed,
      modes: options.modes,
      rebuild: options.rebuild,
    },
    log,
  );
  try {
    const { population, readModels, searchClient } = opened;
    if (options.populationOnly) {
      return { population: summary(population) };
    }
    const adapters: Adapters[] = options.modes.map((mode) => {
      const db = readModels[mode];
      if (!db) throw new Error(`no ${mode} read model`);
      if (mode === 'infra') {
        if (!searchClient) throw new Error('no search engine client');
        return {
          mode,
          search: new ElasticsearchPersonSearch({
            client: searchClient,
            index: analysisSearchIndex(options.persons, options.seed),
          }),
          searchName: 'ElasticsearchPersonSearch',
          graph: new PgLinkGraph({ session: db }),
        };
      }
      return {
        mode,
        search: new PgPersonSearch({ session: db }),
        searchName: 'PgPersonSearch',
        graph: new PgLinkGraph({ session: db }),
      };
    });

    // The workload comes from one read model (PostgreSQL when there is one: the faster to sample).
    const reference = adapters.find((a) => a.mode === 'infra') ?? (adapters[0] as Adapters);
    const w = options.warmup;
    const threeHop = Math.min(options.threeHopSubjects, options.subjects);
    const workload = await buildAnalysisWorkload(
      readModels[reference.mode] as NonNullable<(typeof readModels)[AnalysisMode]>,
      reference.graph,
      population.networks,
      {
        nameSearches: options.nameSearches + w,
        documentSearches: options.documentSearches + w,
        subjects: options.subjects + w,
        paths: options.paths + w,
      },
      options.workloadSeed,
      log,
    );
    const split = <T>(items: readonly T[]): [T[], T[]] => [items.slice(0, w), items.slice(w)];
    const [nameWarm, names] = split(workload.nameSearches);
    const [documentWarm, documents] = split(workload.documentSearches);
    const [subjectWarm, subjectCases] = split(workload.subjects);
    const subjects = subjectCases.map((s) => s.personId);
    const warmSubjects = subjectWarm.map((s) => s.personId);
    const [pathWarm, pairs] = split(workload.paths);

    const rows: AnalysisRow[] = [];
    for (const a of adapters) {
      log(`analysis: ${a.mode} — ${a.searchName} + PgLinkGraph`);
    }
    const byMode = new Map<AnalysisMode, { name?: AnalysisRow; document?: AnalysisRow }>();
    for (const a of adapters) byMode.set(a.mode, {});
    // Each operation in every mode before the next operation.
    for (const a of adapters) {
      const r = await searchRow('search-name', a, nameWarm, names);
      (byMode.get(a.mode) as { name?: AnalysisRow }).name = r;
      rows.push(r);
    }
    for (const a of adapters) {
      const r = await searchRow('search-document', a, documentWarm, documents);
      (byMode.get(a.mode) as { document?: AnalysisRow }).document = r;
      rows.push(r);
    }
    for (const a of adapters) {
      const m = byMode.get(a.mode) as { name: AnalysisRow; document: AnalysisRow };
      rows.push(combinedSearchRow(m.name, m.document));
    }
    for (const a of adapters) rows.push(await neighbourRow(2, a, warmSubjects, subjects));
    for (const a of adapters) {
      rows.push(await neighbourRow(3, a, warmSubjects.slice(0, 3), subjects.slice(0, threeHop)));
    }
    for (const a of adapters) rows.push(await pathRow(a, pathWarm, pairs));
    const breakdown: AnalysisBenchReport['twoHopBreakdown'] = [];
    for (const a of adapters) {
      log(`analysis: 2-hop time by edge family (${a.mode})`);
      breakdown.push(
        await twoHopBreakdown(a.mode, readModels[a.mode] as DataSource, subjects.slice(0, 50)),
      );
    }

    const find = (op: AnalysisOperation, mode: AnalysisMode) =>
      rows.find((r) => r.operation === op && r.mode === mode);
    const operations: AnalysisOperation[] = [
      'search-name',
      'search-document',
      'search-all',
      'neighbors-2',
      'neighbors-3',
      'paths',
    ];
    const both = options.modes.includes('embedded') && options.modes.includes('infra');
    const embeddedOverInfra: AnalysisRatio[] = both
      ? operations.map((operation) => ({
          operation,
          p50: ratio(
            find(operation, 'embedded')?.latencyMs.p50,
            find(operation, 'infra')?.latencyMs.p50,
          ),
          p99: ratio(
            find(operation, 'embedded')?.latencyMs.p99,
            find(operation, 'infra')?.latencyMs.p99,
          ),
        }))
      : [];
    const within = (mode: AnalysisMode, a: AnalysisOperation, b: AnalysisOperation) => ({
      p50: ratio(find(a, mode)?.latencyMs.p50, find(b, mode)?.latencyMs.p50),
      p99: ratio(find(a, mode)?.latencyMs.p99, find(b, mode)?.latencyMs.p99),
    });

    const allSearches = [...names, ...documents];
    return {
      population: summary(population),
      workload: {
        seed: workload.seed,
        nameSearches: names.length,
        documentSearches: documents.length,
        subjects: subjects.length,
        threeHopSubjects: Math.min(threeHop, subjects.length),
        networkMemberSubjects: subjectCases.filter((s) => s.networkMember).length,
        paths: pairs.length,
        pathsByExpectedHops: count(pairs, (p) => String(p.expectedHops)),
        noise: count(allSearches, (c) => c.noise),
        filters: count(allSearches, (c) => c.filter),
        warmup: w,
        subjectSampling: workload.subjectSampling,
        pathOrigins: workload.pathOrigins,
        examples: {
          name: names
            .slice(0, 8)
            .map((c) => `${JSON.stringify(c.recorded)} → ${JSON.stringify(c.query)}`),
          document: documents
            .slice(0, 3)
            .map((c) => `${JSON.stringify(c.recorded)} → ${JSON.stringify(c.query)}`),
        },
      },
      limits: { graph: GRAPH_LIMITS, search: SEARCH_LIMITS },
      rows: rows.map(({ samples: _samples, ...r }) => r),
      embeddedOverInfra,
      withinMode: options.modes.map((mode) => ({
        mode,
        threeOverTwoHop: within(mode, 'neighbors-3', 'neighbors-2'),
        pathsOverTwoHop: within(mode, 'paths', 'neighbors-2'),
        documentOverName: within(mode, 'search-document', 'search-name'),
      })),
      targets: ANALYSIS_TARGETS,
      twoHopBreakdown: breakdown,
    };
  } finally {
    await opened.close();
  }
}

const OPERATION_LABEL: Record<AnalysisOperation, string> = {
  'search-name': 'search: name (+ range / nationality)',
  'search-document': 'search: document number',
  'search-all': 'search: all',
  'neighbors-2': 'neighbors, 2 hops',
  'neighbors-3': 'neighbors, 3 hops',
  paths: `shortest paths, ≤ ${GRAPH_LIMITS.maxPathHops} hops`,
};

function targetCell(r: AnalysisRow): string {
  const target = ANALYSIS_TARGETS.find((t) => t.operation === r.operation);
  if (!target) return '—';
  const p99 = r.latencyMs.p99;
  return p99 <= target.p99Ms
    ? `≤ ${target.p99Ms}: met (${round(target.p99Ms / p99, 1)}× headroom)`
    : `≤ ${target.p99Ms}: **missed** (${round(p99 / target.p99Ms, 1)}× over)`;
}

function resultCell(r: AnalysisRow): string {
  if (r.search) {
    return `${r.search.meanHits} hits/query; made-from person found in ${r.search.foundSubject}/${r.queries - r.errors}`;
  }
  if (r.neighbourhood) {
    return `${r.neighbourhood.meanNodes} persons, ${r.neighbourhood.meanEdges} edges (max ${r.neighbourhood.maxNodes} persons)`;
  }
  if (r.paths) {
    const hops = Object.entries(r.paths.byHops)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([h, n]) => `${h === 'none' ? 'none' : `${h} hops`}: ${n}`)
      .join(', ');
    return `${r.paths.connected}/${r.queries - r.errors} connected (${hops}); ${r.paths.meanPaths} paths/pair`;
  }
  return '—';
}

function truncatedCell(r: AnalysisRow): string {
  const done = r.queries - r.errors;
  if (r.search)
    return `count capped ${r.truncated}/${done}; more pages ${r.search.morePages}/${done}`;
  const reasons = TRUNCATION_REASONS.filter((x) => r.truncatedBy[x])
    .map((x) => `${x} ${r.truncatedBy[x]}`)
    .join(', ');
  return `${r.truncated}/${done}${reasons ? ` (${reasons})` : ''}; hubs skipped in ${r.withSkippedHubs}`;
}

export function analysisTable(report: AnalysisBenchReport): string {
  const lines = [
    '| operation | mode | adapter | queries | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | target p99 (ms) | truncated | results | errors |',
    '|---|---|---|---:|---:|---:|---:|---:|---|---|---|---:|',
    ...report.rows.map(
      (r) =>
        `| ${OPERATION_LABEL[r.operation]} | ${r.mode} | ${r.adapter} | ${r.queries} | ${r.latencyMs.p50} | ${r.latencyMs.p95} | ${r.latencyMs.p99} | ${r.latencyMs.max} | ${targetCell(r)} | ${truncatedCell(r)} | ${resultCell(r)} | ${r.errors} |`,
    ),
  ];
  if (report.embeddedOverInfra.length > 0) {
    lines.push(
      '',
      '| operation | embedded / infra, p50 | embedded / infra, p99 |',
      '|---|---:|---:|',
      ...report.embeddedOverInfra.map(
        (r) =>
          `| ${OPERATION_LABEL[r.operation]} | ${r.p50 === null ? '—' : `${r.p50}×`} | ${r.p99 === null ? '—' : `${r.p99}×`} |`,
      ),
    );
  }
  const cell = (x: { p50: number | null; p99: number | null }) =>
    `${x.p50 === null ? '—' : `${x.p50}×`} / ${x.p99 === null ? '—' : `${x.p99}×`}`;
  lines.push(
    '',
    '| mode | 3-hop / 2-hop (p50 / p99) | paths / 2-hop (p50 / p99) | document / name search (p50 / p99) |',
    '|---|---:|---:|---:|',
    ...report.withinMode.map(
      (m) =>
        `| ${m.mode} | ${cell(m.threeOverTwoHop)} | ${cell(m.pathsOverTwoHop)} | ${cell(m.documentOverName)} |`,
    ),
  );
  const pathRows = report.rows.filter((r) => r.operation === 'paths' && r.slices);
  if (pathRows.length > 0) {
    const lengths = [...new Set(pathRows.flatMap((r) => Object.keys(r.slices ?? {})))].sort();
    lines.push(
      '',
      `| shortest paths by length found, p50 / p99 (ms) | ${lengths.join(' | ')} |`,
      `|---|${lengths.map(() => '---:').join('|')}|`,
      ...pathRows.map((r) => {
        const cells = lengths.map((l) => {
          const x = r.slices?.[l];
          return x ? `${x.p50} / ${x.p99} (${x.queries})` : '—';
        });
        return `| ${r.mode} | ${cells.join(' | ')} |`;
      }),
    );
  }
  if (report.twoHopBreakdown.length > 0) {
    const families = ['CASE', 'FLIGHT', 'IDENTIFIER', 'PORT'];
    lines.push(
      '',
      `| 2-hop neighbourhood, mean ms per query by edge family | ${families.join(' | ')} | whole query | statements/query |`,
      `|---|${families.map(() => '---:').join('|')}|---:|---:|`,
      ...report.twoHopBreakdown.map(
        (b) =>
          `| ${b.mode} (${b.subjects} subjects) | ${families.map((f) => b.familyMs[f] ?? 0).join(' | ')} | ${b.meanMs} | ${b.statementsPerQuery} |`,
      ),
    );
  }
  return lines.join('\n');
}
