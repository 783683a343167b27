import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface SynthBenchRow {
  persons: number;
  seconds: number;
  personsPerSecond: number;
  peakRssMb: number;
  outputMb: number;
  templates: { face: number; finger: number };
  baselineSeconds: number;
  baselinePeakRssMb: number;
  /** Mosaic synth time over the templates-only baseline on the same template count. */
  ratioToBaseline: number;
}

const root = resolve(__dirname, '../..');

async function timed(
  args: string[],
  rssFile: string,
): Promise<{ seconds: number; peakRssMb: number }> {
  const started = process.hrtime.bigint();
  await new Promise<void>((done, fail) => {
    const child = spawn(
      process.execPath,
      ['-r', join(root, 'tools/bench/report-rss.js'), '-r', '@swc-node/register', ...args],
      {
        cwd: root,
        env: { ...process.env, MOSAIC_BENCH_RSS_FILE: rssFile },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    child.once('error', fail);
    child.once('exit', (code) =>
      code === 0 ? done() : fail(new Error(`${args.join(' ')} exited with ${code}`)),
    );
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const usage = JSON.parse(await readFile(rssFile, 'utf8')) as { maxRssKb: number };
  return { seconds, peakRssMb: usage.maxRssKb / 1024 };
}

/** Generates `persons` people with `mosaic synth`, then the templates-only baseline with the same template count. */
export async function benchSynth(
  persons: number,
  workDir: string,
  log: (line: string) => void,
): Promise<SynthBenchRow> {
  const out = join(workDir, `synth-${persons}`);
  await rm(out, { recursive: true, force: true });
  log(`synth: generating ${persons} persons → ${out}`);
  const run = await timed(
    [
      'apps/cli/src/main.ts',
      'synth',
      '--out',
      out,
      '--persons',
      String(persons),
      '--seed',
      '1',
      '--force',
      '--no-progress',
    ],
    join(workDir, 'synth.rss.json'),
  );
  const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')) as {
    counts: { faceTemplates: number; fingerTemplates: number };
    files: Record<string, { bytes: number }>;
  };
  const faceTemplates = summary.counts.faceTemplates;
  const fingerTemplates = summary.counts.fingerTemplates;
  const outputMb = Object.values(summary.files).reduce((n, f) => n + f.bytes, 0) / 1e6;
  await rm(out, { recursive: true, force: true });

  log(`synth: baseline, ${faceTemplates} face + ${fingerTemplates} finger templates`);
  const baselineFile = join(workDir, `baseline-${persons}.ndjson`);
  const baseline = await timed(
    ['tools/bench/synth-baseline.ts', baselineFile, String(faceTemplates), String(fingerTemplates)],
    join(workDir, 'baseline.rss.json'),
  );
  await rm(baselineFile, { force: true });
  return {
    persons,
    seconds: round(run.seconds),
    personsPerSecond: Math.round(persons / run.seconds),
    peakRssMb: Math.round(run.peakRssMb),
    outputMb: Math.round(outputMb),
    templates: { face: faceTemplates, finger: fingerTemplates },
    baselineSeconds: round(baseline.seconds),
    baselinePeakRssMb: Math.round(baseline.peakRssMb),
    ratioToBaseline: round(run.seconds / baseline.seconds),
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
