/**
 * Integration test against the real local search engine (Elasticsearch 8.x started by
 * `infra/search/search.sh up`, see docs/adr/0001-search-engine.md).
 *
 * Covers what the search-engine lib relies on: index with an explicit mapping (diacritic-folding
 * analyzer, keyword fields, a cosine HNSW dense_vector), bulk indexing, get, match/multi_match,
 * top-level approximate kNN checked against a brute-force cosine top-10, and kNN with a term filter.
 *
 * SEARCH_URL overrides the engine address (default http://127.0.0.1:9200).
 */
import { createSearchClient, pingSearchEngine, searchErrors as errors } from '..';

const SEARCH_URL = process.env['SEARCH_URL'] ?? 'http://127.0.0.1:9200';
const DIMS = 16;
const DOC_COUNT = 200;
const K = 10;
const SEED = 0x5eed_2026;

/** mulberry32: tiny deterministic PRNG, uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random direction, uniform on the unit sphere (normalised Gaussian via Box-Muller). */
function randomUnitVector(rand: () => number, dims: number): number[] {
  const v: number[] = [];
  for (let i = 0; i < dims; i++) {
    const u1 = Math.max(rand(), Number.EPSILON);
    const u2 = rand();
    v.push(Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
  }
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

interface PersonDoc {
  id: string;
  name: string;
  city: string;
  country: string;
  kind: string;
  embedding: number[];
}

const FIRST_NAMES = [
  'Zoë',
  'Łukasz',
  'Renée',
  'José',
  'Søren',
  'Ágnes',
  'François',
  'Çelik',
  'Dvořák',
  'Anaïs',
  'Björn',
  'Inès',
];
// no Müller/Muller here: the folded-name assertions below expect exactly one such document
const LAST_NAMES = [
  'Nowak',
  'García',
  'Østergaard',
  'Szabó',
  'Lefèvre',
  'Öztürk',
  'Novák',
  'Ибрагимов',
  'Håkansson',
  'Peña',
];
const CITIES = [
  'Zürich',
  'Kraków',
  'São Paulo',
  'Malmö',
  'Reykjavík',
  'Besançon',
  'Córdoba',
  'Ísafjörður',
];
const COUNTRIES = ['DE', 'FR', 'PL', 'SE', 'ES'];

function buildCorpus(): PersonDoc[] {
  const rand = mulberry32(SEED);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const docs: PersonDoc[] = [];
  for (let i = 0; i < DOC_COUNT; i++) {
    docs.push({
      id: `p-${String(i).padStart(3, '0')}`,
      name: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
      city: pick(CITIES),
      country: pick(COUNTRIES),
      kind: i % 2 === 0 ? 'person' : 'alias',
      embedding: randomUnitVector(rand, DIMS),
    });
  }
  // well-known documents for the text assertions
  docs[0] = { ...docs[0], name: 'Jürgen Müller', city: 'Düsseldorf', country: 'DE' };
  docs[1] = { ...docs[1], name: 'Zoë Saldaña', city: 'Bogotá', country: 'ES' };
  return docs;
}

function bruteForceTopK(docs: PersonDoc[], query: number[], k: number): string[] {
  return docs
    .map((d) => ({ id: d.id, score: cosine(query, d.embedding) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((d) => d.id);
}

function recallAtK(expected: string[], actual: string[]): number {
  const got = new Set(actual);
  return expected.filter((id) => got.has(id)).length / expected.length;
}

describe('search engine (real node at SEARCH_URL)', () => {
  const index = `mosaic-it-search-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
  const client = createSearchClient(SEARCH_URL);
  const docs = buildCorpus();
  const byId = new Map(docs.map((d) => [d.id, d]));

  async function knnIds(
    queryVector: number[],
    filter?: object,
  ): Promise<{ ids: string[]; scores: number[] }> {
    const res = await client.search<PersonDoc>({
      index,
      size: K,
      _source: false,
      knn: {
        field: 'embedding',
        query_vector: queryVector,
        k: K,
        num_candidates: 100,
        ...(filter ? { filter } : {}),
      },
    });
    return {
      ids: res.hits.hits.map((h) => h._id as string),
      scores: res.hits.hits.map((h) => h._score as number),
    };
  }

  beforeAll(async () => {
    try {
      await pingSearchEngine(client);
    } catch (e) {
      throw new Error(
        `search engine not reachable at ${SEARCH_URL} (start it with infra/search/search.sh up): ${(e as Error).message}`,
      );
    }

    await client.indices.create({
      index,
      settings: {
        number_of_shards: 1,
        number_of_replicas: 0,
        analysis: {
          analyzer: {
            folded: {
              type: 'custom',
              tokenizer: 'standard',
              filter: ['lowercase', 'asciifolding'],
            },
          },
          normalizer: {
            folded_keyword: { type: 'custom', filter: ['lowercase', 'asciifolding'] },
          },
        },
      },
      mappings: {
        dynamic: 'strict',
        properties: {
          id: { type: 'keyword' },
          name: {
            type: 'text',
            analyzer: 'folded',
            fields: { raw: { type: 'keyword', normalizer: 'folded_keyword' } },
          },
          city: { type: 'text', analyzer: 'folded' },
          country: { type: 'keyword' },
          kind: { type: 'keyword' },
          embedding: {
            type: 'dense_vector',
            dims: DIMS,
            index: true,
            similarity: 'cosine',
            index_options: { type: 'hnsw', m: 16, ef_construction: 100 },
          },
        },
      },
    });

    const bulk = await client.bulk({
      operations: docs.flatMap((d) => [{ index: { _index: index, _id: d.id } }, d]),
    });
    expect(bulk.errors).toBe(false);
    expect(bulk.items).toHaveLength(DOC_COUNT);
    await client.indices.refresh({ index });
  });

  afterAll(async () => {
    try {
      await client.indices.delete({ index, ignore_unavailable: true });
    } finally {
      await client.close();
    }
  });

  it('reports an Elasticsearch 8.x node', async () => {
    const info = await client.info();
    expect(info.version.number).toMatch(/^8\./);
    expect(info.tagline).toBe('You Know, for Search');
  });

  it('created the mapping as requested and indexed every document', async () => {
    const mapping = await client.indices.getMapping({ index });
    const embedding = mapping[index].mappings.properties?.embedding as Record<string, unknown>;
    expect(embedding).toMatchObject({
      type: 'dense_vector',
      dims: DIMS,
      index: true,
      similarity: 'cosine',
    });
    expect(embedding.index_options).toMatchObject({ type: 'hnsw' });
    const count = await client.count({ index });
    expect(count.count).toBe(DOC_COUNT);
  });

  it('gets a document by id with its source intact', async () => {
    const got = await client.get<PersonDoc>({ index, id: 'p-000' });
    expect(got.found).toBe(true);
    expect(got._source?.name).toBe('Jürgen Müller');
    expect(got._source?.embedding).toHaveLength(DIMS);
  });

  it('folds diacritics: "muller" finds the document indexed as "Müller"', async () => {
    const res = await client.search<PersonDoc>({ index, query: { match: { name: 'muller' } } });
    expect(res.hits.hits.map((h) => h._id)).toEqual(['p-000']);
    expect(res.hits.hits[0]._source?.name).toBe('Jürgen Müller');
  });

  it('folds on both sides in multi_match across fields ("zoe saldana bogota")', async () => {
    const res = await client.search<PersonDoc>({
      index,
      query: {
        multi_match: {
          query: 'zoe saldana bogota',
          fields: ['name^2', 'city'],
          type: 'most_fields',
        },
      },
    });
    expect(res.hits.hits[0]._id).toBe('p-001');
    // the folded keyword normalizer makes exact-name lookups accent-insensitive too
    const exact = await client.search({ index, query: { term: { 'name.raw': 'JURGEN MULLER' } } });
    expect(exact.hits.hits.map((h) => h._id)).toEqual(['p-000']);
  });

  it('kNN with a document’s own vector returns that document first (cosine score 1)', async () => {
    for (const id of ['p-000', 'p-042', 'p-137', 'p-199']) {
      const { ids, scores } = await knnIds(byId.get(id)!.embedding);
      expect(ids[0]).toBe(id);
      // Elasticsearch reports cosine similarity as (1 + cos) / 2
      expect(scores[0]).toBeCloseTo(1, 4);
    }
  });

  it('approximate top-10 agrees with brute-force cosine top-10 (recall@10 >= 0.9)', async () => {
    const rand = mulberry32(SEED ^ 0xabcdef);
    const recalls: number[] = [];
    for (let q = 0; q < 25; q++) {
      const query = randomUnitVector(rand, DIMS);
      const expected = bruteForceTopK(docs, query, K);
      const { ids, scores } = await knnIds(query);
      expect(ids).toHaveLength(K);
      recalls.push(recallAtK(expected, ids));
      // the engine's scores are the real cosine similarities of the returned documents
      ids.forEach((id, i) =>
        expect(scores[i]).toBeCloseTo((1 + cosine(query, byId.get(id)!.embedding)) / 2, 4),
      );
    }
    const mean = recalls.reduce((a, b) => a + b, 0) / recalls.length;
    console.info(
      `kNN recall@${K} over ${recalls.length} queries: mean ${mean.toFixed(3)}, min ${Math.min(...recalls)}`,
    );
    expect(mean).toBeGreaterThanOrEqual(0.9);
  });

  it('combines kNN with a term filter', async () => {
    const rand = mulberry32(SEED ^ 0x123457);
    const germans = docs.filter((d) => d.country === 'DE');
    expect(germans.length).toBeGreaterThan(K);
    const recalls: number[] = [];
    for (let q = 0; q < 10; q++) {
      const query = randomUnitVector(rand, DIMS);
      const { ids } = await knnIds(query, { term: { country: 'DE' } });
      expect(ids).toHaveLength(K);
      for (const id of ids) expect(byId.get(id)!.country).toBe('DE');
      recalls.push(recallAtK(bruteForceTopK(germans, query, K), ids));
    }
    expect(recalls.reduce((a, b) => a + b, 0) / recalls.length).toBeGreaterThanOrEqual(0.9);

    // a filter on another keyword narrows further; a document's own vector still comes first
    const target = docs.find((d) => d.country === 'DE' && d.kind === 'alias')!;
    const both = await knnIds(target.embedding, {
      bool: { filter: [{ term: { country: 'DE' } }, { term: { kind: 'alias' } }] },
    });
    expect(both.ids[0]).toBe(target.id);
    for (const id of both.ids) expect(byId.get(id)).toMatchObject({ country: 'DE', kind: 'alias' });
  });

  it('reports a missing document as not found (404), not as an empty success', async () => {
    await expect(client.get({ index, id: 'does-not-exist' })).rejects.toBeInstanceOf(
      errors.ResponseError,
    );
  });
});
