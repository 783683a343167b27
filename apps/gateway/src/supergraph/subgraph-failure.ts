import { GraphQLError } from 'graphql';

/** The typed error a client gets for the part of its result a subgraph could not serve. */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

export function subgraphUnavailable(subgraph: string, reason: string): GraphQLError {
  return new GraphQLError(
    `The ${subgraph} subgraph is unavailable (${reason}); the fields it serves are missing from this result.`,
    { extensions: { code: SUBGRAPH_UNAVAILABLE, subgraph } },
  );
}

const NETWORK_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') return code;
  if (Array.isArray(errors) && errors.length > 0) return errorCode(errors[0]);
  return errorCode(cause);
}

/**
 * A connection that broke before any answer came: the kind a pooled
 * keep-alive socket gives when the subgraph closed it as the gateway reused
 * it. The request most likely never reached the subgraph.
 */
export function isConnectionReset(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ECONNRESET' || code === 'EPIPE';
}

/** The HTTP status a subgraph answered with, when the failure is a non-2xx answer. */
export function httpStatusOf(error: unknown): number | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const status = (error.extensions['response'] as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Why a request to a subgraph failed, in words fit for a client: no URL, no
 * stack, no body, so nothing about the internal network leaks.
 */
export function describeTransportFailure(error: unknown, timeoutMs: number): string {
  const status = httpStatusOf(error);
  if (status !== undefined) return `it answered HTTP ${status}`;
  const code = errorCode(error);
  // The only abort signal the gateway gives a subgraph request is its timeout.
  if (code === 'FETCH_ABORTED' || (error instanceof Error && error.name === 'TimeoutError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  if (code !== undefined) {
    // minipass-fetch (under Apollo's fetcher) marks body and protocol errors so.
    if (code === 'FETCH_ERROR') return 'it sent an unreadable answer';
    return NETWORK_REASONS[code] ?? `network error ${code}`;
  }
  return 'it sent an unreadable answer';
}
