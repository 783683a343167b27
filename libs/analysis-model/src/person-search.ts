/**
 * Person search: the port both read-model adapters implement (PostgreSQL with
 * pg_trgm in embedded mode, the search engine in infra mode), and the query
 * validation they share. Search strings are data: adapters pass them as bound
 * parameters or inside structured queries, never as query syntax.
 */

export interface PersonSearchQuery {
  /** Free-text name, any order, any transliteration or diacritics. */
  name?: string;
  /** Inclusive range on the recorded date of birth (YYYY, YYYY-MM or YYYY-MM-DD bounds). */
  bornFrom?: string;
  bornTo?: string;
  /** ISO 3166-1 alpha-3. */
  nationality?: string;
  /** Any document number the person's records carry (folded: punctuation and case ignored). */
  documentNumber?: string;
  /** 0-based offset into the ranked hits. */
  offset: number;
  limit: number;
}

export type MatchedField = 'NAME' | 'NAME_PHONETIC' | 'DATE_OF_BIRTH' | 'NATIONALITY' | 'DOCUMENT';

export interface FieldMatch {
  field: MatchedField;
  /** The person's recorded value that matched (as recorded). */
  value: string;
  /** How: EXACT, FUZZY (trigram / edit distance), PHONETIC, IN_RANGE. */
  how: 'EXACT' | 'FUZZY' | 'PHONETIC' | 'IN_RANGE';
}

export interface PersonSearchHit {
  personId: string;
  /** Relevance, higher first; comparable within one result only. */
  score: number;
  matched: FieldMatch[];
}

export interface PersonSearchResult {
  hits: PersonSearchHit[];
  /** Persons matching in all (at least the hits, capped at `SEARCH_LIMITS.countCap`). */
  total: number;
  /** true when `total` reached the cap and the true count may be larger. */
  totalIsLowerBound: boolean;
}

/** A person as the search index holds it: every recorded value of its records. */
export interface PersonSearchDocument {
  personId: string;
  names: string[];
  nameTokens: string[];
  phoneticKeys: string[];
  datesOfBirth: string[];
  nationalities: string[];
  documentNumbers: string[];
}

export interface PersonSearchIndex {
  /** Replaces the documents of these persons; a person absent from `documents` is removed. */
  sync(personIds: readonly string[], documents: readonly PersonSearchDocument[]): Promise<void>;
  search(query: PersonSearchQuery): Promise<PersonSearchResult>;
}

export const SEARCH_LIMITS = {
  maxLimit: 100,
  defaultLimit: 20,
  /** Deep paging is enumeration: the offset stops here. */
  maxOffset: 1_000,
  maxNameLength: 200,
  countCap: 10_000,
} as const;

export interface QueryIssue {
  field: string;
  reason: string;
}

export class AnalysisQueryError extends Error {
  readonly code = 'BAD_USER_INPUT';
  constructor(readonly issues: readonly QueryIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.reason}`).join('; '));
    this.name = 'AnalysisQueryError';
  }
}

const DATE_BOUND = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const COUNTRY = /^[A-Z]{3}$/;

/** Checks a search request against the limits; every problem is named, none is silently clamped. */
export function validateSearchQuery(input: {
  name?: string | null;
  bornFrom?: string | null;
  bornTo?: string | null;
  nationality?: string | null;
  documentNumber?: string | null;
  offset?: number | null;
  limit?: number | null;
}): PersonSearchQuery {
  const issues: QueryIssue[] = [];
  const text = (field: string, v: string | null | undefined, max: number) => {
    if (v === null || v === undefined) return undefined;
    const t = v.trim();
    if (t === '') return undefined;
    if (t.length > max) issues.push({ field, reason: `must be at most ${max} characters` });
    // Control characters are never part of a name or a number.
    if (/\p{Cc}/u.test(t)) issues.push({ field, reason: 'must not contain control characters' });
    return t;
  };
  const name = text('name', input.name, SEARCH_LIMITS.maxNameLength);
  const documentNumber = text('documentNumber', input.documentNumber, 64);
  const nationality = text('nationality', input.nationality, 3)?.toUpperCase();
  if (nationality !== undefined && !COUNTRY.test(nationality)) {
    issues.push({ field: 'nationality', reason: 'must be an ISO 3166-1 alpha-3 code' });
  }
  const bornFrom = text('bornFrom', input.bornFrom, 10);
  const bornTo = text('bornTo', input.bornTo, 10);
  for (const [field, v] of [
    ['bornFrom', bornFrom],
    ['bornTo', bornTo],
  ] as const) {
    if (v !== undefined && !DATE_BOUND.test(v))
      issues.push({ field, reason: 'must be YYYY, YYYY-MM or YYYY-MM-DD' });
  }
  if (bornFrom && bornTo && bornFrom.slice(0, 4) > bornTo.slice(0, 4)) {
    issues.push({ field: 'bornTo', reason: 'must not be before bornFrom' });
  }
  if (!name && !documentNumber && !nationality && !bornFrom && !bornTo) {
    issues.push({
      field: 'query',
      reason: 'give at least a name, a document number, a nationality or a birth range',
    });
  } else if (!name && !documentNumber) {
    // A nationality or a birth range alone selects a population, not a subject.
    issues.push({
      field: 'query',
      reason: 'give a name or a document number; other criteria only narrow them',
    });
  }
  const limit = input.limit ?? SEARCH_LIMITS.defaultLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_LIMITS.maxLimit) {
    issues.push({
      field: 'limit',
      reason: `must be an integer from 1 to ${SEARCH_LIMITS.maxLimit}`,
    });
  }
  const offset = input.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0 || offset > SEARCH_LIMITS.maxOffset) {
    issues.push({
      field: 'offset',
      reason: `must be an integer from 0 to ${SEARCH_LIMITS.maxOffset}`,
    });
  }
  if (issues.length > 0) throw new AnalysisQueryError(issues);
  return {
    ...(name !== undefined ? { name } : {}),
    ...(bornFrom !== undefined ? { bornFrom } : {}),
    ...(bornTo !== undefined ? { bornTo } : {}),
    ...(nationality !== undefined ? { nationality } : {}),
    ...(documentNumber !== undefined ? { documentNumber } : {}),
    offset,
    limit,
  };
}
