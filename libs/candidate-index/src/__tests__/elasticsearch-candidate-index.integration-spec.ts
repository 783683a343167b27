import { createSearchClient, pingSearchEngine } from '@mosaic/search-engine';
import {
  CandidateIndexSchemaError,
  DEFAULT_CANDIDATE_DIMENSIONS,
  describeCandidateIndexContract,
  ElasticsearchCandidateIndex,
} from '..';

// The node started by `npm run infra:up`.
const client = createSearchClient(process.env['SEARCH_URL'] ?? 'http://127.0.0.1:9200');
const run = `${process.pid}-${Date.now().toString(36)}`;
const created: string[] = [];
const indexName = () => {
  const name = `mosaic-it-candidates-${run}-${created.length}`;
  created.push(name);
  return name;
};

beforeAll(async () => {
  await pingSearchEngine(client);
});

afterAll(async () => {
  // The node refuses wildcard deletes (action.destructive_requires_name).
  await client.indices.delete({ index: created, ignore_unavailable: true });
  await client.close();
});

describeCandidateIndexContract('Elasticsearch (infra mode)', {
  create: async () => {
    const index = new ElasticsearchCandidateIndex({ client, index: indexName() });
    await index.ensureIndex();
    return index;
  },
  dimensions: DEFAULT_CANDIDATE_DIMENSIONS,
  dispose: async (index) => {
    await client.indices.delete({
      index: (index as ElasticsearchCandidateIndex).index,
      ignore_unavailable: true,
    });
  },
});

describe('Elasticsearch candidate index', () => {
  it('creates its index once; a second ensureIndex keeps the records', async () => {
    const name = indexName();
    const index = new ElasticsearchCandidateIndex({ client, index: name });
    await index.ensureIndex();
    await index.upsert([{ key: 'kept', face: null, fingers: [], blockingKeys: ['doc:K'] }]);
    await new ElasticsearchCandidateIndex({ client, index: name }).ensureIndex();
    expect(await index.size()).toBe(1);
  });

  it('refuses an existing index built for other dimensions', async () => {
    const name = indexName();
    await new ElasticsearchCandidateIndex({
      client,
      index: name,
      dimensions: { face: 16, finger: 8 },
    }).ensureIndex();
    await expect(
      new ElasticsearchCandidateIndex({ client, index: name }).ensureIndex(),
    ).rejects.toBeInstanceOf(CandidateIndexSchemaError);
  });
});
