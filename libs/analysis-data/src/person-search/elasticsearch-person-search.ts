import {
  birthInterval,
  explainPersonMatch,
  personSearchTerms,
  SEARCH_LIMITS,
  type PersonSearchDocument,
  type PersonSearchIndex,
  type PersonSearchQuery,
  type PersonSearchResult,
  type PersonSearchTerms,
} from '@mosaic/analysis-model';
import { searchErrors, type SearchClient } from '@mosaic/search-engine';
import {
  PersonSearchIndexError,
  PersonSearchSchemaError,
  PersonSearchWriteError,
} from './person-search.errors';

export const DEFAULT_PERSON_SEARCH_INDEX = 'mosaic-persons';

export interface ElasticsearchPersonSearchOptions {
  client: SearchClient;
  /** MOSAIC_ANALYSIS_SEARCH_INDEX. */
  index?: string;
  /** Persons counted at most; the count says it is a lower bound beyond this. */
  countCap?: number;
}

/** One person as the engine stores it. */
interface EngineDocument {
  person_id: string;
  /** As recorded, for explanations (not indexed). */
  names: string[];
  /** Folded tokens (nameTokens); analysed again by `mosaic_name`. */
  name_tokens: string[];
  phonetic_keys: string[];
  dates_of_birth: string[];
  /** The days each date of birth may denote: a partial date covers its month or year. */
  birth_ranges: { gte: string; lte: string }[];
  nationalities: string[];
  /** Upper-case, trimmed: what a nationality search compares. */
  nationality_codes: string[];
  document_numbers: string[];
  documents: { number: string; display: string }[];
}

// Clause names (`_name`): the engine reports which of them each hit met.
const CLAUSE = {
  nameFuzzy: 'name_fuzzy',
  namePhonetic: 'name_phonetic',
  born: 'born',
  nationality: 'nationality',
  document: 'document',
} as const;

const MAPPING_FIELDS = [
  'person_id',
  'names',
  'name_tokens',
  'phonetic_keys',
  'dates_of_birth',
  'birth_ranges',
  'nationalities',
  'nationality_codes',
  'document_numbers',
  'documents',
] as const;

/**
 * The infra-mode person search on Elasticsearch 8: one document per person
 * (`_id` = person id), rebuilt from the read model by `sync`. A query is a
 * structured bool query (fuzzy match, terms, range) whose values are the
 * folded search terms; the user's string never reaches query syntax. Names
 * are folded to ASCII tokens before indexing and searching, and analysed
 * again with `asciifolding`, the only folding filter the Maven-jar node of
 * infra/search has.
 */
export class ElasticsearchPersonSearch implements PersonSearchIndex {
  readonly index: string;
  private readonly client: SearchClient;
  private readonly countCap: number;

  constructor(options: ElasticsearchPersonSearchOptions) {
    this.client = options.client;
    this.index = options.index ?? DEFAULT_PERSON_SEARCH_INDEX;
    this.countCap = options.countCap ?? SEARCH_LIMITS.countCap;
  }

  /** Creates the index unless it exists; an existing one must have this mapping's fields. */
  async ensureIndex(): Promise<void> {
    try {
      await this.client.indices.create({
        index: this.index,
        settings: {
          number_of_shards: 1,
          number_of_replicas: 0,
          analysis: {
            analyzer: {
              mosaic_name: {
                type: 'custom',
                tokenizer: 'standard',
                filter: ['lowercase', 'asciifolding'],
              },
            },
          },
        },
        mappings: {
          dynamic: 'strict',
          properties: {
            person_id: { type: 'keyword' },
            names: { type: 'keyword', index: false },
            name_tokens: { type: 'text', analyzer: 'mosaic_name' },
            phonetic_keys: { type: 'keyword' },
            dates_of_birth: { type: 'keyword', index: false },
            birth_ranges: { type: 'date_range', format: 'yyyy-MM-dd' },
            nationalities: { type: 'keyword', index: false },
            nationality_codes: { type: 'keyword' },
            document_numbers: { type: 'keyword' },
            documents: { type: 'object', enabled: false },
          },
        },
      });
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      await this.checkMapping();
    }
  }

  /**
   * Replaces the documents of these persons and refreshes before resolving, so
   * a synced person is searchable at once (and a removed one gone).
   */
  async sync(
    personIds: readonly string[],
    documents: readonly PersonSearchDocument[],
  ): Promise<void> {
    const kept = new Set(documents.map((d) => d.personId));
    const removed = [...new Set(personIds)].filter((id) => !kept.has(id));
    const operations: object[] = [
      ...documents.flatMap((d) => [
        { index: { _index: this.index, _id: d.personId } },
        toEngineDocument(d),
      ]),
      ...removed.map((id) => ({ delete: { _index: this.index, _id: id } })),
    ];
    if (operations.length === 0) return;
    const response = await this.client.bulk({ operations, refresh: true });
    if (!response.errors) return;
    const failures = response.items.flatMap((item) => {
      const result = item.index ?? item.delete;
      // Removing a person that was never indexed is not a failure.
      return result?.error
        ? [{ personId: result._id ?? '?', reason: result.error.reason ?? result.error.type }]
        : [];
    });
    if (failures.length > 0) throw new PersonSearchWriteError(failures);
  }

  async search(query: PersonSearchQuery): Promise<PersonSearchResult> {
    const terms = personSearchTerms(query);
    const response = await this.client.search<EngineDocument>({
      index: this.index,
      from: terms.offset,
      size: terms.limit,
      track_total_hits: this.countCap + 1,
      sort: [{ _score: { order: 'desc' } }, { person_id: { order: 'asc' } }],
      query: searchQuery(terms),
    });
    if (response._shards.failed > 0) {
      throw new PersonSearchIndexError(
        `person search failed on ${response._shards.failed} shard(s): ${
          response._shards.failures?.[0]?.reason.reason ?? 'no reason given'
        }`,
      );
    }
    const total = response.hits.total;
    const counted = typeof total === 'number' ? total : (total?.value ?? 0);
    return {
      hits: response.hits.hits.map((hit) => {
        const source = hit._source as EngineDocument;
        const named = new Set(
          Array.isArray(hit.matched_queries)
            ? hit.matched_queries
            : Object.keys(hit.matched_queries ?? {}),
        );
        return {
          personId: source.person_id,
          score: hit._score ?? 0,
          matched: explainPersonMatch(terms, fromEngineDocument(source), {
            nameFuzzy: named.has(CLAUSE.nameFuzzy),
            namePhonetic: named.has(CLAUSE.namePhonetic),
            born: named.has(CLAUSE.born),
            nationality: named.has(CLAUSE.nationality),
            document: named.has(CLAUSE.document),
          }),
        };
      }),
      total: Math.min(counted, this.countCap),
      totalIsLowerBound: counted > this.countCap,
    };
  }

  /** Indexed person ids after `after` in id order: lets a full reindex find stale documents. */
  async indexedPersonIds(after: string | null, size: number): Promise<string[]> {
    const response = await this.client.search<EngineDocument>({
      index: this.index,
      size,
      _source: false,
      track_total_hits: false,
      sort: [{ person_id: { order: 'asc' } }],
      query: { match_all: {} },
      ...(after !== null ? { search_after: [after] } : {}),
    });
    return response.hits.hits.map((hit) => hit._id as string);
  }

  private async checkMapping(): Promise<void> {
    const mappings = await this.client.indices.getMapping({ index: this.index });
    const properties = Object.values(mappings)[0]?.mappings.properties ?? {};
    const missing = MAPPING_FIELDS.filter((field) => !properties[field]);
    const ranges = (properties['birth_ranges'] as { type?: string } | undefined)?.type;
    if (missing.length > 0 || ranges !== 'date_range') {
      throw new PersonSearchSchemaError(
        `index ${this.index} exists with another mapping (${[
          ...missing.map((f) => `${f} missing`),
          ...(ranges && ranges !== 'date_range' ? [`birth_ranges is ${ranges}`] : []),
        ].join(', ')}): delete it and run mosaic reindex`,
      );
    }
  }
}

/**
 * A name matches when every token is within an edit or two of a token of the
 * person (fuzziness AUTO) or when every token shares a phonetic code with
 * one; a document number must be carried; range and nationality only filter.
 */
function searchQuery(terms: PersonSearchTerms): object {
  const must: object[] = [];
  const filter: object[] = [];
  if (terms.nameFolded !== null) {
    const should: object[] = [
      {
        match: {
          name_tokens: {
            query: terms.nameFolded,
            fuzziness: 'AUTO',
            operator: 'and',
            _name: CLAUSE.nameFuzzy,
          },
        },
      },
    ];
    if (terms.phoneticGroups.length > 0) {
      should.push({
        constant_score: {
          filter: {
            bool: { filter: terms.phoneticGroups.map((g) => ({ terms: { phonetic_keys: g } })) },
          },
          boost: 0.5,
          _name: CLAUSE.namePhonetic,
        },
      });
    }
    must.push({ bool: { should, minimum_should_match: 1 } });
  }
  if (terms.documentNumber !== null) {
    must.push({
      constant_score: {
        filter: { term: { document_numbers: terms.documentNumber } },
        boost: 2,
        _name: CLAUSE.document,
      },
    });
  }
  if (terms.born !== null) {
    filter.push({
      range: {
        birth_ranges: {
          ...(terms.born.from !== null ? { gte: terms.born.from } : {}),
          ...(terms.born.to !== null ? { lte: terms.born.to } : {}),
          relation: 'intersects',
          format: 'yyyy-MM-dd',
          _name: CLAUSE.born,
        },
      },
    });
  }
  if (terms.nationality !== null) {
    filter.push({
      term: { nationality_codes: { value: terms.nationality, _name: CLAUSE.nationality } },
    });
  }
  return { bool: { must, filter } };
}

function toEngineDocument(d: PersonSearchDocument): EngineDocument {
  return {
    person_id: d.personId,
    names: d.names,
    name_tokens: d.nameTokens,
    phonetic_keys: d.phoneticKeys,
    dates_of_birth: d.datesOfBirth,
    birth_ranges: d.datesOfBirth.flatMap((recorded) => {
      const interval = birthInterval(recorded);
      return interval ? [{ gte: interval.from, lte: interval.to }] : [];
    }),
    nationalities: d.nationalities,
    nationality_codes: [...new Set(d.nationalities.map((n) => n.trim().toUpperCase()))],
    document_numbers: d.documentNumbers,
    documents: d.documents,
  };
}

function fromEngineDocument(e: EngineDocument): PersonSearchDocument {
  return {
    personId: e.person_id,
    names: e.names,
    nameTokens: e.name_tokens,
    phoneticKeys: e.phonetic_keys,
    datesOfBirth: e.dates_of_birth,
    nationalities: e.nationalities,
    documentNumbers: e.document_numbers,
    documents: e.documents,
  };
}

function isAlreadyExists(error: unknown): boolean {
  return (
    error instanceof searchErrors.ResponseError &&
    (error.body as { error?: { type?: string } } | undefined)?.error?.type ===
      'resource_already_exists_exception'
  );
}
