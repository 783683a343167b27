import type { GraphQLDataSource } from '@apollo/gateway';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ApolloGatewayDriverConfig } from '@nestjs/apollo';
import {
  logger,
  operationLimitRules,
  queryTooComplexFormatted,
  type OperationLimits,
  type ServiceMetrics,
} from '@mosaic/service-kit';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayConfig } from './config/gateway.config';
import type { AuditLog } from '@mosaic/audit-data';
import { accessControlPlugin } from './request/access-control.plugin';
import { authenticationGate } from './request/authentication-gate';
import { SlidingWindowLimiter } from './request/sliding-window-limiter';
import type { Authenticator } from './request/authenticator';
import { gatewayContextFactory, type GatewayContext } from './request/gateway-context';
import { GatewayCredentialSigner } from './supergraph/gateway-credential-signer';
import { SubgraphDataSource } from './supergraph/subgraph.data-source';
import type { Supergraph } from './supergraph/supergraph';

export interface GatewayErrorOptions {
  /**
   * Keep graphql-js's "Did you mean …?" hints. Off when introspection is off:
   * the hints would spell out the schema one field at a time.
   */
  suggestions: boolean;
}

const SUGGESTION = / ?Did you mean .*\?$/;

/**
 * Apollo refuses some requests at the HTTP level, before any plugin runs, all
 * as BAD_REQUEST; a client (and the audit entry) gets a code per reason.
 */
const HTTP_REFUSALS: readonly [RegExp, string][] = [
  [/Cross-Site Request Forgery/, 'CSRF_PREVENTED'],
  [/^Operation batching disabled/, 'BATCH_NOT_ALLOWED'],
  [/supports only GET\/POST requests/, 'METHOD_NOT_ALLOWED'],
  [/^GET requests only support query operations/, 'METHOD_NOT_ALLOWED'],
];

function refinedCode(formatted: GraphQLFormattedError): string | null {
  if (formatted.extensions?.['code'] !== 'BAD_REQUEST') return null;
  return HTTP_REFUSALS.find(([pattern]) => pattern.test(formatted.message))?.[1] ?? null;
}

/**
 * What a client sees of an error: its message, path and code, and the subgraph
 * it came from (`extensions.subgraph`), never a stack trace, whatever a
 * subgraph sent. An operation over a limit reads QUERY_TOO_COMPLEX, naming the
 * limit, whichever stage (parser or validation) caught it.
 */
export function formatGatewayError(
  formatted: GraphQLFormattedError,
  error?: unknown,
  options: GatewayErrorOptions = { suggestions: true },
): GraphQLFormattedError {
  const tooComplex = queryTooComplexFormatted(formatted, error);
  if (tooComplex) return tooComplex;
  const refined = refinedCode(formatted);
  if (refined) return { message: formatted.message, extensions: { code: refined } };
  const message =
    !options.suggestions && formatted.extensions?.['code'] === 'GRAPHQL_VALIDATION_FAILED'
      ? formatted.message.replace(SUGGESTION, '')
      : formatted.message;
  if (!formatted.extensions) return { ...formatted, message };
  const {
    stacktrace: _stacktrace,
    exception: _exception,
    serviceName,
    ...extensions
  } = formatted.extensions;
  if (typeof serviceName === 'string' && extensions['subgraph'] === undefined) {
    extensions['subgraph'] = serviceName;
  }
  return { ...formatted, message, extensions };
}

/** The gateway's operation limits, from its config. */
export function operationLimitsOf({ extra }: GatewayConfig): OperationLimits {
  return {
    maxDepth: extra.MOSAIC_GATEWAY_MAX_DEPTH,
    maxAliases: extra.MOSAIC_GATEWAY_MAX_ALIASES,
    maxCost: extra.MOSAIC_GATEWAY_MAX_COST,
    maxTokens: extra.MOSAIC_GATEWAY_MAX_TOKENS,
    maxDirectives: extra.MOSAIC_GATEWAY_MAX_DIRECTIVES,
    maxRootFields: extra.MOSAIC_GATEWAY_MAX_ROOT_FIELDS,
  };
}

/** What the gateway serves besides the remote subgraphs: the audit pieces, among others. */
export interface GatewayExtensions {
  /** Plugins that run beside access control (the audit plugin). */
  plugins?: ApolloServerPlugin<GatewayContext>[];
  /** Subgraphs the gateway serves in process, by subgraph name (the audit log's `audit`). */
  localSubgraphs?: ReadonlyMap<string, GraphQLDataSource>;
  /**
   * The audit log and clock of the authentication gate, which refuses (and
   * audits) a request without a valid token before its document is read.
   */
  audit?: { auditLog: Pick<AuditLog, 'append'>; clock: () => Date };
  /** The gateway's metrics: the authentication gate counts its refusals there. */
  metrics?: ServiceMetrics;
}

/**
 * The Apollo Federation gateway over the committed supergraph: no runtime
 * composition, subgraph URLs from the gateway config; every operation held to
 * the operation limits and refused without a valid token, purpose and case;
 * no HTTP batching; introspection only when configured.
 */
export function gatewayGraphQLOptions(
  config: GatewayConfig,
  supergraph: Supergraph,
  authenticator: Authenticator,
  extensions: GatewayExtensions = {},
): Omit<ApolloGatewayDriverConfig, 'driver'> {
  // @apollo/gateway otherwise starts exporting usage metrics to Apollo's hosted endpoint when it
  // is constructed. Nothing about a Mosaic deployment leaves it for a third party; this is the
  // library's only switch, read in the gateway's constructor, which runs after these options.
  process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
  const urls = new Map(supergraph.subgraphs.map((s) => [s.name, s.url]));
  const limits = operationLimitsOf(config);
  const introspection = config.extra.MOSAIC_GATEWAY_INTROSPECTION;
  if (!config.gatewayCredential) throw new Error('the gateway needs its credential (needs.auth)');
  const signer = new GatewayCredentialSigner(config.gatewayCredential);
  const anonymousRateLimitPerMinute = config.extra.MOSAIC_GATEWAY_ANONYMOUS_RATE_LIMIT_PER_MINUTE;
  // One count per address, whichever stage refuses the caller (the gate, or access control).
  const anonymousLimiter = new SlidingWindowLimiter({
    limit: anonymousRateLimitPerMinute,
    windowMs: 60_000,
  });
  const gate = extensions.audit
    ? authenticationGate({
        ...extensions.audit,
        anonymousLimiter,
        anonymousRateLimitPerMinute,
        ...(extensions.metrics ? { metrics: extensions.metrics } : {}),
      })
    : undefined;
  return {
    gateway: {
      supergraphSdl: supergraph.sdl,
      buildService: ({ name }) => {
        const local = extensions.localSubgraphs?.get(name);
        if (local) return local;
        const url = urls.get(name);
        if (url === undefined) throw new Error(`no URL for subgraph "${name}"`);
        return new SubgraphDataSource({
          subgraph: name,
          url,
          timeoutMs: config.extra.MOSAIC_GATEWAY_SUBGRAPH_TIMEOUT_MS,
          signer,
        });
      },
      logger: logger.child({ service: 'gateway', component: 'apollo-gateway' }),
    },
    server: {
      path: '/graphql',
      playground: false,
      introspection,
      // One operation per request: a batch would multiply every per-operation limit.
      allowBatchedHttpRequests: false,
      parseOptions: { maxTokens: limits.maxTokens },
      validationRules: operationLimitRules(limits),
      includeStacktraceInErrorResponses: false,
      plugins: [
        accessControlPlugin({
          rateLimitPerMinute: config.extra.MOSAIC_GATEWAY_RATE_LIMIT_PER_MINUTE,
          anonymousRateLimitPerMinute,
          anonymousLimiter,
        }),
        ...(extensions.plugins ?? []),
      ],
      context: gatewayContextFactory(authenticator, gate),
      formatError: (formatted, error) =>
        formatGatewayError(formatted, error, { suggestions: introspection }),
    },
  };
}
