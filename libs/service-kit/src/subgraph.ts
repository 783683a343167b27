import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type DataLoader from 'dataloader';
import type { Request } from 'express';

/** What every resolver of a Mosaic subgraph gets: the request and its own DataLoaders. */
export interface SubgraphContext {
  req: Request;
  /** Per-request loaders, so batching never leaks data or cache between requests. */
  loaders: Map<string, DataLoader<unknown, unknown>>;
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
    context: ({ req }: { req: Request }): SubgraphContext => ({ req, loaders: new Map() }),
  });
}
