import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadConsoleSettings,
  startConsoleServer,
  type ConsoleServerOptions,
  type RunningConsole,
  viteBin,
} from '../console-server';

describe('console server', () => {
  let dist: string;
  let running: RunningConsole;
  let origin: string;

  async function start(overrides: Partial<ConsoleServerOptions> = {}): Promise<RunningConsole> {
    // Port 0: the OS picks one; the URL returned names it.
    return startConsoleServer({
      settings: { host: '127.0.0.1', port: 0, origin: 'http://127.0.0.1:0' },
      gatewayUrl: 'http://127.0.0.1:4000/graphql',
      purposes: { CASE_INVESTIGATION: ['ANALYST'] },
      demo: {
        users: [{ user: 'demo.analyst', role: 'ANALYST' }],
        exampleCase: 'DEMO-2026-000001',
        mint: async (user) => (user === 'demo.analyst' ? 'header.claims.signature' : null),
      },
      distDir: dist,
      ...overrides,
    });
  }

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
    running = await start();
    origin = new URL(running.url).origin;
  });
  afterAll(async () => {
    await running.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const url = (path: string) => `${origin}${path}`;

  it('serves the runtime settings: gateway, sign-in kind, demo users, purposes', async () => {
    const response = await fetch(url('/console/config.json'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      gatewayUrl: 'http://127.0.0.1:4000/graphql',
      signIn: 'demo',
      demoUsers: [{ user: 'demo.analyst', role: 'ANALYST' }],
      exampleCase: 'DEMO-2026-000001',
      purposes: { CASE_INVESTIGATION: ['ANALYST'] },
    });
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:4000");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('mints a demo token only for a same-origin JSON POST naming a demo user', async () => {
    const post = (body: string, headers: Record<string, string>) =>
      fetch(url('/console/demo-token'), { method: 'POST', body, headers });
    const ok = await post('{"user":"demo.analyst"}', { 'content-type': 'application/json' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ token: 'header.claims.signature' });
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect((await post('{"user":"someone"}', { 'content-type': 'application/json' })).status).toBe(
      400,
    );
    expect(
      (await post('user=demo.analyst', { 'content-type': 'application/x-www-form-urlencoded' }))
        .status,
    ).toBe(403);
    expect(
      (
        await post('{"user":"demo.analyst"}', {
          'content-type': 'application/json',
          origin: 'http://evil.example',
        })
      ).status,
    ).toBe(403);
    expect((await fetch(url('/console/demo-token'))).status).toBe(405);
  });

  it('serves the build, never a file outside it', async () => {
    const index = await fetch(url('/'));
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(url('/assets/app-1234.js'));
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(url('/..%2f..%2fconsole-secret.txt'))).status).toBe(404);
    expect((await fetch(url('/missing.js'))).status).toBe(404);
  });

  it('offers no demo sign-in without demo users (infra mode): the user pastes a token', async () => {
    const infra = await start({ demo: null });
    try {
      const base = new URL(infra.url).origin;
      const config = (await (await fetch(`${base}/console/config.json`)).json()) as {
        signIn: string;
      };
      expect(config.signIn).toBe('token');
      const minted = await fetch(`${base}/console/demo-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"user":"demo.analyst"}',
      });
      expect(minted.status).toBe(404);
    } finally {
      await infra.close();
    }
  });

  it('reads its port from MOSAIC_CONSOLE_PORT and names the variable when it is bad', () => {
    expect(loadConsoleSettings({ MOSAIC_CONSOLE_PORT: '4090' }).origin).toBe(
      'http://127.0.0.1:4090',
    );
    expect(loadConsoleSettings({}).port).toBe(4080);
    expect(() => loadConsoleSettings({ MOSAIC_CONSOLE_PORT: 'eighty' })).toThrow(
      /MOSAIC_CONSOLE_PORT/,
    );
  });

  it('finds the Vite command it rebuilds a stale console with', () => {
    // `npm start` rebuilds when the sources are newer than dist/; Vite's exports do not list its bin.
    expect(viteBin()).toMatch(/vite[\\/]bin[\\/]vite\.js$/);
    expect(existsSync(viteBin())).toBe(true);
  });
});
