// Reusable pieces for tests that go through the gateway over HTTP: a token
// secret and a gateway key shared by every service, tokens (good and
// hostile), the headers a client sends, a proxy that records what reached a
// subgraph, and booting a Nest app or the gateway on a free port.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { accessHeaders, mintToken, type Purpose, type Role } from '@mosaic/access';
import { SignJWT, UnsecuredJWT } from 'jose';
import { GatewayAppModule, type GatewayAppOptions } from '../../../apps/gateway/src/app.module';
import { loadGatewayConfig } from '../../../apps/gateway/src/config/gateway.config';
import { loadSupergraph } from '../../../apps/gateway/src/supergraph/supergraph';

/** The HS256 secret of a test deployment: give it to every service (MOSAIC_AUTH_SECRET). */
export const E2E_AUTH_SECRET = 'mosaic-e2e-token-secret-0123456789abcdef';

/**
 * The HS256 key the test deployment's gateway signs its subgraph calls with
 * (MOSAIC_GATEWAY_SECRET): never the token secret, so a user token is no
 * gateway credential.
 */
export const E2E_GATEWAY_SECRET = 'mosaic-e2e-gateway-key-fedcba9876543210';

/**
 * The variables that make a service check user tokens with `secret` and its
 * gateway calls with `gatewaySecret`, whatever the mode (infra mode requires
 * both; embedded mode would otherwise keep a gateway key in the data folder).
 */
export const authEnv = (
  secret: string = E2E_AUTH_SECRET,
  gatewaySecret: string = E2E_GATEWAY_SECRET,
) => ({ MOSAIC_AUTH_SECRET: secret, MOSAIC_GATEWAY_SECRET: gatewaySecret });

/** A well-formed case number for tests. */
export const E2E_CASE = 'CASE-2026-000117';

export interface TokenOptions {
  secret?: string;
  ttlSeconds?: number;
  now?: Date;
}

/** A valid development token for `user` with `roles`. */
export function tokenFor(user: string, roles: Role[], options: TokenOptions = {}): Promise<string> {
  return mintToken({
    user,
    roles,
    secret: options.secret ?? E2E_AUTH_SECRET,
    ...(options.ttlSeconds !== undefined ? { ttlSeconds: options.ttlSeconds } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
  });
}

/**
 * The headers of a request made as `user` with `roles`, under `purpose`
 * (default CASE_INVESTIGATION) for `caseNumber` (default E2E_CASE).
 */
export async function headersFor(
  user: string,
  roles: Role[],
  options: TokenOptions & { purpose?: Purpose; caseNumber?: string } = {},
): Promise<Record<string, string>> {
  return accessHeaders({
    token: await tokenFor(user, roles, options),
    purpose: options.purpose ?? 'CASE_INVESTIGATION',
    caseNumber: options.caseNumber ?? E2E_CASE,
  });
}

const claims = (roles: unknown, secret: string) => ({
  sign: (alg = 'HS256', key = secret) =>
    new SignJWT({ roles })
      .setProtectedHeader({ alg, typ: 'JWT' })
      .setSubject('mallory')
      .setIssuer('mosaic')
      .setAudience('mosaic')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(key)),
});

/** Tokens an attacker might send, each of which every Mosaic service must refuse. */
export async function hostileTokens(
  secret: string = E2E_AUTH_SECRET,
): Promise<Record<'expired' | 'forged' | 'algNone' | 'unknownRole' | 'noRoles', string>> {
  const hourAgo = new Date(Date.now() - 2 * 3600_000);
  return {
    expired: await tokenFor('mallory', ['ANALYST'], { secret, ttlSeconds: 3600, now: hourAgo }),
    forged: await claims(['SUPERVISOR'], secret).sign(
      'HS256',
      'not-the-deployment-secret-but-32-chars-long',
    ),
    algNone: new UnsecuredJWT({ roles: ['SUPERVISOR'] })
      .setSubject('mallory')
      .setIssuer('mosaic')
      .setAudience('mosaic')
      .setIssuedAt()
      .setExpirationTime('1h')
      .encode(),
    unknownRole: await claims(['ROOT'], secret).sign(),
    noRoles: await claims([], secret).sign(),
  };
}

export interface GraphQLAnswer {
  status: number;
  /** The request id the gateway echoed. */
  requestId: string | null;
  headers: Headers;
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
}

/**
 * POSTs `body` (an operation, or anything else a client might send) as JSON,
 * the way any client does, and reads the answer whatever its status.
 */
export async function postGraphQL(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<GraphQLAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Omit<GraphQLAnswer, 'status' | 'requestId' | 'headers'>;
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    parsed = { errors: [{ message: text }] };
  }
  return {
    status: response.status,
    requestId: response.headers.get('x-request-id'),
    headers: response.headers,
    ...parsed,
  };
}

/** The codes of an answer's errors, in order. */
export const errorCodes = (answer: GraphQLAnswer): unknown[] =>
  (answer.errors ?? []).map((e) => e.extensions?.['code']);

export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A URL nothing listens on: a subgraph of the supergraph a test does not start. */
export async function unusedUrl(): Promise<string> {
  const nothing = createServer();
  const url = await listen(nothing);
  await new Promise((resolve) => nothing.close(resolve));
  return `${url}/graphql`;
}

/** Starts a Nest app on a free port; `url` is its base URL. */
export async function startApp(
  module: DynamicModule,
): Promise<{ app: INestApplication; url: string }> {
  const app = await NestFactory.create(module, { logger: false, abortOnError: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

/**
 * Starts the gateway on `env` (give it the same authEnv and data folder or
 * database as the subgraphs) in front of the subgraphs at `urls`
 * (GraphQL URLs by subgraph name; the others get a URL nothing listens on),
 * with `options` (e.g. the audit log's clock). `graphqlUrl` is where clients post.
 */
export async function startGateway(
  env: Record<string, string>,
  urls: Partial<Record<'travel' | 'seizure' | 'fingerprint' | 'identity' | 'analysis', string>>,
  options: GatewayAppOptions = {},
): Promise<{ app: INestApplication; url: string; graphqlUrl: string }> {
  const nowhere = await unusedUrl();
  const config = loadGatewayConfig({
    ...env,
    MOSAIC_GATEWAY_TRAVEL_URL: urls.travel ?? nowhere,
    MOSAIC_GATEWAY_SEIZURE_URL: urls.seizure ?? nowhere,
    MOSAIC_GATEWAY_FINGERPRINT_URL: urls.fingerprint ?? nowhere,
    MOSAIC_GATEWAY_IDENTITY_URL: urls.identity ?? nowhere,
    MOSAIC_GATEWAY_ANALYSIS_URL: urls.analysis ?? nowhere,
  });
  const started = await startApp(
    GatewayAppModule.register(config, await loadSupergraph(config), options),
  );
  return { ...started, graphqlUrl: `${started.url}/graphql` };
}

/** What passed between the gateway and a subgraph. */
export interface Exchange {
  sent: IncomingHttpHeaders;
  /** The request body the subgraph received. */
  body: string;
  /** The request id the subgraph echoed on its own response: the one its context read. */
  echoedRequestId: string | null;
}

/**
 * Sits between the gateway and a subgraph and records each exchange, so a test
 * sees what the subgraph actually received and answered on the wire (and
 * whether it was called at all).
 */
export function recordingProxy(target: string): {
  server: Server;
  exchanges: Exchange[];
  start(): Promise<string>;
  close(): Promise<void>;
} {
  const exchanges: Exchange[] = [];
  const hopByHop = new Set(['host', 'connection', 'content-length', 'keep-alive']);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([name]) => !hopByHop.has(name)),
      ) as Record<string, string>;
      const body = Buffer.concat(chunks);
      void fetch(`${target}${req.url ?? ''}`, {
        method: req.method ?? 'POST',
        headers,
        body: chunks.length > 0 ? body : null,
      })
        .then(async (answer) => {
          exchanges.push({
            sent: req.headers,
            body: body.toString('utf8'),
            echoedRequestId: answer.headers.get('x-request-id'),
          });
          res.writeHead(answer.status, {
            'content-type': answer.headers.get('content-type') ?? 'application/json',
          });
          res.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => {
          res.writeHead(502);
          res.end();
        });
    });
  });
  return {
    server,
    exchanges,
    start: () => listen(server),
    close: async () => {
      if (!server.listening) return;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
