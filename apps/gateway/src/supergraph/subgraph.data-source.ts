import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { CASE_HEADER, PURPOSE_HEADER } from '@mosaic/access';
import { logger, REQUEST_ID_HEADER } from '@mosaic/service-kit';
import { GraphQLError } from 'graphql';
import type { AuditTrail, GatewayContext } from '../request/gateway-context';
import { describeTransportFailure, httpStatusOf, subgraphUnavailable } from './subgraph-failure';

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

/**
 * How the gateway calls one subgraph: it forwards the request id, the
 * caller's `authorization` header (each subgraph checks the token again) and
 * the checked purpose and case, bounds each call by a timeout, and turns a
 * transport failure into a typed SUBGRAPH_UNAVAILABLE error, so the other
 * subgraphs' data still reaches the client. Errors a subgraph reports in its
 * GraphQL answer pass through as they are (the gateway keeps their
 * `extensions.code`). What each answer says it touched goes to the request's
 * audit trail.
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
    if (context.authorization !== undefined) headers.set('authorization', context.authorization);
    if (context.purpose?.ok) {
      headers.set(PURPOSE_HEADER, context.purpose.value.purpose);
      headers.set(CASE_HEADER, context.purpose.value.caseNumber);
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
