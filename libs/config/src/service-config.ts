import { z } from 'zod';
import { ConfigValidationError, type ConfigIssue } from './config-error';

export type RunMode = 'embedded' | 'infra';

export type DatabaseConfig =
  { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; database: string };

export type EventBusConfig =
  { kind: 'in-process' } | { kind: 'kafka'; brokers: string[]; clientId: string };

export type SearchConfig = { kind: 'postgres' } | { kind: 'engine'; url: string };

/**
 * How a service checks the bearer tokens of its callers (see @mosaic/access).
 * `hs256`: a shared secret (`MOSAIC_AUTH_SECRET`, development and tests);
 * `hs256-file`: embedded mode without a secret, a random one kept in the data
 * folder and made on first use, so `npm start` and `mosaic token` agree;
 * `jwks`: an identity provider's key set (`MOSAIC_AUTH_JWKS_URL`, deployments).
 */
export type AuthConfig = { issuer: string; audience: string } & (
  | { kind: 'hs256'; secret: string }
  | { kind: 'hs256-file'; file: string }
  | { kind: 'jwks'; url: string }
);

/**
 * The gateway's own credential (ADR 0012): the gateway signs each subgraph
 * call with it, and a subgraph answers nothing else. `hs256`:
 * `MOSAIC_GATEWAY_SECRET`; `hs256-file`: embedded mode without it, a random
 * one kept in the data folder, so every service of one `npm start` agrees.
 */
export type GatewayCredentialConfig =
  { kind: 'hs256'; secret: string } | { kind: 'hs256-file'; file: string };

/** What a service needs from its surroundings; decides which variables are required. */
export interface ServiceNeeds {
  database: boolean;
  bus: boolean;
  search: boolean;
  /** Checks bearer tokens (every GraphQL service); infra mode then requires a secret or a JWKS URL. */
  auth?: boolean;
}

export interface ServiceDefinition<Extra extends z.ZodRawShape = z.ZodRawShape> {
  /** Service name; also names its database (`mosaic_<name>`) and its embedded data folder. */
  name: string;
  defaultPort: number;
  needs: ServiceNeeds;
  /** The database the service owns when it is not named after the service (e.g. the gateway's `audit`). */
  database?: string;
  /** App-specific variables, validated together with the platform ones. */
  extra?: Extra;
}

export interface ServiceConfig<Extra = Record<string, never>> {
  service: string;
  mode: RunMode;
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  database: DatabaseConfig | null;
  bus: EventBusConfig | null;
  search: SearchConfig | null;
  auth: AuthConfig | null;
  /** How the gateway's calls to subgraphs are signed and checked; null without `needs.auth`. */
  gatewayCredential: GatewayCredentialConfig | null;
  /** Secret: the bearer token `/metrics` asks for (MOSAIC_METRICS_TOKEN); null → `/metrics` is open. */
  metricsToken: string | null;
  extra: Extra;
}

/** Presence of any of these selects infra mode unless MOSAIC_MODE says otherwise. */
const SERVICE_URL_VARIABLES = ['DATABASE_URL', 'KAFKA_BROKERS', 'SEARCH_URL'] as const;

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const platformSchema = z.object({
  MOSAIC_MODE: z.preprocess(emptyToUndefined, z.enum(['embedded', 'infra']).optional()),
  MOSAIC_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('.data')),
  /** Infra mode: each service's database is `<prefix><service>` (isolated test runs use their own prefix). */
  MOSAIC_DATABASE_PREFIX: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(
        /^[a-z_][a-z0-9_]{0,40}$/,
        'must be lower-case letters, digits and _ (a PostgreSQL name prefix)',
      )
      .default('mosaic_'),
  ),
  HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  ),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\/[^\s]+$/, 'must be a postgres:// URL')
      .optional(),
  ),
  KAFKA_BROKERS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(
        /^[A-Za-z0-9.-]+:\d{1,5}(,[A-Za-z0-9.-]+:\d{1,5})*$/,
        'must be a comma-separated list of host:port',
      )
      .optional(),
  ),
  SEARCH_URL: z.preprocess(emptyToUndefined, z.url('must be an http(s) URL').optional()),
  /** Secret: the HS256 key tokens are signed with (development, tests). */
  MOSAIC_AUTH_SECRET: z.preprocess(
    emptyToUndefined,
    z.string().min(32, 'must be at least 32 characters').optional(),
  ),
  /**
   * Secret: a bearer token that `/metrics` then requires. Metrics carry no
   * personal data; the token keeps operational volumes from anyone who can
   * reach a service's port (the gateway's is public).
   */
  MOSAIC_METRICS_TOKEN: z.preprocess(
    emptyToUndefined,
    z.string().min(32, 'must be at least 32 characters').optional(),
  ),
  /** The identity provider's JSON Web Key Set (deployments). */
  MOSAIC_AUTH_JWKS_URL: z.preprocess(
    emptyToUndefined,
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  ),
  /**
   * Secret: the HS256 key of the gateway's per-call credential to the
   * subgraphs. Not the token secret: holding that mints user tokens, which a
   * subgraph does not accept.
   */
  MOSAIC_GATEWAY_SECRET: z.preprocess(
    emptyToUndefined,
    z.string().min(32, 'must be at least 32 characters').optional(),
  ),
  MOSAIC_AUTH_ISSUER: z.preprocess(emptyToUndefined, z.string().min(1).max(200).default('mosaic')),
  MOSAIC_AUTH_AUDIENCE: z.preprocess(
    emptyToUndefined,
    z.string().min(1).max(200).default('mosaic'),
  ),
});

function portSchema(variable: string, fallback: number) {
  return z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: `${variable} must be a number` })
      .int('must be an integer')
      .min(1, 'must be between 1 and 65535')
      .max(65535, 'must be between 1 and 65535')
      .default(fallback),
  );
}

function toIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((issue) => ({
    variable: String(issue.path[0] ?? '(environment)'),
    reason: issue.message,
  }));
}

/** The `<NAME>_PORT` variable of a service, e.g. `TRAVEL_PORT`. */
export function portVariable(service: string): string {
  return `${service.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_PORT`;
}

/**
 * Validates the environment for one service and derives its run mode.
 * Embedded is the default when no service URL is set; infra mode requires every
 * URL the service needs, so a half-configured deployment fails at boot instead of
 * silently writing to a local PGlite file.
 */
export function loadServiceConfig<Extra extends z.ZodRawShape>(
  definition: ServiceDefinition<Extra>,
  env: Record<string, string | undefined> = process.env,
): ServiceConfig<z.infer<z.ZodObject<Extra>>> {
  const portVar = portVariable(definition.name);
  const parsed = platformSchema.safeParse(env);
  const portParsed = portSchema(portVar, definition.defaultPort).safeParse(env[portVar]);
  const extraParsed = definition.extra ? z.object(definition.extra).safeParse(env) : null;
  const issues = [
    ...(parsed.success ? [] : toIssues(parsed.error)),
    ...(portParsed.success
      ? []
      : portParsed.error.issues.map((i) => ({ variable: portVar, reason: i.message }))),
    ...(extraParsed && !extraParsed.success ? toIssues(extraParsed.error) : []),
  ];
  if (!parsed.success || !portParsed.success || issues.length > 0) {
    throw new ConfigValidationError(definition.name, issues);
  }
  const vars = parsed.data;
  const mode: RunMode =
    vars.MOSAIC_MODE ??
    (SERVICE_URL_VARIABLES.some((v) => vars[v] !== undefined) ? 'infra' : 'embedded');

  if (mode === 'infra') {
    const missing: ConfigIssue[] = [];
    const require = (need: boolean, variable: (typeof SERVICE_URL_VARIABLES)[number]) => {
      if (need && vars[variable] === undefined) {
        missing.push({ variable, reason: `required in infra mode by ${definition.name}` });
      }
    };
    require(definition.needs.database, 'DATABASE_URL');
    require(definition.needs.bus, 'KAFKA_BROKERS');
    require(definition.needs.search, 'SEARCH_URL');
    if (definition.needs.auth && !vars.MOSAIC_AUTH_SECRET && !vars.MOSAIC_AUTH_JWKS_URL) {
      missing.push({
        variable: 'MOSAIC_AUTH_SECRET',
        reason: `required in infra mode by ${definition.name} (or MOSAIC_AUTH_JWKS_URL)`,
      });
    }
    if (definition.needs.auth && !vars.MOSAIC_GATEWAY_SECRET) {
      missing.push({
        variable: 'MOSAIC_GATEWAY_SECRET',
        reason: `required in infra mode by ${definition.name}: the key the gateway signs subgraph calls with`,
      });
    }
    if (missing.length > 0) throw new ConfigValidationError(definition.name, missing);
  }
  if (
    definition.needs.auth &&
    vars.MOSAIC_GATEWAY_SECRET !== undefined &&
    vars.MOSAIC_GATEWAY_SECRET === vars.MOSAIC_AUTH_SECRET
  ) {
    throw new ConfigValidationError(definition.name, [
      {
        variable: 'MOSAIC_GATEWAY_SECRET',
        reason:
          'must differ from MOSAIC_AUTH_SECRET: whoever mints user tokens must not be able to act as the gateway',
      },
    ]);
  }
  if (definition.needs.auth && vars.MOSAIC_AUTH_SECRET && vars.MOSAIC_AUTH_JWKS_URL) {
    throw new ConfigValidationError(definition.name, [
      {
        variable: 'MOSAIC_AUTH_JWKS_URL',
        reason: 'set either MOSAIC_AUTH_SECRET or MOSAIC_AUTH_JWKS_URL, not both',
      },
    ]);
  }

  const owned = definition.database ?? definition.name;
  const database: DatabaseConfig | null = !definition.needs.database
    ? null
    : mode === 'infra'
      ? {
          kind: 'postgres',
          url: vars.DATABASE_URL as string,
          database: databaseName(owned, vars.MOSAIC_DATABASE_PREFIX),
        }
      : { kind: 'pglite', dataDir: `${vars.MOSAIC_DATA_DIR}/${owned}` };

  const claims = { issuer: vars.MOSAIC_AUTH_ISSUER, audience: vars.MOSAIC_AUTH_AUDIENCE };
  const auth: AuthConfig | null = !definition.needs.auth
    ? null
    : vars.MOSAIC_AUTH_JWKS_URL
      ? { kind: 'jwks', url: vars.MOSAIC_AUTH_JWKS_URL, ...claims }
      : vars.MOSAIC_AUTH_SECRET
        ? { kind: 'hs256', secret: vars.MOSAIC_AUTH_SECRET, ...claims }
        : { kind: 'hs256-file', file: `${vars.MOSAIC_DATA_DIR}/auth-secret`, ...claims };

  const gatewayCredential: GatewayCredentialConfig | null = !definition.needs.auth
    ? null
    : vars.MOSAIC_GATEWAY_SECRET
      ? { kind: 'hs256', secret: vars.MOSAIC_GATEWAY_SECRET }
      : { kind: 'hs256-file', file: `${vars.MOSAIC_DATA_DIR}/gateway-secret` };

  const bus: EventBusConfig | null = !definition.needs.bus
    ? null
    : mode === 'infra'
      ? {
          kind: 'kafka',
          brokers: (vars.KAFKA_BROKERS as string).split(','),
          clientId: `mosaic-${definition.name}`,
        }
      : { kind: 'in-process' };

  const search: SearchConfig | null = !definition.needs.search
    ? null
    : mode === 'infra'
      ? { kind: 'engine', url: vars.SEARCH_URL as string }
      : { kind: 'postgres' };

  return {
    service: definition.name,
    mode,
    host: vars.HOST,
    port: portParsed.data,
    logLevel: vars.LOG_LEVEL,
    database,
    bus,
    search,
    auth,
    gatewayCredential,
    metricsToken: vars.MOSAIC_METRICS_TOKEN ?? null,
    extra: (extraParsed?.data ?? {}) as z.infer<z.ZodObject<Extra>>,
  };
}

/** One PostgreSQL database per service. */
export function databaseName(service: string, prefix = 'mosaic_'): string {
  return `${prefix}${service.replace(/[^a-z0-9]/g, '_')}`;
}

/** A copy of the config safe to log: credentials in URLs and the token secret are masked. */
export function redactConfig<T extends ServiceConfig<unknown>>(config: T): T {
  let redacted = config;
  if (config.database?.kind === 'postgres') {
    const url = new URL(config.database.url);
    if (url.password) url.password = '***';
    redacted = { ...redacted, database: { ...config.database, url: url.toString() } };
  }
  if (config.auth?.kind === 'hs256') {
    redacted = { ...redacted, auth: { ...config.auth, secret: '***' } };
  }
  if (config.gatewayCredential?.kind === 'hs256') {
    redacted = { ...redacted, gatewayCredential: { kind: 'hs256', secret: '***' } };
  }
  if (config.metricsToken) redacted = { ...redacted, metricsToken: '***' };
  return redacted;
}
