// `npm run bench`: Mosaic's benchmarks, each side by side with a baseline in
// the same run. Results go to reports/bench/<suite>.json and are printed as a
// Markdown table for docs/benchmarks.md. Timings live here, never in tests.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { benchSynth, type SynthBenchRow } from './synth.bench';

const root = resolve(__dirname, '../..');

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

async function main(): Promise<void> {
  const program = new Command('bench')
    .option('--suite <name>', 'which suite to run (synth)', 'synth')
    .option(
      '--synth-persons <list>',
      'population sizes for the synth suite',
      sizes,
      [100_000, 1_000_000],
    )
    .option('--work-dir <dir>', 'scratch folder for generated data', join(tmpdir(), 'mosaic-bench'))
    .parse();
  const opts = program.opts<{ suite: string; synthPersons: number[]; workDir: string }>();
  if (opts.suite !== 'synth')
    throw new InvalidArgumentError(`--suite: unknown suite "${opts.suite}" (known: synth)`);
  await mkdir(opts.workDir, { recursive: true });
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const rows: SynthBenchRow[] = [];
  for (const persons of opts.synthPersons) rows.push(await benchSynth(persons, opts.workDir, log));
  const table = synthTable(rows);
  await mkdir(join(root, 'reports/bench'), { recursive: true });
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
