import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { ConfigValidationError } from '@mosaic/config';
import { loadGatewayConfig } from '../config/gateway.config';
import { formatGatewayError, gatewayGraphQLOptions } from '../gateway-graphql';
import { loadSupergraph } from '../supergraph/supergraph';

async function bootError(env: Record<string, string>): Promise<ConfigValidationError> {
  const error = await loadSupergraph(loadGatewayConfig(env)).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigValidationError);
  return error as ConfigValidationError;
}

describe('gateway configuration', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mosaic-gateway-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("serves the repository's committed supergraph by default, by an absolute path (not from the working directory)", async () => {
    const supergraph = await loadSupergraph(loadGatewayConfig({}));
    expect(isAbsolute(supergraph.path)).toBe(true);
    expect(supergraph.path.endsWith(join('schema', 'supergraph.graphql'))).toBe(true);
    const urls = Object.fromEntries(supergraph.subgraphs.map((s) => [s.name, s.url]));
    expect(urls).toMatchObject({
      travel: 'http://127.0.0.1:4101/graphql',
      seizure: 'http://127.0.0.1:4102/graphql',
      fingerprint: 'http://127.0.0.1:4103/graphql',
    });
  });

  it('routes each subgraph to the URL its variable gives, not the one baked into the supergraph', async () => {
    const supergraph = await loadSupergraph(
      loadGatewayConfig({ MOSAIC_GATEWAY_TRAVEL_URL: 'https://travel.mosaic.internal/graphql' }),
    );
    expect(supergraph.subgraphs.find((s) => s.name === 'travel')?.url).toBe(
      'https://travel.mosaic.internal/graphql',
    );
  });

  it('refuses a subgraph URL or timeout that is not one, naming the variable', () => {
    expect(() =>
      loadGatewayConfig({
        MOSAIC_GATEWAY_SEIZURE_URL: 'seizure:4102',
        MOSAIC_GATEWAY_SUBGRAPH_TIMEOUT_MS: 'soon',
      }),
    ).toThrow(
      expect.objectContaining({
        issues: expect.arrayContaining([
          expect.objectContaining({ variable: 'MOSAIC_GATEWAY_SUBGRAPH_TIMEOUT_MS' }),
          expect.objectContaining({ variable: 'MOSAIC_GATEWAY_SEIZURE_URL' }),
        ]),
      }),
    );
  });

  it('owns the audit database, needs the bus for audit events, and checks tokens', () => {
    const config = loadGatewayConfig({ MOSAIC_DATA_DIR: join(dir, 'data') });
    expect(config.database).toEqual({ kind: 'pglite', dataDir: join(dir, 'data', 'audit') });
    expect(config.bus).toEqual({ kind: 'in-process' });
    expect(config.auth).toMatchObject({
      kind: 'hs256-file',
      file: join(dir, 'data', 'auth-secret'),
    });
    expect(config.gatewayCredential).toEqual({
      kind: 'hs256-file',
      file: join(dir, 'data', 'gateway-secret'),
    });
    expect(() =>
      loadGatewayConfig({ DATABASE_URL: 'postgres://db:5432', KAFKA_BROKERS: 'kafka:9092' }),
    ).toThrow(
      expect.objectContaining({
        issues: [
          expect.objectContaining({ variable: 'MOSAIC_AUTH_SECRET' }),
          expect.objectContaining({ variable: 'MOSAIC_GATEWAY_SECRET' }),
        ],
      }),
    );
  });

  it('keeps introspection off and the operation limits and rate at their defaults unless told otherwise', () => {
    expect(loadGatewayConfig({}).extra).toMatchObject({
      MOSAIC_GATEWAY_INTROSPECTION: false,
      MOSAIC_GATEWAY_RATE_LIMIT_PER_MINUTE: 300,
      MOSAIC_GATEWAY_MAX_DEPTH: 8,
      MOSAIC_GATEWAY_MAX_ALIASES: 10,
      MOSAIC_GATEWAY_MAX_COST: 5000,
      MOSAIC_GATEWAY_MAX_TOKENS: 1000,
      MOSAIC_GATEWAY_MAX_DIRECTIVES: 10,
      MOSAIC_GATEWAY_MAX_ROOT_FIELDS: 5,
    });
    expect(
      loadGatewayConfig({
        MOSAIC_GATEWAY_INTROSPECTION: 'true',
        MOSAIC_GATEWAY_RATE_LIMIT_PER_MINUTE: '20',
        MOSAIC_GATEWAY_MAX_DEPTH: '6',
      }).extra,
    ).toMatchObject({
      MOSAIC_GATEWAY_INTROSPECTION: true,
      MOSAIC_GATEWAY_RATE_LIMIT_PER_MINUTE: 20,
      MOSAIC_GATEWAY_MAX_DEPTH: 6,
    });
  });

  it('refuses a limit that is no limit, naming the variable', () => {
    expect(() =>
      loadGatewayConfig({
        MOSAIC_GATEWAY_INTROSPECTION: 'yes',
        MOSAIC_GATEWAY_RATE_LIMIT_PER_MINUTE: '0',
        MOSAIC_GATEWAY_MAX_DEPTH: '1000',
        MOSAIC_GATEWAY_MAX_COST: 'cheap',
      }),
    ).toThrow(
      expect.objectContaining({
        issues: expect.arrayContaining([
          { variable: 'MOSAIC_GATEWAY_INTROSPECTION', reason: 'must be true or false' },
          { variable: 'MOSAIC_GATEWAY_RATE_LIMIT_PER_MINUTE', reason: 'must be at least 1' },
          { variable: 'MOSAIC_GATEWAY_MAX_DEPTH', reason: 'must be at most 50' },
          expect.objectContaining({ variable: 'MOSAIC_GATEWAY_MAX_COST' }),
        ]),
      }),
    );
  });

  it('stops at boot when the supergraph file is missing, saying how to make it', async () => {
    const error = await bootError({ MOSAIC_GATEWAY_SUPERGRAPH: join(dir, 'absent.graphql') });
    expect(error.issues).toEqual([
      {
        variable: 'MOSAIC_GATEWAY_SUPERGRAPH',
        reason: expect.stringContaining('ENOENT); run npm run schema:compose'),
      },
    ]);
  });

  it('stops at boot when the file is a subgraph schema rather than a composed supergraph', async () => {
    const file = join(dir, 'subgraph.graphql');
    writeFileSync(file, 'type Query { travelEncounter(id: ID!): String }\n');
    const error = await bootError({ MOSAIC_GATEWAY_SUPERGRAPH: file });
    expect(error.issues[0]?.reason).toContain('is not a composed supergraph');
  });

  it('serves the audit subgraph itself: it needs no URL and gets no HTTP health probe', async () => {
    const file = join(dir, 'with-audit.graphql');
    writeFileSync(
      file,
      'enum join__Graph {\n' +
        '  AUDIT @join__graph(name: "audit", url: "http://127.0.0.1:4000/audit")\n' +
        '  TRAVEL @join__graph(name: "travel", url: "http://127.0.0.1:4101/graphql")\n' +
        '}\n',
    );
    const supergraph = await loadSupergraph(loadGatewayConfig({ MOSAIC_GATEWAY_SUPERGRAPH: file }));
    expect(supergraph.subgraphs).toEqual([
      { name: 'travel', url: 'http://127.0.0.1:4101/graphql' },
    ]);
  });

  it('stops at boot when the supergraph has a subgraph the gateway has no URL variable for', async () => {
    const file = join(dir, 'with-unknown.graphql');
    writeFileSync(
      file,
      'enum join__Graph {\n' +
        '  CONSOLE @join__graph(name: "console", url: "http://127.0.0.1:4106/graphql")\n' +
        '  TRAVEL @join__graph(name: "travel", url: "http://127.0.0.1:4101/graphql")\n' +
        '}\n',
    );
    const error = await bootError({ MOSAIC_GATEWAY_SUPERGRAPH: file });
    expect(error.issues).toEqual([
      { variable: 'MOSAIC_GATEWAY_CONSOLE_URL', reason: expect.stringContaining('"console"') },
    ]);
  });
});

describe('the Apollo options the gateway runs with', () => {
  const authenticator = { authenticate: () => Promise.reject(new Error('not called')) };
  const options = async (env: Record<string, string>) => {
    const config = loadGatewayConfig(env);
    return gatewayGraphQLOptions(config, await loadSupergraph(config), authenticator).server;
  };

  it('introspect only when MOSAIC_GATEWAY_INTROSPECTION=true, never batch, and cap tokens while parsing', async () => {
    expect(await options({})).toMatchObject({
      introspection: false,
      allowBatchedHttpRequests: false,
      parseOptions: { maxTokens: 1000 },
    });
    expect(
      await options({ MOSAIC_GATEWAY_INTROSPECTION: 'true', MOSAIC_GATEWAY_MAX_TOKENS: '400' }),
    ).toMatchObject({ introspection: true, parseOptions: { maxTokens: 400 } });
  });

  it("switch off @apollo/gateway's usage metrics to Apollo's hosted endpoint before the gateway is built", async () => {
    const saved = process.env['APOLLO_TELEMETRY_DISABLED'];
    delete process.env['APOLLO_TELEMETRY_DISABLED'];
    try {
      await options({});
      expect(process.env['APOLLO_TELEMETRY_DISABLED']).toBe('true');
    } finally {
      if (saved === undefined) delete process.env['APOLLO_TELEMETRY_DISABLED'];
      else process.env['APOLLO_TELEMETRY_DISABLED'] = saved;
    }
  });
});

describe('errors as clients see them', () => {
  it('never carry a stack trace, and name the subgraph an error came from', () => {
    expect(
      formatGatewayError({
        message: 'Invalid travel encounter: port: is required',
        path: ['recordTravelEncounter'],
        extensions: {
          code: 'BAD_USER_INPUT',
          serviceName: 'travel',
          stacktrace: ['GraphQLError: Invalid travel encounter', '    at withUserInputErrors'],
        },
      }),
    ).toEqual({
      message: 'Invalid travel encounter: port: is required',
      path: ['recordTravelEncounter'],
      extensions: { code: 'BAD_USER_INPUT', subgraph: 'travel' },
    });
  });
});
