import type { ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { logger } from '@mosaic/service-kit';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayConfig } from './config/gateway.config';
import type { Authenticator } from './request/authenticator';
import { gatewayContextFactory } from './request/gateway-context';
import { SubgraphDataSource } from './supergraph/subgraph.data-source';
import type { Supergraph } from './supergraph/supergraph';

/**
 * What a client sees of an error: its message, path and code, and the subgraph
 * it came from (`extensions.subgraph`), never a stack trace, whatever a
 * subgraph sent.
 */
export function formatGatewayError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions) return formatted;
  const {
    stacktrace: _stacktrace,
    exception: _exception,
    serviceName,
    ...extensions
  } = formatted.extensions;
  if (typeof serviceName === 'string' && extensions['subgraph'] === undefined) {
    extensions['subgraph'] = serviceName;
  }
  return { ...formatted, extensions };
}

/**
 * The Apollo Federation gateway over the committed supergraph: no runtime
 * introspection or composition, subgraph URLs from the gateway config.
 */
export function gatewayGraphQLOptions(
  config: GatewayConfig,
  supergraph: Supergraph,
  authenticator: Authenticator,
): Omit<ApolloGatewayDriverConfig, 'driver'> {
  const urls = new Map(supergraph.subgraphs.map((s) => [s.name, s.url]));
  return {
    gateway: {
      supergraphSdl: supergraph.sdl,
      buildService: ({ name }) => {
        const url = urls.get(name);
        if (url === undefined) throw new Error(`no URL for subgraph "${name}"`);
        return new SubgraphDataSource({
          subgraph: name,
          url,
          timeoutMs: config.extra.MOSAIC_GATEWAY_SUBGRAPH_TIMEOUT_MS,
        });
      },
      logger: logger.child({ service: 'gateway', component: 'apollo-gateway' }),
    },
    server: {
      path: '/graphql',
      playground: false,
      // Open until issue 8 (operation limits) decides who may introspect.
      introspection: true,
      includeStacktraceInErrorResponses: false,
      context: gatewayContextFactory(authenticator),
      formatError: formatGatewayError,
    },
  };
}
