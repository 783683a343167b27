// Serves the built console (apps/console/dist) from the `npm start` process,
// with its runtime settings and, in embedded mode only, demo sign-in: a token
// minted on request for one of the demo users, so no token is ever built into
// the bundle. The browser then talks to the gateway directly; the gateway's
// CORS allows this origin and no other (MOSAIC_GATEWAY_CORS_ORIGINS).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { z } from 'zod';

/** Where the console lives in the repository, whatever the working directory. */
export const CONSOLE_ROOT = resolve(__dirname, '..');
export const CONSOLE_DIST = join(CONSOLE_ROOT, 'dist');

const unset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const consoleVariables = z.object({
  /** The console's port (the gateway's CORS allows exactly this origin). */
  MOSAIC_CONSOLE_PORT: z.preprocess(
    unset,
    z.coerce
      .number({ error: 'MOSAIC_CONSOLE_PORT must be a number' })
      .int('must be an integer')
      .min(1, 'must be at least 1')
      .max(65535, 'must be at most 65535')
      .default(4080),
  ),
  HOST: z.preprocess(unset, z.string().default('127.0.0.1')),
});

export interface ConsoleSettings {
  host: string;
  port: number;
  /** The browser-facing origin, e.g. http://127.0.0.1:4080. */
  origin: string;
}

/** The console's settings from the environment; a bad value throws naming the variable. */
export function loadConsoleSettings(
  env: Record<string, string | undefined> = process.env,
): ConsoleSettings {
  const parsed = consoleVariables.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${String(issue?.path[0] ?? 'console')}: ${issue?.message ?? 'invalid'}`);
  }
  const { HOST: host, MOSAIC_CONSOLE_PORT: port } = parsed.data;
  // A wildcard bind is reached in a browser as localhost.
  const browserHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return { host, port, origin: `http://${browserHost}:${port}` };
}

export interface DemoUser {
  user: string;
  role: string;
}

/** Demo sign-in: only in embedded mode, where tokens are signed with the local development secret. */
export interface DemoSignIn {
  users: readonly DemoUser[];
  /** A fresh token for `user`, or null when it is not a demo user. */
  mint(user: string): Promise<string | null>;
  /** The case number the demo's examples use. */
  exampleCase: string;
}

export interface ConsoleServerOptions {
  settings: ConsoleSettings;
  /** The gateway's GraphQL URL as the browser reaches it. */
  gatewayUrl: string;
  /** Which roles may declare which purpose (libs/access PURPOSE_ROLES). */
  purposes: Readonly<Record<string, readonly string[]>>;
  /** Null in infra mode (or with an identity provider): the user pastes a token. */
  demo: DemoSignIn | null;
  /** The built console; defaults to apps/console/dist. */
  distDir?: string;
}

export interface RunningConsole {
  url: string;
  close(): Promise<void>;
}

/** What the browser reads first: where the gateway is and how to sign in. */
export interface ConsoleRuntimeConfig {
  gatewayUrl: string;
  signIn: 'demo' | 'token';
  demoUsers: readonly DemoUser[];
  exampleCase: string | null;
  purposes: Readonly<Record<string, readonly string[]>>;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

/** Headers on every answer: the page may load only its own code and talk only to the gateway. */
export function securityHeaders(gatewayUrl: string): Record<string, string> {
  const gatewayOrigin = new URL(gatewayUrl).origin;
  return {
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      `connect-src 'self' ${gatewayOrigin}`,
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "object-src 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
  };
}

const MAX_BODY_BYTES = 4096;

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string>,
): void {
  res.writeHead(status, headers);
  res.end(body);
}

function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string>,
): void {
  send(res, status, JSON.stringify(value), {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
}

const demoTokenRequest = z.object({ user: z.string().min(1).max(64) });

/**
 * The demo token endpoint answers only a same-origin JSON POST: another site
 * cannot make the browser fetch a token (a form post is not JSON, and a
 * cross-origin fetch gets no CORS headers to read the answer with).
 */
function sameOriginJson(req: IncomingMessage, origin: string): boolean {
  const type = req.headers['content-type'] ?? '';
  const from = req.headers['origin'];
  const site = req.headers['sec-fetch-site'];
  return (
    type.split(';')[0]?.trim() === 'application/json' &&
    (from === undefined || from === origin) &&
    (site === undefined || site === 'same-origin')
  );
}

/** Starts the console's HTTP server; resolves once it listens. */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<RunningConsole> {
  const { settings, gatewayUrl, purposes, demo } = options;
  const distDir = resolve(options.distDir ?? CONSOLE_DIST);
  const headers = securityHeaders(gatewayUrl);
  const runtime: ConsoleRuntimeConfig = {
    gatewayUrl,
    signIn: demo ? 'demo' : 'token',
    demoUsers: demo?.users ?? [],
    exampleCase: demo?.exampleCase ?? null,
    purposes,
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', settings.origin);
    if (url.pathname === '/console/config.json' && req.method === 'GET') {
      sendJson(res, 200, runtime, headers);
      return;
    }
    if (url.pathname === '/console/demo-token') {
      if (req.method !== 'POST') {
        sendJson(res, 405, { error: 'POST only' }, { ...headers, allow: 'POST' });
        return;
      }
      if (!demo) {
        sendJson(res, 404, { error: 'demo sign-in is available in embedded mode only' }, headers);
        return;
      }
      if (!sameOriginJson(req, settings.origin)) {
        sendJson(res, 403, { error: 'same-origin JSON requests only' }, headers);
        return;
      }
      const body = demoTokenRequest.safeParse(await readJsonBody(req).catch(() => null));
      const token = body.success ? await demo.mint(body.data.user) : null;
      if (token === null) {
        sendJson(res, 400, { error: 'not a demo user' }, headers);
        return;
      }
      sendJson(res, 200, { token }, headers);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'GET only', { ...headers, allow: 'GET, HEAD' });
      return;
    }
    // Hash routing: every screen is index.html; anything else is a file of the build.
    const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname);
    const file = resolve(distDir, `.${sep}${relative}`);
    if (!file.startsWith(distDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      const built = existsSync(join(distDir, 'index.html'));
      send(
        res,
        built ? 404 : 503,
        built ? 'not found' : 'The console is not built: run `npm run console:build`.',
        { ...headers, 'content-type': 'text/plain; charset=utf-8' },
      );
      return;
    }
    const body = await readFile(file);
    const hashed = relative.startsWith('/assets/');
    send(res, 200, req.method === 'HEAD' ? Buffer.alloc(0) : body, {
      ...headers,
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'console server error', headers);
      else res.destroy();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => resolveListen());
  });
  // Port 0 (tests): the OS chose one.
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : settings.port;
  return {
    url: settings.port === 0 ? `http://${settings.host}:${port}/` : `${settings.origin}/`,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === '__tests__') continue;
    newest = Math.max(newest, newestChange(join(path, entry)));
  }
  return newest;
}

/** Whether dist/ is missing or older than the console's sources. */
export function consoleBuildIsStale(root: string = CONSOLE_ROOT): boolean {
  const built = join(root, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const sources = ['src', 'index.html', 'vite.config.mts'].map((p) => join(root, p));
  return (
    Math.max(...sources.filter((p) => existsSync(p)).map(newestChange)) > statSync(built).mtimeMs
  );
}

/** Vite's command-line entry; its package exports do not include it, so it is found beside its package.json. */
export function viteBin(): string {
  return join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
}

/** Builds the console with Vite (`npm run console:build`) in a child process. */
export async function buildConsole(log: (line: string) => void): Promise<void> {
  const vite = viteBin();
  log('console: building apps/console (vite build)…');
  await new Promise<void>((resolveBuild, reject) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--config', join(CONSOLE_ROOT, 'vite.config.mts'), '--logLevel', 'warn'],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolveBuild() : reject(new Error(`vite build exited with ${code}`)),
    );
  });
}
