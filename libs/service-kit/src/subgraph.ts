import { randomUUID } from 'node:crypto';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import {
  AccessError,
  GatewayCredentialVerifier,
  type AccessContext,
  type Role,
} from '@mosaic/access';
import type { ServiceConfig } from '@mosaic/config';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type DataLoader from 'dataloader';
import type { Request, Response } from 'express';
import { auditExtensionPlugin, guardSubgraphSchema, type RequestAudit } from './access-guard';
import { operationLimitRules, SUBGRAPH_OPERATION_LIMITS } from './limits/operation-limit-rules';
import { queryTooComplexFormatted } from './limits/query-too-complex';
import type { Logger } from 'pino';
import {
  currentLogContext,
  graphqlObservabilityPlugin,
  type ServiceMetrics,
} from './observability';
import { RequestBudget, requestBudgetPlugin, SUBGRAPH_REQUEST_BUDGET } from './request-budget';
import { SERVICE_CONFIG, SERVICE_LOGGER, SERVICE_METRICS } from './tokens';

/** Correlates one client request across the gateway, every subgraph and their logs. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A request id that is safe to log and echo: 1–100 letters, digits, `.`, `_`, `-`. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

/** Who a request runs for: the verified token's user and roles. */
export interface RequestIdentity {
  user: string;
  roles: Role[];
}

/** What every resolver of a Mosaic subgraph gets: the request, who it runs for, its own DataLoaders. */
export interface SubgraphContext {
  req: Request;
  /** The gateway's request id, from its credential (a new one when the call carries none). */
  requestId: string;
  /**
   * The verified caller, purpose and case, from the gateway's credential for
   * this call (a user's own token is not enough); null → every field is refused.
   */
  access: AccessContext | null;
  /** Why `access` is null (UNAUTHENTICATED, PURPOSE_REQUIRED or FORBIDDEN). */
  accessError: AccessError | null;
  /** `access`'s user and roles, or null. */
  identity: RequestIdentity | null;
  /** What the request touched, reported to the gateway in `extensions.mosaicAudit`. */
  audit: RequestAudit;
  /** Per-request loaders, so batching never leaks data or cache between requests. */
  loaders: Map<string, DataLoader<unknown, unknown>>;
  /** The request's share of time and work: past it, resolution stops (RequestBudget). */
  budget: RequestBudget;
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The request id a header carries when it is sane, else null. */
export function saneRequestId(value: string | undefined): string | null {
  return value !== undefined && REQUEST_ID_PATTERN.test(value) ? value : null;
}

/**
 * The access context of a request: the gateway's credential verified (for
 * this subgraph, unexpired), then the purpose and case it carries checked
 * against the roles it carries.
 */
export async function requestAccess(
  req: Pick<Request, 'headers'>,
  verifier: GatewayCredentialVerifier,
): Promise<
  | { access: AccessContext; requestId: string; accessError: null }
  | { access: null; requestId: null; accessError: AccessError }
> {
  try {
    const call = await verifier.verify(req.headers.authorization);
    return { access: call.access, requestId: call.requestId, accessError: null };
  } catch (error) {
    if (error instanceof AccessError) return { access: null, requestId: null, accessError: error };
    throw error;
  }
}

/** The context of one subgraph request. */
export async function subgraphContext(
  req: Request,
  verifier: GatewayCredentialVerifier,
  budget: RequestBudget = new RequestBudget(SUBGRAPH_REQUEST_BUDGET),
): Promise<SubgraphContext> {
  const { access, accessError, requestId } = await requestAccess(req, verifier);
  return {
    req,
    requestId: requestId ?? saneRequestId(header(req, REQUEST_ID_HEADER)) ?? randomUUID(),
    access,
    accessError,
    identity: access ? { user: access.user, roles: access.roles } : null,
    audit: { personIds: new Set(), decisionIds: new Set() },
    loaders: new Map(),
    budget,
  };
}

/** The request's loader under `key`, made on first use. */
export function loaderFor<K, V>(
  context: SubgraphContext,
  key: string,
  make: () => DataLoader<K, V>,
): DataLoader<K, V> {
  let loader = context.loaders.get(key) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = make();
    context.loaders.set(key, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}

/**
 * A code-first Apollo Federation 2 subgraph at `/graphql`. The schema is built
 * in memory; `npm run schema:print` prints it (printSubgraphSchema) into
 * schema/<service>.graphql for composition.
 *
 * Only the gateway is answered: every call carries the gateway's credential
 * for this subgraph (ADR 0012), checked with the service's `gatewayCredential`
 * config. Every field is guarded by the role × field matrix of @mosaic/access
 * (guardSubgraphSchema) against the identity and purpose the credential
 * carries. Whoever calls, an operation is held to the gateway's rule set
 * (SUBGRAPH_OPERATION_LIMITS) before it runs, and to a budget of time and
 * resolved fields while it runs, so no single request can take the process
 * down.
 *
 * `scope` is the subgraph's marker class: every type of the subgraph declares
 * `registerIn: <scope>`. @nestjs/graphql keeps decorated types in one
 * process-wide store, and embedded mode runs every service in one process; the
 * scope keeps each subgraph's schema to its own types.
 */
export function subgraphModule(scope: abstract new () => unknown): DynamicModule {
  return GraphQLModule.forRootAsync<ApolloFederationDriverConfig>({
    driver: ApolloFederationDriver,
    inject: [SERVICE_CONFIG, SERVICE_METRICS, SERVICE_LOGGER],
    useFactory: (
      config: ServiceConfig<unknown>,
      metrics: ServiceMetrics,
      log: Logger,
    ): ApolloFederationDriverConfig => {
      if (!config.gatewayCredential) {
        throw new Error(
          `${config.service} serves a subgraph but its service definition does not need auth; add needs.auth: true`,
        );
      }
      const verifier = new GatewayCredentialVerifier(config.gatewayCredential, config.service);
      const limits = SUBGRAPH_OPERATION_LIMITS;
      return {
        autoSchemaFile: { federation: 2 },
        // Read by @nestjs/graphql's schema factory on the federation path too (see registerIn).
        buildSchemaOptions: {
          includeModules: [scope],
        } as ApolloFederationDriverConfig['buildSchemaOptions'],
        sortSchema: true,
        // Runs on the built federated schema (GraphQLFederationFactory.generateSchema).
        transformSchema: guardSubgraphSchema,
        path: '/graphql',
        playground: false,
        includeStacktraceInErrorResponses: false,
        // The gateway never batches; a batch would multiply every per-operation limit.
        allowBatchedHttpRequests: false,
        parseOptions: { maxTokens: limits.maxTokens },
        validationRules: operationLimitRules(limits),
        formatError: (formatted, error) => queryTooComplexFormatted(formatted, error) ?? formatted,
        plugins: [
          // Traces would go to Apollo's hosted studio; Mosaic keeps its own audit trail instead.
          ApolloServerPluginInlineTraceDisabled(),
          auditExtensionPlugin(),
          requestBudgetPlugin(),
          graphqlObservabilityPlugin(metrics, log),
        ],
        context: async ({ req, res }: { req: Request; res: Response }) => {
          const context = await subgraphContext(req, verifier);
          // From here on the request's log lines carry the gateway's id for it.
          const logContext = currentLogContext();
          if (logContext) logContext.requestId = context.requestId;
          // Echoed so the gateway (and anyone reading logs) can tie the answer to the request.
          res.setHeader(REQUEST_ID_HEADER, context.requestId);
          return context;
        },
      };
    },
  });
}
