import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { logger, REQUEST_ID_HEADER, ROLES_HEADER, USER_HEADER } from '@mosaic/service-kit';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../request/gateway-context';
import { describeTransportFailure, httpStatusOf, subgraphUnavailable } from './subgraph-failure';

type ProcessOptions = Parameters<RemoteGraphQLDataSource<Partial<GatewayContext>>['process']>[0];

/**
 * How the gateway calls one subgraph: it forwards the request id, the
 * authenticated identity and the caller's `authorization` header, bounds each
 * call by a timeout, and turns a transport failure into a typed
 * SUBGRAPH_UNAVAILABLE error, so the other subgraphs' data still reaches the
 * client. Errors a subgraph reports in its GraphQL answer pass through as they
 * are (the gateway keeps their `extensions.code`).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<Partial<GatewayContext>> {
  readonly subgraph: string;
  private readonly timeoutMs: number;

  constructor(options: { subgraph: string; url: string; timeoutMs: number }) {
    super({ url: options.url });
    this.subgraph = options.subgraph;
    this.timeoutMs = options.timeoutMs;
    const fetchWithoutLimit = this.fetcher;
    this.fetcher = (url, init) =>
      fetchWithoutLimit(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
  }

  override willSendRequest({ request, context }: ProcessOptions): void {
    const headers = request.http?.headers;
    // Only client operations carry a context; there is nothing to forward otherwise.
    if (!headers || !context.requestId) return;
    headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.identity) {
      headers.set(USER_HEADER, context.identity.user);
      if (context.identity.roles.length > 0) {
        headers.set(ROLES_HEADER, context.identity.roles.join(','));
      }
    }
    if (context.authorization !== undefined) headers.set('authorization', context.authorization);
  }

  override async process(options: ProcessOptions) {
    try {
      return await super.process(options);
    } catch (error) {
      throw this.failure(error, options.context);
    }
  }

  private failure(error: unknown, context: Partial<GatewayContext>): GraphQLError {
    const status = httpStatusOf(error);
    if (status === 401 || status === 403) {
      return new GraphQLError(
        `The ${this.subgraph} subgraph refused the request (HTTP ${status})`,
        {
          extensions: {
            code: status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN',
            subgraph: this.subgraph,
          },
        },
      );
    }
    const reason = describeTransportFailure(error, this.timeoutMs);
    logger.warn(
      { subgraph: this.subgraph, url: this.url, requestId: context.requestId, reason, err: error },
      'subgraph unavailable',
    );
    return subgraphUnavailable(this.subgraph, reason);
  }
}
