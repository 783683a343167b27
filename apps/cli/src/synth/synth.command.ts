import { Command, InvalidArgumentError } from 'commander';
import { SingleBar } from 'cli-progress';
import { resolveSynthOptions, SynthOptionsError } from '@mosaic/synth';
import { writeSynthOutput } from './synth-writer';

/** A figure for the terminal; summary.json keeps "not measurable" as null. */
function figure(value: number | null, digits: number, scale = 1): string {
  return value === null || !Number.isFinite(value) ? 'n/a' : (value * scale).toFixed(digits);
}

function integer(option: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
      throw new InvalidArgumentError(`${option} must be a whole number, got "${value}"`);
    }
    return n;
  };
}

function override(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0)
    throw new InvalidArgumentError(
      `--set expects path=value (e.g. names.typoRate=0.05), got "${value}"`,
    );
  return { ...previous, [value.slice(0, eq).trim()]: value.slice(eq + 1).trim() };
}

export function synthCommand(): Command {
  return new Command('synth')
    .description(
      'Generate a synthetic population with ground truth: NDJSON per source, truth/, summary.json and summary.svg',
    )
    .requiredOption(
      '--out <dir>',
      'output folder (written to a temporary folder, renamed at the end)',
    )
    .option(
      '--persons <n>',
      'number of people (10000 demo, 100000 evaluation, 1000000 scale)',
      integer('--persons'),
      10_000,
    )
    .option(
      '--seed <n>',
      'random seed; same seed and options give byte-identical output',
      integer('--seed'),
      1,
    )
    .option(
      '--block-size <n>',
      'people generated together (relationships stay inside a block)',
      integer('--block-size'),
    )
    .option(
      '--set <path=value>',
      'override any generator option, e.g. --set names.typoRate=0.05 (repeatable)',
      override,
      {},
    )
    .option('--force', 'replace --out if it exists', false)
    .option('--no-progress', 'do not draw a progress bar')
    .action(
      async (opts: {
        out: string;
        persons: number;
        seed: number;
        blockSize?: number;
        set: Record<string, string>;
        force: boolean;
        progress: boolean;
      }) => {
        const options = resolveSynthOptions(
          { persons: opts.persons, seed: opts.seed, blockSize: opts.blockSize },
          opts.set,
        );
        const bar = new SingleBar({
          format: 'synth [{bar}] {percentage}% | {value}/{total} persons | ETA {eta_formatted}',
          stream: process.stderr,
          hideCursor: true,
        });
        if (opts.progress) bar.start(options.persons, 0);
        const started = Date.now();
        try {
          const summary = await writeSynthOutput(
            options,
            { out: opts.out, force: opts.force },
            (p) => {
              if (opts.progress) bar.update(p.personsDone);
            },
          );
          if (opts.progress) bar.stop();
          const c = summary.counts;
          const face = summary.scores.face;
          const finger = summary.scores.finger;
          process.stdout.write(
            [
              `wrote ${opts.out} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
              `  persons ${c.persons}; travel encounters ${c.travelEncounters}; seizure cases ${c.seizureCases} (${c.seizureSubjects} subjects); fingerprint enrollments ${c.fingerprintEnrollments}`,
              `  face   @FMR 1e-4: threshold ${figure(face.threshold, 3)}, FNMR ${figure(face.fnmr, 2, 100)}%, group FMR ratio ${figure(face.groupFmrRatio, 2)}`,
              `  finger @FMR 1e-4: threshold ${figure(finger.threshold, 3)}, FNMR ${figure(finger.fnmr, 2, 100)}%`,
              `  chart: ${opts.out}/summary.svg`,
              '',
            ].join('\n'),
          );
        } catch (error) {
          if (opts.progress) bar.stop();
          throw error;
        }
      },
    );
}

export { SynthOptionsError };
