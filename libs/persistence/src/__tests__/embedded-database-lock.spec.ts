import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  createServiceDataSource,
  EMBEDDED_DATABASE_LOCK_FILE,
  embeddedDatabaseHolder,
  EmbeddedDatabaseLockedError,
  lockEmbeddedDatabase,
  openEmbeddedDatabase,
} from '..';

const repositoryRoot = resolve(__dirname, '../../../..');
const child = join(__dirname, 'fixtures', 'open-held-database.ts');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function freshFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mosaic-lock-'));
  dirs.push(dir);
  return dir;
}

/** Runs the fixture in its own node process; resolves with its exit code and its JSON line. */
function runChild(
  mode: 'open' | 'hold',
  dataDir: string,
): Promise<{ code: number | null; report: Record<string, unknown>; stderr: string }> {
  return new Promise((done, fail) => {
    const proc = spawn(process.execPath, ['-r', '@swc-node/register', child, mode, dataDir], {
      cwd: repositoryRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('error', fail);
    proc.on('close', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        done({ code, report: JSON.parse(line) as Record<string, unknown>, stderr });
      } catch {
        fail(new Error(`child printed no report (exit ${code}): ${stdout}${stderr}`));
      }
    });
  });
}

/** A pid that ran on this host and has exited. */
function deadPid(): number {
  const proc = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(proc.stdout.toString());
}

function lockFile(dataDir: string) {
  return JSON.parse(readFileSync(join(dataDir, EMBEDDED_DATABASE_LOCK_FILE), 'utf8')) as {
    pid: number;
    hostname: string;
    holder: string;
    since: string;
  };
}

describe('one writer per embedded database', () => {
  it('refuses a second process, naming the folder, the holder and what to do', async () => {
    const dataDir = freshFolder();
    const db = await openEmbeddedDatabase(dataDir, { holder: 'gateway service' });
    try {
      await db.query('CREATE TABLE kept (v text)');
      const { code, report } = await runChild('open', dataDir);
      expect(code).toBe(3);
      expect(report['code']).toBe('DATABASE_LOCKED');
      const message = String(report['message']);
      expect(message).toContain(dataDir);
      expect(message).toContain(`gateway service (pid ${process.pid} on ${hostname()}, since `);
      expect(message).toContain('Stop that process first');
      // The holder's database is untouched and still answers.
      expect((await db.query('SELECT count(*)::int AS n FROM kept')).rows).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
    expect(existsSync(join(dataDir, EMBEDDED_DATABASE_LOCK_FILE))).toBe(false);
  });

  it('refuses a second open in the same process, and allows it once the first is closed', async () => {
    const dataDir = freshFolder();
    const first = await createServiceDataSource({
      database: { kind: 'pglite', dataDir },
      holder: 'travel service',
    });
    await first.initialize();
    expect(lockFile(dataDir)).toMatchObject({ pid: process.pid, holder: 'travel service' });
    const second = createServiceDataSource({ database: { kind: 'pglite', dataDir } });
    await expect(second).rejects.toThrow(EmbeddedDatabaseLockedError);
    await expect(second).rejects.toMatchObject({
      code: 'DATABASE_LOCKED',
      sameProcess: true,
      holder: { pid: process.pid, holder: 'travel service' },
    });
    await first.destroy();
    expect(embeddedDatabaseHolder(dataDir)).toBeNull();
    const reopened = await createServiceDataSource({ database: { kind: 'pglite', dataDir } });
    await reopened.initialize();
    await reopened.destroy();
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const dataDir = freshFolder();
    const pid = deadPid();
    writeFileSync(
      join(dataDir, EMBEDDED_DATABASE_LOCK_FILE),
      JSON.stringify({
        pid,
        hostname: hostname(),
        holder: 'crashed gateway',
        since: '2026-01-01T00:00:00.000Z',
        token: 'old',
      }),
    );
    expect(embeddedDatabaseHolder(dataDir)).toBeNull();
    const lock = lockEmbeddedDatabase(dataDir, 'mosaic audit verify');
    expect(lockFile(dataDir)).toMatchObject({ pid: process.pid, holder: 'mosaic audit verify' });
    lock.release();
    expect(existsSync(join(dataDir, EMBEDDED_DATABASE_LOCK_FILE))).toBe(false);
  });

  it('does not take over a live process’s lock, nor one taken on another host', () => {
    const dataDir = freshFolder();
    const file = join(dataDir, EMBEDDED_DATABASE_LOCK_FILE);
    const foreign = { since: '2026-01-01T00:00:00.000Z', token: 't', holder: 'gateway service' };
    writeFileSync(file, JSON.stringify({ ...foreign, pid: process.ppid, hostname: hostname() }));
    expect(() => lockEmbeddedDatabase(dataDir)).toThrow(
      `is in use by gateway service (pid ${process.ppid} on ${hostname()}`,
    );
    writeFileSync(file, JSON.stringify({ ...foreign, pid: deadPid(), hostname: 'elsewhere' }));
    expect(() => lockEmbeddedDatabase(dataDir)).toThrow(`delete ${file}`);
    expect(embeddedDatabaseHolder(dataDir)).toMatchObject({ hostname: 'elsewhere' });
  });

  it('gives the folder up when the holding process exits without closing', async () => {
    const dataDir = freshFolder();
    const { code, report } = await runChild('hold', dataDir);
    expect({ code, report }).toEqual({ code: 0, report: { held: true } });
    expect(existsSync(join(dataDir, EMBEDDED_DATABASE_LOCK_FILE))).toBe(false);
  });
});
