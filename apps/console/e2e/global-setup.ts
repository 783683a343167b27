// Boots the embedded stack once for the whole suite: `npm start`'s own entry
// (tools/start.ts) on a temporary MOSAIC_DATA_DIR and ports away from a
// developer's running `npm start`, with the seeded demo population. It hands
// the console URL and the demo person it printed to the flows through the
// environment, and stops the stack when the suite ends.
// MOSAIC_E2E_CONSOLE_URL (with MOSAIC_E2E_PERSON and MOSAIC_E2E_TRAVEL_RECORD)
// points the suite at a stack already running instead.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../..');
const BOOT_TIMEOUT_MS = 6 * 60_000;

function stackEnv(dataDir: string, base: number): NodeJS.ProcessEnv {
  const names = ['TRAVEL', 'SEIZURE', 'FINGERPRINT', 'IDENTITY', 'ANALYSIS'];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MOSAIC_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    GATEWAY_PORT: String(base),
    MOSAIC_CONSOLE_PORT: String(base + 80),
    LOG_LEVEL: 'warn',
  };
  names.forEach((name, i) => {
    env[`${name}_PORT`] = String(base + 1 + i);
    env[`MOSAIC_GATEWAY_${name}_URL`] = `http://127.0.0.1:${base + 1 + i}/graphql`;
  });
  // Whatever a developer exported for their own stack does not leak in.
  delete env['MOSAIC_GATEWAY_CORS_ORIGINS'];
  delete env['DATABASE_URL'];
  delete env['KAFKA_BROKERS'];
  delete env['SEARCH_URL'];
  return env;
}

function waitForSummary(child: ChildProcess): Promise<string> {
  return new Promise((resolveBoot, reject) => {
    let out = '';
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `the stack did not come up in ${BOOT_TIMEOUT_MS / 1000} s:\n${out.slice(-4000)}`,
          ),
        ),
      BOOT_TIMEOUT_MS,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (/Ctrl\+C stops every service/.test(out)) {
        clearTimeout(timer);
        resolveBoot(out);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the stack exited with ${code} while booting:\n${out.slice(-4000)}`));
    });
  });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env['MOSAIC_E2E_CONSOLE_URL']) return async () => undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'mosaic-console-e2e-'));
  const base = Number(process.env['MOSAIC_E2E_PORT_BASE'] ?? 4600);
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/start.ts'], {
    cwd: REPO,
    env: stackEnv(dataDir, base),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const summary = await waitForSummary(child);
    const consoleUrl = /Console \(web app\): (\S+)/.exec(summary)?.[1];
    const example = /Try it: person (\S+) .*by travel record (\S+)\./.exec(summary);
    if (!consoleUrl || !example?.[1] || !example[2]) {
      throw new Error(
        `the start-up summary names no console URL or demo person:\n${summary.slice(-3000)}`,
      );
    }
    process.env['MOSAIC_E2E_CONSOLE_URL'] = consoleUrl;
    process.env['MOSAIC_E2E_PERSON'] = example[1];
    process.env['MOSAIC_E2E_TRAVEL_RECORD'] = example[2];
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
