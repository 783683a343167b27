// `npm run bench`: Mosaic's benchmarks, each side by side with a baseline in
// the same run. Results go to reports/bench/<suite>.json and are printed as a
// Markdown table for docs/benchmarks.md. Timings live here, never in tests.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { analysisTable, benchAnalysis } from './analysis.bench';
import { auditTable, benchAudit, type AuditMode } from './audit.bench';
import { benchConsoleGraph, consoleGraphTable } from './console-graph.bench';
import { benchImport, type ImportBenchRow } from './import.bench';
import { benchProfile, profileTable } from './profile.bench';
import { benchResolution, type ResolutionBenchRow } from './resolution.bench';
import {
  benchReviewQueue,
  reviewQueueTable,
  type ReviewQueueBenchMode,
} from './review-queue.bench';
import { benchSynth, type SynthBenchRow } from './synth.bench';

const root = resolve(__dirname, '../..');

async function runNode(args: string[]): Promise<void> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', ...args], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${args.join(' ')} exited with ${code}`);
}

function whole(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError(`expected a whole number above 0, got "${value}"`);
  }
  return n;
}

function sizes(value: string): number[] {
  const list = value.split(',').map((v) => Number(v.trim()));
  if (list.some((n) => !Number.isSafeInteger(n) || n < 1)) {
    throw new InvalidArgumentError(`expected comma-separated whole numbers, got "${value}"`);
  }
  return list;
}

function synthTable(rows: readonly SynthBenchRow[]): string {
  const lines = [
    '| persons | time (s) | persons/s | peak RSS (MB) | output (MB) | baseline: templates only (s) | synth / baseline |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.persons.toLocaleString('en')} | ${r.seconds} | ${r.personsPerSecond.toLocaleString('en')} | ${r.peakRssMb} | ${r.outputMb.toLocaleString('en')} | ${r.baselineSeconds} | ${r.ratioToBaseline}× |`,
    ),
  ];
  if (rows.length > 1) {
    const first = rows[0] as SynthBenchRow;
    const last = rows[rows.length - 1] as SynthBenchRow;
    lines.push(
      '',
      `Scaling ${first.persons.toLocaleString('en')} → ${last.persons.toLocaleString('en')} persons (${last.persons / first.persons}×): ` +
        `time ×${(last.seconds / first.seconds).toFixed(2)}, peak RSS ×${(last.peakRssMb / first.peakRssMb).toFixed(2)}.`,
    );
  }
  return lines.join('\n');
}

function importTable(rows: readonly ImportBenchRow[]): string {
  return [
    '| source | mode | records | import (s) | records/s | baseline: raw lines (records/s) | Mosaic / baseline | events | publish (s) | events/s |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.source} | ${r.mode} | ${r.records.toLocaleString('en')} | ${r.importSeconds} | ${r.recordsPerSecond.toLocaleString('en')} | ${r.baselineRecordsPerSecond?.toLocaleString('en') ?? '—'} | ${r.ratioToBaseline === null ? '—' : `${r.ratioToBaseline}×`} | ${r.events.toLocaleString('en')} | ${r.publishSeconds} | ${r.eventsPerSecond.toLocaleString('en')} |`,
    ),
  ].join('\n');
}

function resolutionTable(rows: readonly ResolutionBenchRow[]): string {
  const dash = (x: number | null) => (x === null || Number.isNaN(x) ? '—' : String(x));
  return [
    '| persons | records | candidate index | resolve (s) | records/s | rate vs previous size | pairs/record proposed | scored | true pairs proposed | by blocking | face kNN recall@10 vs exact | genuine kNN recall | B-cubed F1 (AUTO_LINK) | speed vs exact baseline | peak RSS (MB) |',
    '|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.persons.toLocaleString('en')} | ${r.records.toLocaleString('en')} | ${r.index} | ${r.seconds} | ${r.recordsPerSecond.toLocaleString('en')} | ${r.rateVsPrevious === null ? '—' : `${r.rateVsPrevious}×`} | ${dash(r.pairsPerRecord)} | ${dash(r.scoredPerRecord)} | ${dash(r.candidateRecall)} | ${dash(r.blockingRecall)} | ${dash(r.knnRecall)} | ${dash(r.genuineKnnRecall)} | ${r.bcubedF1} | ${r.speedupOverBaseline === null ? '—' : `${r.speedupOverBaseline}×`} | ${r.peakRssMb.toLocaleString('en')} |`,
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  const program = new Command('bench')
    .option(
      '--suite <name>',
      'which suite to run (synth, import, resolution, profile, analysis, audit, review, console-graph)',
      'synth',
    )
    .option(
      '--resolution-persons <list>',
      'population sizes for the resolution suite, resolved one after the other in one run',
      sizes,
      [10_000, 100_000, 1_000_000],
    )
    .option(
      '--resolution-baseline-persons <n>',
      'population the exact-search baseline resolves beside the HNSW index (0: none; it is O(n) per query)',
      (v) => (v === '0' ? 0 : (sizes(v)[0] as number)),
      3_000,
    )
    .option(
      '--resolution-hnsw <M,efAdd,efSearch>',
      "HNSW graph degree and candidate lists of the in-memory index (default: the index's own)",
      (v) => sizes(v),
    )
    .option(
      '--import-persons <n>',
      'size of the synthetic set the import suite loads',
      (v) => sizes(v)[0] as number,
      100_000,
    )
    .option('--sources <list>', 'sources for the import suite', (v) => v.split(','), ['travel'])
    .option('--modes <list>', 'run modes for the import suite', (v) => v.split(','), [
      'infra',
      'embedded',
    ])
    .option(
      '--synth-persons <list>',
      'population sizes for the synth suite',
      sizes,
      [100_000, 1_000_000],
    )
    .option(
      '--profile-persons <n>',
      'persons in the profile suite population (infra mode; built once, then reused)',
      (v) => sizes(v)[0] as number,
      100_000,
    )
    .option('--profile-seed <n>', 'synthesis seed of the profile suite population', whole, 1)
    .option('--profile-rate <n>', 'profile lookups per second held in each run', whole, 200)
    .option('--profile-seconds <n>', 'length of each measured profile run', whole, 30)
    .option(
      '--profile-serial-seconds <n>',
      'length of the one-request-at-a-time profile runs (0: none)',
      (v) => (v === '0' ? 0 : whole(v)),
      10,
    )
    .option(
      '--profile-paced-seconds <n>',
      'length of the evenly-spaced-arrivals profile runs at the same rate (0: none)',
      (v) => (v === '0' ? 0 : whole(v)),
      30,
    )
    .option('--profile-warmup <n>', 'seconds of warm-up before each profile run', whole, 5)
    .option('--profile-connections <n>', 'connections that share the profile rate', whole, 20)
    .option('--profile-sample <n>', 'person ids sampled for the profile lookups', whole, 5_000)
    .option('--profile-rebuild', 'rebuild the profile population even when it is complete')
    .option('--profile-population-only', 'build (or check) the profile population, then stop')
    .option(
      '--analysis-persons <n>',
      'persons in the analysis suite population (both modes; built once, then reused)',
      (v) => sizes(v)[0] as number,
      100_000,
    )
    .option('--analysis-seed <n>', 'synthesis seed of the analysis suite population', whole, 1)
    .option(
      '--analysis-modes <list>',
      'run modes the analysis suite compares',
      (v) => v.split(','),
      ['embedded', 'infra'],
    )
    .option('--analysis-searches <n>', 'measured name searches per mode', whole, 400)
    .option('--analysis-documents <n>', 'measured document-number lookups per mode', whole, 100)
    .option('--analysis-subjects <n>', 'measured 2-hop neighbourhoods per mode', whole, 200)
    .option('--analysis-three-hop <n>', 'measured 3-hop neighbourhoods per mode', whole, 100)
    .option('--analysis-paths <n>', 'measured shortest-path pairs per mode', whole, 150)
    .option('--analysis-warmup <n>', 'unmeasured queries of each operation first', whole, 20)
    .option('--analysis-workload-seed <n>', 'seed of the analysis workload sample', whole, 7)
    .option('--analysis-rebuild', 'rebuild the analysis population even when it is complete')
    .option('--analysis-population-only', 'build (or check) the analysis population, then stop')
    .option('--audit-modes <list>', 'run modes the audit suite compares', (v) => v.split(','), [
      'embedded',
      'infra',
    ])
    .option(
      '--audit-appends <n>',
      'measured appends per pattern and mode (the baseline makes as many inserts)',
      whole,
      2_000,
    )
    .option('--audit-concurrency <n>', 'callers of the concurrent append pattern', whole, 8)
    .option('--audit-warmup <n>', 'unmeasured writes of each kind before each pattern', whole, 50)
    .option(
      '--audit-verify-entries <n>',
      'entries in the chain verifyAuditChain walks (topped up after the appends)',
      whole,
      20_000,
    )
    .option(
      '--review-modes <list>',
      'run modes the review queue suite compares',
      (v) => v.split(','),
      ['embedded', 'infra'],
    )
    .option('--review-persons <n>', 'persons in the review queue suite population', whole, 100_000)
    .option(
      '--review-items-per-person <x>',
      'open review items per person (0.3: 30k items at 100k persons)',
      (v) => Number(v),
      0.3,
    )
    .option('--review-samples <n>', 'measured queue pages per mode', whole, 300)
    .option(
      '--console-graph-persons <list>',
      'graph sizes the console-graph suite draws in Chromium (the first is the baseline)',
      sizes,
      [50, 250, 500],
    )
    .option('--work-dir <dir>', 'scratch folder for generated data', join(tmpdir(), 'mosaic-bench'))
    .parse();
  const opts = program.opts<{
    suite: string;
    synthPersons: number[];
    workDir: string;
    importPersons: number;
    sources: string[];
    modes: string[];
    resolutionPersons: number[];
    resolutionBaselinePersons: number;
    resolutionHnsw?: number[];
    profilePersons: number;
    profileSeed: number;
    profileRate: number;
    profileSeconds: number;
    profileWarmup: number;
    profileSerialSeconds: number;
    profilePacedSeconds: number;
    profileConnections: number;
    profileSample: number;
    profileRebuild?: boolean;
    profilePopulationOnly?: boolean;
    analysisPersons: number;
    analysisSeed: number;
    analysisModes: string[];
    analysisSearches: number;
    analysisDocuments: number;
    analysisSubjects: number;
    analysisThreeHop: number;
    analysisPaths: number;
    analysisWarmup: number;
    analysisWorkloadSeed: number;
    analysisRebuild?: boolean;
    analysisPopulationOnly?: boolean;
    auditModes: string[];
    auditAppends: number;
    auditConcurrency: number;
    auditWarmup: number;
    auditVerifyEntries: number;
    reviewModes: string[];
    reviewPersons: number;
    reviewItemsPerPerson: number;
    reviewSamples: number;
    consoleGraphPersons: number[];
  }>();
  if (
    ![
      'synth',
      'import',
      'resolution',
      'profile',
      'analysis',
      'audit',
      'review',
      'console-graph',
    ].includes(opts.suite)
  ) {
    throw new InvalidArgumentError(
      `--suite: unknown suite "${opts.suite}" (known: synth, import, resolution, profile, analysis, audit, review, console-graph)`,
    );
  }
  await mkdir(opts.workDir, { recursive: true });
  await mkdir(join(root, 'reports/bench'), { recursive: true });
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const log = (line: string) => process.stderr.write(`${line}\n`);

  if (opts.suite === 'profile') {
    const report = await benchProfile(
      {
        persons: opts.profilePersons,
        seed: opts.profileSeed,
        rate: opts.profileRate,
        seconds: opts.profileSeconds,
        serialSeconds: opts.profileSerialSeconds,
        pacedSeconds: opts.profilePacedSeconds,
        warmupSeconds: opts.profileWarmup,
        connections: opts.profileConnections,
        sample: opts.profileSample,
        rebuild: opts.profileRebuild === true,
        populationOnly: opts.profilePopulationOnly === true,
      },
      log,
    );
    if (!('rows' in report)) {
      process.stdout.write(`\n${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    await writeFile(
      join(root, 'reports/bench/profile.json'),
      JSON.stringify({ machine, ...report }, null, 2) + '\n',
    );
    const p = report.population;
    process.stdout.write(
      `\n## profile lookups (${p.persons.toLocaleString('en')} persons, seed ${p.seed}, ` +
        `${p.counts.identityRecords.toLocaleString('en')} records, ${p.counts.activePersons.toLocaleString('en')} active persons; ` +
        `identity schema ${report.identitySchema.servedSdlSha256 ?? '—'}; ${machine})\n\n${profileTable(report)}\n`,
    );
    return;
  }

  if (opts.suite === 'analysis') {
    const modes = opts.analysisModes.map((m) => m.trim());
    if (modes.length === 0 || modes.some((m) => m !== 'embedded' && m !== 'infra')) {
      throw new InvalidArgumentError(`--analysis-modes: embedded and/or infra, got "${modes}"`);
    }
    const report = await benchAnalysis(
      {
        persons: opts.analysisPersons,
        seed: opts.analysisSeed,
        modes: modes as ('embedded' | 'infra')[],
        nameSearches: opts.analysisSearches,
        documentSearches: opts.analysisDocuments,
        subjects: opts.analysisSubjects,
        threeHopSubjects: opts.analysisThreeHop,
        paths: opts.analysisPaths,
        warmup: opts.analysisWarmup,
        workloadSeed: opts.analysisWorkloadSeed,
        rebuild: opts.analysisRebuild === true,
        populationOnly: opts.analysisPopulationOnly === true,
      },
      log,
    );
    if (!('rows' in report)) {
      process.stdout.write(`\n${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    await writeFile(
      join(root, 'reports/bench/analysis.json'),
      JSON.stringify({ machine, ...report }, null, 2) + '\n',
    );
    const p = report.population;
    const counts = (p.modes.infra ?? p.modes.embedded)?.counts;
    process.stdout.write(
      `\n## search and link analysis (${p.persons.toLocaleString('en')} persons, seed ${p.seed}, ` +
        `${counts?.records.toLocaleString('en') ?? '?'} records on ${counts?.persons.toLocaleString('en') ?? '?'} persons; ` +
        `sequential, one client, in-process; ${machine})\n\n${analysisTable(report)}\n`,
    );
    return;
  }

  if (opts.suite === 'audit') {
    const modes = opts.auditModes.map((m) => m.trim());
    if (modes.length === 0 || modes.some((m) => m !== 'embedded' && m !== 'infra')) {
      throw new InvalidArgumentError(`--audit-modes: embedded and/or infra, got "${modes}"`);
    }
    const report = await benchAudit(
      {
        modes: modes as AuditMode[],
        appends: opts.auditAppends,
        concurrency: opts.auditConcurrency,
        warmup: opts.auditWarmup,
        verifyEntries: opts.auditVerifyEntries,
        workDir: opts.workDir,
      },
      log,
    );
    await writeFile(
      join(root, 'reports/bench/audit.json'),
      JSON.stringify({ machine, ...report }, null, 2) + '\n',
    );
    process.stdout.write(
      `\n## audit log (${Object.entries(report.database)
        .map(([mode, db]) => `${mode}: ${db}`)
        .join('; ')}; ${machine})\n\n${auditTable(report)}\n`,
    );
    return;
  }

  if (opts.suite === 'console-graph') {
    const rows = await benchConsoleGraph(opts.consoleGraphPersons, log);
    await writeFile(
      join(root, 'reports/bench/console-graph.json'),
      JSON.stringify({ machine, rows }, null, 2) + '\n',
    );
    process.stdout.write(`\n## console link graph (${machine})\n\n${consoleGraphTable(rows)}\n`);
    return;
  }

  if (opts.suite === 'review') {
    const modes = opts.reviewModes.map((m) => m.trim());
    if (modes.length === 0 || modes.some((m) => m !== 'embedded' && m !== 'infra')) {
      throw new InvalidArgumentError(`--review-modes: embedded and/or infra, got "${modes}"`);
    }
    if (!(opts.reviewItemsPerPerson > 0 && opts.reviewItemsPerPerson <= 2)) {
      throw new InvalidArgumentError('--review-items-per-person: a number above 0 and at most 2');
    }
    const rows = await benchReviewQueue(
      {
        modes: modes as ReviewQueueBenchMode[],
        persons: opts.reviewPersons,
        itemsPerPerson: opts.reviewItemsPerPerson,
        samples: opts.reviewSamples,
        workDir: opts.workDir,
      },
      log,
    );
    await writeFile(
      join(root, 'reports/bench/review.json'),
      JSON.stringify({ machine, rows }, null, 2) + '\n',
    );
    process.stdout.write(`\n## review queue (${machine})\n\n${reviewQueueTable(rows)}\n`);
    return;
  }

  if (opts.suite === 'resolution') {
    const rows: ResolutionBenchRow[] = [];
    const [connectivity, expansionAdd, expansionSearch] = opts.resolutionHnsw ?? [];
    const options = {
      index: {
        ...(connectivity === undefined ? {} : { connectivity }),
        ...(expansionAdd === undefined ? {} : { expansionAdd }),
        ...(expansionSearch === undefined ? {} : { expansionSearch }),
      },
    };
    if (opts.resolutionBaselinePersons > 0) {
      rows.push(...(await benchResolution(opts.resolutionBaselinePersons, true, log, options)));
    }
    let previous: ResolutionBenchRow | null = null;
    for (const persons of opts.resolutionPersons) {
      const [row] = await benchResolution(persons, false, log, options);
      if (!row) continue;
      if (previous) {
        row.rateVsPrevious =
          Math.round((row.recordsPerSecond / previous.recordsPerSecond) * 100) / 100;
      }
      rows.push(row);
      previous = row;
      log(`resolution: ${persons} persons: ${row.recordsPerSecond} records/s`);
    }
    await writeFile(
      join(root, 'reports/bench/resolution.json'),
      JSON.stringify({ machine, rows }, null, 2) + '\n',
    );
    process.stdout.write(
      `\n## resolution, in-process engine (${machine})\n\n${resolutionTable(rows)}\n`,
    );
    return;
  }

  if (opts.suite === 'import') {
    const synthDir = join(opts.workDir, `import-synth-${opts.importPersons}`);
    log(`import: generating ${opts.importPersons} persons → ${synthDir}`);
    await runNode([
      'apps/cli/src/main.ts',
      'synth',
      '--out',
      synthDir,
      '--persons',
      String(opts.importPersons),
      '--seed',
      '3',
      '--force',
      '--no-progress',
    ]);
    const rows: ImportBenchRow[] = [];
    for (const source of opts.sources) {
      for (const mode of opts.modes) {
        rows.push(
          await benchImport(source, mode as 'infra' | 'embedded', synthDir, opts.workDir, log),
        );
      }
    }
    await writeFile(
      join(root, 'reports/bench/import.json'),
      JSON.stringify({ machine, persons: opts.importPersons, rows }, null, 2) + '\n',
    );
    process.stdout.write(
      `\n## import (${opts.importPersons.toLocaleString('en')} persons; ${machine})\n\n${importTable(rows)}\n`,
    );
    return;
  }

  const rows: SynthBenchRow[] = [];
  for (const persons of opts.synthPersons) rows.push(await benchSynth(persons, opts.workDir, log));
  const table = synthTable(rows);
  await writeFile(
    join(root, 'reports/bench/synth.json'),
    JSON.stringify({ machine, rows }, null, 2) + '\n',
  );
  process.stdout.write(`\n## synth (${machine})\n\n${table}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
