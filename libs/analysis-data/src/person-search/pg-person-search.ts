import {
  explainPersonMatch,
  personSearchTerms,
  SEARCH_LIMITS,
  type PersonSearchDocument,
  type PersonSearchIndex,
  type PersonSearchQuery,
  type PersonSearchResult,
} from '@mosaic/analysis-model';
import type { EntityManager } from 'typeorm';
import { PersonSearchIndexError } from './person-search.errors';
import {
  DOCUMENT_NUMBER_SQL,
  PersonDocumentReader,
  SEARCHABLE_RECORD_SQL,
  type ReadModelSession,
} from './person-document.reader';

export interface PgPersonSearchOptions {
  session: ReadModelSession;
  /** Persons counted at most; the count says it is a lower bound beyond this. */
  countCap?: number;
}

/**
 * How close in spelling a searched name token must come to a recorded name
 * (pg_trgm word similarity: the best-matching stretch of the name). 0.5 keeps
 * one typo in a name of six letters or more; pg_trgm's default of 0.6 loses a
 * typo in the middle of `IVANOV`.
 */
export const NAME_TOKEN_SIMILARITY = 0.5;

// The days a recorded date of birth may denote, as parseDateOfBirth reads it
// (@mosaic/normalise): a year, a month or a day; a month over 12 with a day
// that could be a month is the day/month swap it almost certainly is; an
// impossible day keeps the month, an impossible month keeps the year.
const BIRTH_INTERVAL_SQL = `
  SELECT make_date(s.y, coalesce(s.mo, 1), CASE WHEN s.day_ok THEN s.d ELSE 1 END) AS lo,
         CASE WHEN s.mo IS NULL THEN make_date(s.y, 12, 31)
              WHEN s.day_ok THEN make_date(s.y, s.mo, s.d)
              ELSE (make_date(s.y, s.mo, 1) + interval '1 month' - interval '1 day')::date
         END AS hi
  FROM (
    SELECT t.y, t.mo, t.d,
           t.mo IS NOT NULL AND t.d IS NOT NULL AND t.d >= 1
             AND t.d <= extract(day FROM make_date(t.y, t.mo, 1) + interval '1 month' - interval '1 day')
             AS day_ok
    FROM (
      SELECT m.y,
             CASE WHEN m.b IS NOT NULL AND m.a > 12 AND m.b BETWEEN 1 AND 12 THEN m.b
                  WHEN m.a BETWEEN 1 AND 12 THEN m.a END AS mo,
             CASE WHEN m.b IS NOT NULL AND m.a > 12 AND m.b BETWEEN 1 AND 12 THEN m.a
                  ELSE m.b END AS d
      FROM (
        SELECT x[1]::int AS y, x[2]::int AS a, x[3]::int AS b
        FROM regexp_match(r.date_of_birth, '^\\s*(\\d{4})(?:-(\\d{1,2})(?:-(\\d{1,2}))?)?\\s*$') AS x
      ) m
      WHERE m.y >= 1000
    ) t
  ) s`;

/*
 * Parameters: $1 folded name | null, $2 name tokens, $3 phonetic codes per
 * token (space-joined), $4 every phonetic code, $5 folded document number |
 * null, $6 born from | null, $7 born to | null, $8 nationality | null,
 * $9 limit, $10 offset, $11 persons to count (cap + 1), $12 token similarity.
 *
 * Candidates come through the indexes (trigram GIN on name_folded, GIN on
 * phonetic_keys, the document number); each candidate person is then judged on
 * all its records: a name criterion holds when one record's name meets every
 * token, the other criteria when any record meets them.
 */
const SEARCH_SQL = `
  WITH candidate AS (
    SELECT r.person_id FROM analysis_record r
    WHERE cardinality($2::text[]) > 0 AND r.person_id IS NOT NULL
      AND (r.name_folded %> ANY ($2::text[]) OR r.phonetic_keys && $4::text[])
    UNION
    SELECT r.person_id FROM analysis_identifier i
    JOIN analysis_record r ON r.key = i.record_key
    WHERE $5::text IS NOT NULL AND i.kind = 'DOCUMENT' AND ${DOCUMENT_NUMBER_SQL} = $5::text
      AND r.person_id IS NOT NULL
  ),
  judged AS (
    SELECT r.person_id,
           coalesce(max(similarity(r.name_folded, $1::text)), 0) AS name_similarity,
           coalesce(bool_or(fuzzy.ok), false) AS name_fuzzy,
           coalesce(bool_or(phonetic.ok), false) AS name_phonetic,
           coalesce(bool_or(b.lo <= coalesce($7::date, 'infinity'::date)
                            AND b.hi >= coalesce($6::date, '-infinity'::date)), false) AS born,
           coalesce(bool_or(upper(btrim(r.nationality)) = $8::text), false) AS nationality,
           coalesce(bool_or(EXISTS (
             SELECT 1 FROM analysis_identifier i
             WHERE i.record_key = r.key AND i.kind = 'DOCUMENT' AND ${DOCUMENT_NUMBER_SQL} = $5::text
           )), false) AS document
    FROM candidate c
    JOIN analysis_record r ON r.person_id = c.person_id
    CROSS JOIN LATERAL (
      SELECT bool_and(word_similarity(t, r.name_folded) >= $12::real) AS ok
      FROM unnest($2::text[]) AS t
    ) fuzzy
    CROSS JOIN LATERAL (
      SELECT bool_and(string_to_array(g, ' ') && r.phonetic_keys) AS ok
      FROM unnest($3::text[]) AS g
    ) phonetic
    LEFT JOIN LATERAL (${BIRTH_INTERVAL_SQL}) b ON true
    WHERE ${SEARCHABLE_RECORD_SQL}
    GROUP BY r.person_id
  ),
  hits AS (
    SELECT person_id, name_fuzzy, name_phonetic, born, nationality, document,
           (name_similarity
             + CASE WHEN name_fuzzy THEN 0.5 ELSE 0 END
             + CASE WHEN name_phonetic THEN 0.25 ELSE 0 END
             + CASE WHEN document THEN 2 ELSE 0 END)::float8 AS score
    FROM judged
    WHERE (cardinality($2::text[]) = 0 OR name_fuzzy OR name_phonetic)
      AND ($5::text IS NULL OR document)
      AND (($6::date IS NULL AND $7::date IS NULL) OR born)
      AND ($8::text IS NULL OR nationality)
  ),
  page AS (
    SELECT * FROM hits ORDER BY score DESC, person_id LIMIT $9 OFFSET $10
  )
  SELECT (SELECT count(*) FROM (SELECT 1 FROM hits LIMIT $11) counted)::int AS total,
         page.person_id::text AS person_id, page.score, page.name_fuzzy, page.name_phonetic,
         page.born, page.nationality, page.document
  FROM (SELECT 1) one
  LEFT JOIN page ON true
  ORDER BY page.score DESC, page.person_id`;

interface SearchRow {
  total: number;
  person_id: string | null;
  score: number | string;
  name_fuzzy: boolean;
  name_phonetic: boolean;
  born: boolean;
  nationality: boolean;
  document: boolean;
}

/**
 * Person search on the read model itself (embedded mode, or any PostgreSQL):
 * pg_trgm similarity on the folded name, Double Metaphone codes for
 * transliteration variants, partial dates of birth compared as the days they
 * may denote, nationality and folded document numbers. It reads the live
 * tables, so `sync` has nothing to do. Every value is a bound parameter.
 */
export class PgPersonSearch implements PersonSearchIndex {
  private readonly session: ReadModelSession;
  private readonly countCap: number;

  constructor(options: PgPersonSearchOptions) {
    this.session = options.session;
    this.countCap = options.countCap ?? SEARCH_LIMITS.countCap;
  }

  async sync(
    _personIds: readonly string[],
    _documents: readonly PersonSearchDocument[],
  ): Promise<void> {
    // The search runs on the tables the projection writes: nothing to copy.
  }

  async search(query: PersonSearchQuery): Promise<PersonSearchResult> {
    const terms = personSearchTerms(query);
    const params = [
      terms.nameFolded,
      terms.nameTokens,
      terms.phoneticGroups.map((g) => g.join(' ')),
      terms.phoneticGroups.flat(),
      terms.documentNumber,
      terms.born?.from ?? null,
      terms.born?.to ?? null,
      terms.nationality,
      terms.limit,
      terms.offset,
      this.countCap + 1,
      NAME_TOKEN_SIMILARITY,
    ];
    // One snapshot for the hits and the values that explain them.
    const run = async (tx: EntityManager) => {
      await tx.query("SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)", [
        String(NAME_TOKEN_SIMILARITY),
      ]);
      const rows = (await tx.query(SEARCH_SQL, params)) as SearchRow[];
      const page = rows.filter((r): r is SearchRow & { person_id: string } => r.person_id !== null);
      const documents = new Map(
        (await new PersonDocumentReader(tx).read(page.map((r) => r.person_id))).map((d) => [
          d.personId,
          d,
        ]),
      );
      return { rows, page, documents };
    };
    // Inside a caller's transaction this becomes a savepoint of it.
    const { rows, page, documents } = await this.session.transaction('REPEATABLE READ', run);
    const counted = rows[0]?.total ?? 0;
    return {
      hits: page.map((row) => ({
        personId: row.person_id,
        score: Number(row.score),
        matched: explainPersonMatch(terms, documentOf(documents, row.person_id), {
          nameFuzzy: row.name_fuzzy,
          namePhonetic: row.name_phonetic,
          born: row.born,
          nationality: row.nationality,
          document: row.document,
        }),
      })),
      total: Math.min(counted, this.countCap),
      totalIsLowerBound: counted > this.countCap,
    };
  }
}

function documentOf(
  documents: ReadonlyMap<string, PersonSearchDocument>,
  personId: string,
): PersonSearchDocument {
  const document = documents.get(personId);
  // Same snapshot, same person filter: a hit always has its records.
  if (!document) throw new PersonSearchIndexError(`person ${personId} matched but has no records`);
  return document;
}
