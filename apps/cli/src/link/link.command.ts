import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { SingleBar } from 'cli-progress';
import { MAP_TARGETS, parseColumnMap } from './column-map';
import { LinkInputError } from './link-errors';
import { linkRecords, type LinkStage } from './link-records';
import { readTabularFile } from './read-tabular-file';
import {
  assertWritable,
  CLUSTER_COLUMNS,
  clusterRows,
  PAIR_COLUMNS,
  pairRows,
  writeCsv,
} from './write-link-output';

function integer(option: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
      throw new InvalidArgumentError(`${option} must be a whole number, got "${value}"`);
    }
    return n;
  };
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `records.csv` → `records.clusters.csv`, next to the input. */
export function defaultOutput(input: string): string {
  return input.replace(/(\.[^./\\]*)?$/, '.clusters.csv');
}

function delimiterOf(value: string): string {
  const delimiter = value === 'tab' || value === '\\t' ? '\t' : value;
  if (delimiter === '' || /["\r\n]/.test(delimiter)) {
    throw new LinkInputError(
      'BAD_OPTION',
      `--delimiter must be a character other than a quote or a line break (or "tab"), got "${value}"`,
    );
  }
  return delimiter;
}

const STAGE_LABEL: Record<LinkStage, string> = {
  train: 'training the biographic model on the file (EM, no labels)',
  resolve: 'resolving',
  cluster: 'forming clusters from review-level links',
};

/** A progress bar for one stage, drawn from its first update; stop() may be called any number of times. */
class StageBar {
  private readonly bar: SingleBar;
  private state: 'idle' | 'running' | 'stopped' = 'idle';

  constructor(stage: string, unit: string, enabled: boolean) {
    this.bar = new SingleBar({
      format: `link ${stage} [{bar}] {percentage}% | {value}/{total} ${unit} | ETA {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      // Long runs are often piped to a log; print the bar there too.
      noTTYOutput: true,
      notTTYSchedule: 5_000,
    });
    if (!enabled) this.state = 'stopped';
  }

  update(value: number, total: number): void {
    if (this.state === 'stopped') return;
    if (this.state === 'idle') {
      this.bar.start(total, value);
      this.state = 'running';
    } else this.bar.update(value);
  }

  stop(): void {
    if (this.state === 'running') this.bar.stop();
    this.state = 'stopped';
  }
}

interface LinkOptions {
  input: string;
  map: string[];
  output?: string;
  pairs?: string;
  delimiter: string;
  seed: number;
  force: boolean;
  progress: boolean;
}

export function linkCommand(): Command {
  return new Command('link')
    .description(
      "Link the records of any delimited file with Mosaic's biographic engine: clusters CSV (and optionally every scored pair with its waterfall)",
    )
    .requiredOption('--input <file.csv>', 'records to link, one per row, with a header row')
    .requiredOption(
      '--map <target=column,...>',
      `which column holds what (repeatable). Targets: ${MAP_TARGETS.join(', ')}. ` +
        'id defaults to the row number (1 = first row after the header); full_name replaces given_name+surname ' +
        '("SURNAME, Given", or the last word is the surname); given_name, surname, document, phone and address may take several columns. ' +
        'Dates: YYYY-MM-DD, YYYY-MM, YYYY, YYYYMMDD or day first (31/12/1990)',
      collect,
    )
    .option(
      '--output <clusters.csv>',
      'clusters file (default: the input with .clusters.csv, e.g. records.clusters.csv)',
    )
    .option(
      '--pairs <pairs.csv>',
      'also write every pair at REVIEW or better: LLR, probability and the waterfall',
    )
    .option('--delimiter <char>', 'field delimiter ("tab" for tab-separated)', ',')
    .option(
      '--seed <n>',
      'random seed for training; same file and seed give the same output',
      integer('--seed'),
      1,
    )
    .option('--force', 'replace --output and --pairs if they exist', false)
    .option('--no-progress', 'do not draw progress bars')
    .action(async (opts: LinkOptions) => {
      const started = Date.now();
      const map = parseColumnMap(opts.map);
      const delimiter = delimiterOf(opts.delimiter);
      const output = opts.output ?? defaultOutput(opts.input);
      for (const [option, path] of [
        ['--output', output],
        ['--pairs', opts.pairs],
      ] as const) {
        if (path === undefined) continue;
        if (resolve(path) === resolve(opts.input)) {
          throw new LinkInputError('BAD_OPTION', `${option} ${path} is the input file`);
        }
        await assertWritable(path, option, opts.force);
      }
      if (opts.pairs !== undefined && resolve(opts.pairs) === resolve(output)) {
        throw new LinkInputError('BAD_OPTION', `--pairs ${opts.pairs} is also the --output file`);
      }

      const reading = new StageBar('read', 'bytes', opts.progress);
      let table;
      try {
        table = await readTabularFile(opts.input, { delimiter, map }, (read, total) =>
          reading.update(read, total),
        );
      } finally {
        reading.stop();
      }

      const resolving = new StageBar('resolve', 'rows', opts.progress);
      const rows = table.rows.length;
      let run;
      try {
        run = await linkRecords(
          table.rows.map((r) => r.record),
          {
            seed: opts.seed,
            onStage: (stage) => {
              if (stage === 'resolve') return resolving.update(0, rows);
              if (stage === 'cluster') resolving.stop();
              if (opts.progress) process.stderr.write(`link: ${STAGE_LABEL[stage]}\n`);
            },
            onProgress: (resolved) => resolving.update(resolved, rows),
          },
        );
      } finally {
        resolving.stop();
      }

      await writeCsv(output, CLUSTER_COLUMNS, clusterRows(run.records, table.rows));
      if (opts.pairs !== undefined) {
        const idOf = new Map(table.rows.map((r) => [r.record.key, r.id]));
        await writeCsv(opts.pairs, PAIR_COLUMNS, pairRows(run.links, idOf));
      }

      const sizes = new Map<string, number>();
      for (const r of run.records) sizes.set(r.clusterId, r.clusterSize);
      const multi = [...sizes.values()].filter((s) => s > 1);
      const withIssues = table.rows.filter((r) => r.issues.length > 0).length;
      const review = run.thresholds.profiles['biographic']?.review;
      process.stdout.write(
        [
          `linked ${table.rows.length} rows of ${opts.input} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
          `  clusters ${run.clusters}: ${run.clusters - multi.length} singletons, ${multi.length} proposed from review-level links (${multi.reduce((s, n) => s + n, 0)} rows, largest ${multi.reduce((m, n) => Math.max(m, n), 0)})`,
          `  pairs scored ${run.scoredPairs}; at REVIEW or better ${run.links.length}. Biographic evidence never auto-links (ADR 0006): clusters are proposals for review`,
          `  rows with issues ${withIssues}${withIssues > 0 ? ' (see the issues column)' : ''}`,
          `  model ${run.model.version}; thresholds ${run.thresholds.version} (REVIEW at LLR ≥ ${review === undefined ? 'n/a' : review.toFixed(2)} for ${run.thresholds.policy.gallerySize} records)`,
          `  wrote ${output}${opts.pairs === undefined ? '' : ` and ${opts.pairs}`}`,
          '',
        ].join('\n'),
      );
    });
}
