import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { logger, REQUEST_ID_HEADER } from '@mosaic/service-kit';
import { GraphQLError, OperationTypeNode, parse } from 'graphql';
import type { AuditTrail, GatewayContext } from '../request/gateway-context';
import type { GatewayCredentialSigner } from './gateway-credential-signer';
import {
  describeTransportFailure,
  httpStatusOf,
  isConnectionReset,
  subgraphUnavailable,
} from './subgraph-failure';

type ProcessOptions = Parameters<RemoteGraphQLDataSource<Partial<GatewayContext>>['process']>[0];
type ResponseContext = Parameters<
  NonNullable<RemoteGraphQLDataSource<Partial<GatewayContext>>['didReceiveResponse']>
>[0];

/** The most ids one subgraph answer may add to the trail: past it the answer is not believed. */
const MAX_TRAIL_IDS = 100_000;

function ids(value: unknown): string[] {
  return Array.isArray(value) && value.length <= MAX_TRAIL_IDS
    ? value.filter((id): id is string => typeof id === 'string' && id.length <= 200)
    : [];
}

/**
 * Adds what a subgraph's answer says it touched (`extensions.mosaicAudit`,
 * written by @mosaic/service-kit) to the request's audit trail.
 */
export function collectAuditTrail(trail: AuditTrail, extensions: unknown): void {
  const audit = (extensions as { mosaicAudit?: unknown } | undefined)?.mosaicAudit;
  if (typeof audit !== 'object' || audit === null) return;
  const { personIds, decisionIds } = audit as { personIds?: unknown; decisionIds?: unknown };
  for (const id of ids(personIds)) trail.personIds.add(id);
  for (const id of ids(decisionIds)) trail.decisionIds.add(id);
}

type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'];

/** Whether a request body sent to a subgraph holds only queries: safe to send again. */
export function onlyQueries(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  try {
    const { query } = JSON.parse(body) as { query?: unknown };
    if (typeof query !== 'string') return false;
    return parse(query).definitions.every(
      (d) => d.kind !== 'OperationDefinition' || d.operation === OperationTypeNode.QUERY,
    );
  } catch {
    return false;
  }
}

/**
 * How the gateway calls one subgraph: it signs the call with the gateway's
 * own credential, carrying the caller's verified identity, purpose, case and
 * request id (the caller's token stays at the gateway: a subgraph answers only
 * the gateway), bounds each call by a timeout, and turns a
 * transport failure into a typed SUBGRAPH_UNAVAILABLE error, so the other
 * subgraphs' data still reaches the client. Errors a subgraph reports in its
 * GraphQL answer pass through as they are (the gateway keeps their
 * `extensions.code`). What each answer says it touched goes to the request's
 * audit trail.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<Partial<GatewayContext>> {
  readonly subgraph: string;
  private readonly timeoutMs: number;
  private readonly signer: GatewayCredentialSigner;

  constructor(options: {
    subgraph: string;
    url: string;
    timeoutMs: number;
    signer: GatewayCredentialSigner;
    /** Apollo's fetcher (make-fetch-happen, keep-alive) unless given. */
    fetcher?: Fetcher;
  }) {
    super({ url: options.url, ...(options.fetcher ? { fetcher: options.fetcher } : {}) });
    this.subgraph = options.subgraph;
    this.timeoutMs = options.timeoutMs;
    this.signer = options.signer;
    const fetchWithoutLimit = this.fetcher;
    const attempt: typeof this.fetcher = (url, init) =>
      fetchWithoutLimit(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
    // A pooled connection the subgraph closed just as it was reused breaks before any answer.
    // A query is sent once more on a fresh connection; a mutation never is (it may have run).
    this.fetcher = async (url, init) => {
      try {
        return await attempt(url, init);
      } catch (error) {
        if (!isConnectionReset(error) || !onlyQueries(init?.body)) throw error;
        logger.info(
          { subgraph: this.subgraph },
          'subgraph connection reset before an answer; query sent again',
        );
        return attempt(url, init);
      }
    };
  }

  override async willSendRequest({ request, context }: ProcessOptions): Promise<void> {
    const headers = request.http?.headers;
    // Only client operations carry a context; there is nothing to sign otherwise.
    if (!headers || !context.requestId) return;
    headers.set(REQUEST_ID_HEADER, context.requestId);
    // Access control refuses an operation without both before any subgraph is called; a call
    // without them goes unsigned, and the subgraph refuses it.
    if (context.principal?.ok && context.purpose?.ok) {
      const credential = await this.signer.sign(this.subgraph, {
        ...context.principal.value,
        ...context.purpose.value,
        requestId: context.requestId,
      });
      headers.set('authorization', `Bearer ${credential}`);
    }
  }

  override didReceiveResponse({ response, context }: ResponseContext) {
    if (context.trail) collectAuditTrail(context.trail, response.extensions);
    return response;
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
