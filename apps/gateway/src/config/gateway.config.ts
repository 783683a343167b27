import { resolve } from 'node:path';
import { loadServiceConfig, z, type ServiceConfig, type ServiceDefinition } from '@mosaic/config';

const unset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The variable holding a subgraph's GraphQL URL, e.g. `MOSAIC_GATEWAY_TRAVEL_URL`. */
export const subgraphUrlVariable = (name: string) =>
  `MOSAIC_GATEWAY_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;

const subgraphUrl = (port: number) =>
  z.preprocess(
    unset,
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .default(`http://127.0.0.1:${port}/graphql`),
  );

/** A whole number in [min, max] with a default; a bad value stops the gateway at boot, naming the variable. */
const bounded = (variable: string, min: number, max: number, fallback: number) =>
  z.preprocess(
    unset,
    z.coerce
      .number({ error: `${variable} must be a number` })
      .int('must be an integer')
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .default(fallback),
  );

const flag = (fallback: boolean) =>
  z.preprocess(
    unset,
    z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true'),
  );

// apps/gateway/src/config → the repository root, whatever the working directory.
const repositoryRoot = resolve(__dirname, '../../../..');

const gatewayVariables = {
  /** The composed supergraph the gateway serves (`npm run schema:compose` writes it). */
  MOSAIC_GATEWAY_SUPERGRAPH: z.preprocess(
    unset,
    z.string().default(resolve(repositoryRoot, 'schema/supergraph.graphql')),
  ),
  /** How long the gateway waits for one subgraph request before reporting it unavailable. */
  MOSAIC_GATEWAY_SUBGRAPH_TIMEOUT_MS: bounded(
    'MOSAIC_GATEWAY_SUBGRAPH_TIMEOUT_MS',
    100,
    600_000,
    30_000,
  ),
  /**
   * Whether clients may introspect the schema. Off by default: the schema maps
   * what can be asked about people; `npm start` turns it on for development.
   */
  MOSAIC_GATEWAY_INTROSPECTION: flag(false),
  /**
   * Operations one user may send in any minute (a sliding window), refused
   * with RATE_LIMITED beyond it. Counted in each gateway process: N gateways
   * behind a balancer allow N× this.
   */
  MOSAIC_GATEWAY_RATE_LIMIT_PER_MINUTE: bounded(
    'MOSAIC_GATEWAY_RATE_LIMIT_PER_MINUTE',
    1,
    1_000_000,
    300,
  ),
  /**
   * Operations without a valid token one address may send in any minute:
   * token guessing is limited per address, as users are per user. Behind a
   * proxy every caller shares the proxy's address.
   */
  MOSAIC_GATEWAY_ANONYMOUS_RATE_LIMIT_PER_MINUTE: bounded(
    'MOSAIC_GATEWAY_ANONYMOUS_RATE_LIMIT_PER_MINUTE',
    1,
    1_000_000,
    120,
  ),
  /**
   * How often the gateway publishes the audit chain's head on audit.head.v1
   * (straight on the bus, not through the outbox), when it moved: a log later
   * found shorter than a published head lost entries.
   */
  MOSAIC_GATEWAY_AUDIT_HEAD_INTERVAL_MS: bounded(
    'MOSAIC_GATEWAY_AUDIT_HEAD_INTERVAL_MS',
    100,
    3_600_000,
    10_000,
  ),
  /**
   * Requests refused before GraphQL ran (body too large or not JSON, CSRF,
   * batches): the first per address and code in this window is audited as it
   * happens, the rest as one summary entry, so a flood cannot grow the log
   * without bound. 0: every one on its own.
   */
  MOSAIC_GATEWAY_REFUSAL_AUDIT_WINDOW_MS: bounded(
    'MOSAIC_GATEWAY_REFUSAL_AUDIT_WINDOW_MS',
    0,
    3_600_000,
    60_000,
  ),
  /**
   * Browser origins allowed to call the gateway (CORS), comma-separated, e.g.
   * `http://127.0.0.1:4080` (the console; `npm start` sets it). Empty: none.
   */
  MOSAIC_GATEWAY_CORS_ORIGINS: z.preprocess(
    unset,
    z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter((o) => o !== ''),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(
              /^https?:\/\/[^/\s,]+$/,
              'each origin is scheme://host[:port], nothing after it',
            ),
        ),
      ),
  ),
  // Operation limits (QUERY_TOO_COMPLEX). The defaults leave room above the
  // largest operations Mosaic's own clients, tests and benchmarks send
  // (docs/accountability.md lists what each measured).
  /** Nesting depth of fields, fragments flattened. */
  MOSAIC_GATEWAY_MAX_DEPTH: bounded('MOSAIC_GATEWAY_MAX_DEPTH', 2, 50, 8),
  /** Aliased fields in one operation: aliases are how a client repeats a lookup. */
  MOSAIC_GATEWAY_MAX_ALIASES: bounded('MOSAIC_GATEWAY_MAX_ALIASES', 0, 100, 10),
  /** Estimated cost (graphql-armor: objects 2, scalars 1, ×1.5 per level). */
  MOSAIC_GATEWAY_MAX_COST: bounded('MOSAIC_GATEWAY_MAX_COST', 10, 1_000_000, 5_000),
  /** Lexical tokens of the document, checked while parsing, so a huge document is never parsed whole. */
  MOSAIC_GATEWAY_MAX_TOKENS: bounded('MOSAIC_GATEWAY_MAX_TOKENS', 50, 100_000, 1_000),
  /** Directives in one operation. */
  MOSAIC_GATEWAY_MAX_DIRECTIVES: bounded('MOSAIC_GATEWAY_MAX_DIRECTIVES', 0, 100, 10),
  /** Top-level fields of one operation: each is a separate lookup, so this bounds a batch. */
  MOSAIC_GATEWAY_MAX_ROOT_FIELDS: bounded('MOSAIC_GATEWAY_MAX_ROOT_FIELDS', 1, 50, 5),
  // Each subgraph's GraphQL URL; they replace the routing URLs baked into the supergraph.
  // The defaults are where `npm start` runs them.
  MOSAIC_GATEWAY_TRAVEL_URL: subgraphUrl(4101),
  MOSAIC_GATEWAY_SEIZURE_URL: subgraphUrl(4102),
  MOSAIC_GATEWAY_FINGERPRINT_URL: subgraphUrl(4103),
  MOSAIC_GATEWAY_IDENTITY_URL: subgraphUrl(4104),
  MOSAIC_GATEWAY_ANALYSIS_URL: subgraphUrl(4105),
};

/**
 * The one public GraphQL endpoint (Apollo Federation gateway). It checks every
 * caller's token, and owns the audit log: its database is `audit`, and the
 * log's events leave through the outbox on the bus.
 */
export const gatewayService: ServiceDefinition<typeof gatewayVariables> = {
  name: 'gateway',
  defaultPort: 4000,
  needs: { database: true, bus: true, search: false, auth: true },
  database: 'audit',
  extra: gatewayVariables,
};

export type GatewayConfig = ServiceConfig<z.infer<z.ZodObject<typeof gatewayVariables>>>;

export const loadGatewayConfig = (
  env: Record<string, string | undefined> = process.env,
): GatewayConfig => loadServiceConfig(gatewayService, env);

/**
 * Subgraphs of the supergraph the gateway serves in its own process, with no
 * URL: the audit log (`Query.auditEntries`), which lives in the gateway's
 * database.
 */
export const LOCAL_SUBGRAPHS: ReadonlySet<string> = new Set(['audit']);

/** The configured URL of every remote subgraph the gateway knows, by subgraph name. */
export function subgraphUrls({ extra }: GatewayConfig): ReadonlyMap<string, string> {
  return new Map([
    ['travel', extra.MOSAIC_GATEWAY_TRAVEL_URL],
    ['seizure', extra.MOSAIC_GATEWAY_SEIZURE_URL],
    ['fingerprint', extra.MOSAIC_GATEWAY_FINGERPRINT_URL],
    ['identity', extra.MOSAIC_GATEWAY_IDENTITY_URL],
    ['analysis', extra.MOSAIC_GATEWAY_ANALYSIS_URL],
  ]);
}
