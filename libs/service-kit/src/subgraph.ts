import { randomUUID } from 'node:crypto';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type DataLoader from 'dataloader';
import type { Request, Response } from 'express';

/** Correlates one client request across the gateway, every subgraph and their logs. */
export const REQUEST_ID_HEADER = 'x-request-id';
/** The authenticated user, as the gateway forwards it to subgraphs. */
export const USER_HEADER = 'x-mosaic-user';
/** The user's roles, comma-separated, as the gateway forwards them to subgraphs. */
export const ROLES_HEADER = 'x-mosaic-roles';

/** A request id that is safe to log and echo: 1–100 letters, digits, `.`, `_`, `-`. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;
/** A user name: 1–100 letters, digits, `.`, `_`, `@`, `-`. */
export const USER_PATTERN = /^[A-Za-z0-9._@-]{1,100}$/;
/** A role name: a letter, then up to 63 letters, digits, `_`, `-`. */
export const ROLE_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** Who a request runs for, as established by the gateway. */
export interface RequestIdentity {
  user: string;
  roles: string[];
}

/** What every resolver of a Mosaic subgraph gets: the request, who it runs for, its own DataLoaders. */
export interface SubgraphContext {
  req: Request;
  /** The gateway's request id (a new one when the subgraph is called directly). */
  requestId: string;
  /**
   * The user the gateway authenticated, or null when the request carries no
   * valid identity (called directly, not through the gateway).
   */
  identity: RequestIdentity | null;
  /** Per-request loaders, so batching never leaks data or cache between requests. */
  loaders: Map<string, DataLoader<unknown, unknown>>;
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
 * The identity the gateway forwarded. Subgraphs sit behind the gateway and
 * trust these headers; a malformed one yields no identity at all rather than
 * a partly-read one.
 */
export function forwardedIdentity(
  user: string | undefined,
  roles: string | undefined,
): RequestIdentity | null {
  if (user === undefined || !USER_PATTERN.test(user)) return null;
  const roleList = (roles ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter((role) => role !== '');
  if (!roleList.every((role) => ROLE_PATTERN.test(role))) return null;
  return { user, roles: roleList };
}

/** The context of one subgraph request, read from the headers the gateway forwards. */
export function subgraphContext(req: Request): SubgraphContext {
  return {
    req,
    requestId: saneRequestId(header(req, REQUEST_ID_HEADER)) ?? randomUUID(),
    identity: forwardedIdentity(header(req, USER_HEADER), header(req, ROLES_HEADER)),
    loaders: new Map(),
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
 * `scope` is the subgraph's marker class: every type of the subgraph declares
 * `registerIn: <scope>`. @nestjs/graphql keeps decorated types in one
 * process-wide store, and embedded mode runs every service in one process; the
 * scope keeps each subgraph's schema to its own types.
 */
export function subgraphModule(scope: abstract new () => unknown): DynamicModule {
  return GraphQLModule.forRoot<ApolloFederationDriverConfig>({
    driver: ApolloFederationDriver,
    autoSchemaFile: { federation: 2 },
    // Read by @nestjs/graphql's schema factory on the federation path too (see registerIn).
    buildSchemaOptions: {
      includeModules: [scope],
    } as ApolloFederationDriverConfig['buildSchemaOptions'],
    sortSchema: true,
    path: '/graphql',
    playground: false,
    includeStacktraceInErrorResponses: false,
    // Traces would go to Apollo's hosted studio; Mosaic keeps its own audit trail instead.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    context: ({ req, res }: { req: Request; res: Response }): SubgraphContext => {
      const context = subgraphContext(req);
      // Echoed so the gateway (and anyone reading logs) can tie the answer to the request.
      res.setHeader(REQUEST_ID_HEADER, context.requestId);
      return context;
    },
  });
}
