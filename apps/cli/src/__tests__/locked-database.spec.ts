import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_DATABASE_LOCK_FILE } from '@mosaic/persistence';
import { runCli } from '../main';

/**
 * Every command that opens a service's embedded database refuses, plainly and
 * without opening it, while a running process holds the folder. The holder
 * here is the test runner's parent process: alive, and not this process.
 */
describe('CLI commands on an embedded database a running service holds', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mosaic-cli-locked-'));
  const saved = { ...process.env };
  let stderr = '';
  let spy: jest.SpyInstance;

  beforeAll(() => {
    for (const db of ['travel', 'identity', 'analysis', 'audit']) {
      mkdirSync(join(dataDir, db));
      writeFileSync(
        join(dataDir, db, EMBEDDED_DATABASE_LOCK_FILE),
        JSON.stringify({
          pid: process.ppid,
          hostname: hostname(),
          holder: `${db} service`,
          since: '2026-02-11T08:00:00.000Z',
          token: 'running',
        }),
      );
    }
    writeFileSync(join(dataDir, 'lines.ndjson'), '');
    for (const key of ['DATABASE_URL', 'KAFKA_BROKERS', 'SEARCH_URL', 'MOSAIC_MODE'])
      delete process.env[key];
    process.env['MOSAIC_DATA_DIR'] = dataDir;
  });
  beforeEach(() => {
    stderr = '';
    spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    });
  });
  afterEach(() => spy.mockRestore());
  afterAll(() => {
    process.env = saved;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['import', ['import', '--source', 'travel', '--no-progress'], 'travel'],
    ['reindex', ['reindex', '--no-progress'], 'analysis'],
    ['retention purge', ['retention', 'purge', '--no-progress'], 'audit'],
  ])('%s exits 3 naming the folder and its holder', async (_name, args, db) => {
    const argv = args[0] === 'import' ? [...args, join(dataDir, 'lines.ndjson')] : args;
    expect(await runCli(argv)).toBe(3);
    expect(stderr).toContain(
      `error: the embedded database ${dataDir}/${db} is in use by ${db} service`,
    );
    expect(stderr).toContain(
      `(pid ${process.ppid} on ${hostname()}, since 2026-02-11T08:00:00.000Z)`,
    );
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
