import type { HealthCheck } from '@mosaic/service-kit';
import { describeTransportFailure } from './subgraph-failure';
import type { SubgraphEndpoint } from './supergraph';

/** A health probe waits at most this long: `/health` must answer even when a subgraph hangs. */
const PROBE_TIMEOUT_MS = 3_000;

const PROBE = JSON.stringify({ query: 'query MosaicGatewayHealth { __typename }' });

/** Sends the smallest GraphQL operation to the subgraph's endpoint, the one the gateway uses. */
async function probe({ url }: SubgraphEndpoint): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: PROBE,
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
  } catch (error) {
    throw new Error(describeTransportFailure(error, PROBE_TIMEOUT_MS));
  }
  if (!response.ok) throw new Error(`it answered HTTP ${response.status}`);
  const body = (await response.json().catch(() => null)) as {
    data?: { __typename?: unknown };
  } | null;
  if (body?.data?.__typename !== 'Query') throw new Error('it sent an unreadable answer');
}

/** One `/health` check per subgraph of the supergraph, named after it. */
export function subgraphHealthChecks(subgraphs: readonly SubgraphEndpoint[]): HealthCheck[] {
  return subgraphs.map((subgraph) => ({ name: subgraph.name, probe: () => probe(subgraph) }));
}
