import { Client } from '@elastic/elasticsearch';

export { errors as searchErrors } from '@elastic/elasticsearch';
export type { Client as SearchClient } from '@elastic/elasticsearch';

/**
 * The infra-mode search engine client (Elasticsearch 8.x, docs/adr/0001-search-engine.md).
 * Requests time out instead of hanging a resolver when the engine is slow.
 */
export function createSearchClient(url: string, requestTimeoutMs = 30_000): Client {
  return new Client({ node: url, requestTimeout: requestTimeoutMs });
}

/** Resolves when the cluster can serve reads and writes (health yellow or green). */
export async function pingSearchEngine(client: Client): Promise<void> {
  const health = await client.cluster.health({ wait_for_status: 'yellow', timeout: '5s' });
  if (health.timed_out || health.status === 'red') {
    throw new Error(`search engine cluster is ${health.status}`);
  }
}
