import { mkdtemp, readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSynthOptions, type SynthOptions } from '@mosaic/synth';
import { runCli } from '../../main';
import { SYNTH_FILES, writeSynthOutput } from '../synth-writer';

async function captureStderr(
  run: () => Promise<number>,
): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = jest
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return { code: await run(), stderr };
  } finally {
    spy.mockRestore();
    out.mockRestore();
  }
}

const ALL_FILES = [...Object.values(SYNTH_FILES), 'summary.json', 'summary.svg'];

describe('mosaic synth', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mosaic-synth-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const synth = (...args: string[]) =>
    captureStderr(() => runCli(['synth', '--no-progress', ...args]));

  it('writes byte-identical output for the same seed and options, and different output for another seed', async () => {
    const args = ['--persons', '700', '--block-size', '300'];
    expect((await synth('--out', join(dir, 'a'), '--seed', '5', ...args)).code).toBe(0);
    expect((await synth('--out', join(dir, 'b'), '--seed', '5', ...args)).code).toBe(0);
    expect((await synth('--out', join(dir, 'c'), '--seed', '6', ...args)).code).toBe(0);
    for (const file of ALL_FILES) {
      const a = await readFile(join(dir, 'a', file));
      const b = await readFile(join(dir, 'b', file));
      expect({ file, equal: a.equals(b) }).toEqual({ file, equal: true });
    }
    const c = await readFile(join(dir, 'c', 'travel.ndjson'));
    expect(c.equals(await readFile(join(dir, 'a', 'travel.ndjson')))).toBe(false);
  });

  it('writes the sources, the truth apart from them, a summary and its chart, and nothing else', async () => {
    const out = join(dir, 'demo');
    expect((await synth('--out', out, '--persons', '400')).code).toBe(0);
    const entries = (await readdir(out, { recursive: true })).map(String).sort();
    expect(entries).toEqual([...ALL_FILES, 'truth'].sort());
    const svg = await readFile(join(out, 'summary.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('genuine');
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(summary.counts.persons).toBe(400);
    const truthLines = (await readFile(join(out, 'truth/records.ndjson'), 'utf8'))
      .trim()
      .split('\n');
    const travelLines = (await readFile(join(out, 'travel.ndjson'), 'utf8')).trim().split('\n');
    expect(summary.counts.travelEncounters).toBe(travelLines.length);
    expect(truthLines.length).toBeGreaterThan(travelLines.length);
    expect(await readdir(dir)).toEqual(['demo']);
  });

  it('names an unknown option', async () => {
    const { code, stderr } = await synth('--out', join(dir, 'x'), '--persns', '10');
    expect(code).not.toBe(0);
    expect(stderr).toContain("unknown option '--persns'");
  });

  it('names a size that is not a number', async () => {
    const { code, stderr } = await synth('--out', join(dir, 'x'), '--persons', 'lots');
    expect(code).not.toBe(0);
    expect(stderr).toContain('--persons must be a whole number, got "lots"');
  });

  it('names an impossible rate and writes nothing', async () => {
    const { code, stderr } = await synth('--out', join(dir, 'x'), '--set', 'names.typoRate=2');
    expect(code).toBe(2);
    expect(stderr).toMatch(/option names\.typoRate: .*1/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses to overwrite an existing folder without --force, and replaces it with --force', async () => {
    const out = join(dir, 'kept');
    await mkdir(out);
    await writeFile(join(out, 'mine.txt'), 'do not lose me');
    const refused = await synth('--out', out, '--persons', '100');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--force');
    expect(await readFile(join(out, 'mine.txt'), 'utf8')).toBe('do not lose me');
    expect((await synth('--out', out, '--persons', '100', '--force')).code).toBe(0);
    expect((await readdir(out)).includes('mine.txt')).toBe(false);
  });

  it('reports figures it cannot measure on a tiny population as not measurable', async () => {
    const out = join(dir, 'tiny');
    expect((await synth('--out', out, '--persons', '3')).code).toBe(0);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(summary.counts.persons).toBe(3);
    expect(summary.scores.face.groupFmrRatio).toBeNull();
  });

  it('leaves no half-written output behind when generation fails', async () => {
    const broken = {
      ...resolveSynthOptions({ persons: 300 }),
      groupMix: {
        ARABIC: 0,
        EAST_ASIAN: 0,
        HISPANIC: 0,
        SLAVIC: 0,
        SOUTH_ASIAN: 0,
        WEST_AFRICAN: 0,
        WEST_EUROPEAN: 0,
      },
    } as SynthOptions;
    await expect(
      writeSynthOutput(broken, { out: join(dir, 'never'), force: false }),
    ).rejects.toThrow(/weight/);
    expect(await readdir(dir)).toEqual([]);
    await expect(stat(join(dir, 'never'))).rejects.toThrow();
  });
});
