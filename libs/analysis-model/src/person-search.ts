/**
 * Person search: the port both read-model adapters implement (PostgreSQL with
 * pg_trgm in embedded mode, the search engine in infra mode), and the query
 * validation they share. Search strings are data: adapters pass them as bound
 * parameters or inside structured queries, never as query syntax.
 */

import { foldDocumentNumber, nameTokens, parseDateOfBirth, phoneticCodes } from '@mosaic/normalise';

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
  /** Each record's name as recorded (given names, then surname). */
  names: string[];
  nameTokens: string[];
  phoneticKeys: string[];
  /** As recorded: YYYY-MM-DD, YYYY-MM or YYYY. */
  datesOfBirth: string[];
  nationalities: string[];
  /** Folded (`foldDocumentNumber`): what a document number search compares. */
  documentNumbers: string[];
  /** The documents as recorded (type, number, issuing country), by folded number: what a hit shows. */
  documents: { number: string; display: string }[];
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

const DATE_BOUND = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const COUNTRY = /^[A-Z]{3}$/;
// Invisible format characters (zero-width spaces and joiners, bidirectional
// overrides, byte-order marks): pasted along with a name, never part of it.
const FORMAT_CHARACTERS = /\p{Cf}/gu;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Dates as `YYYY-MM-DD`, both ends included. */
export interface DateInterval {
  from: string;
  to: string;
}

/** The days a partial date covers: `1980` is all of 1980, `1980-03` all of March 1980. */
function partsInterval(year: number, month: number | null, day: number | null): DateInterval {
  if (month === null) return { from: `${pad(year, 4)}-01-01`, to: `${pad(year, 4)}-12-31` };
  const ym = `${pad(year, 4)}-${pad(month)}`;
  if (day === null) return { from: `${ym}-01`, to: `${ym}-${pad(lastDay(year, month))}` };
  return { from: `${ym}-${pad(day)}`, to: `${ym}-${pad(day)}` };
}

/**
 * The days a recorded date of birth may denote, read as `parseDateOfBirth`
 * reads it (partial dates, day/month swaps); null when it is not a date.
 */
export function birthInterval(recorded: string | null): DateInterval | null {
  const parts = parseDateOfBirth(recorded);
  return parts ? partsInterval(parts.year, parts.month, parts.day) : null;
}

/** A search bound (YYYY, YYYY-MM or YYYY-MM-DD, strictly) as the days it covers; null when malformed. */
function boundInterval(bound: string): DateInterval | null {
  const m = DATE_BOUND.exec(bound);
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] === undefined ? null : Number(m[2]);
  const day = m[3] === undefined ? null : Number(m[3]);
  if (year < 1000) return null;
  if (month !== null && (month < 1 || month > 12)) return null;
  if (day !== null && (day < 1 || day > lastDay(year, month as number))) return null;
  return partsInterval(year, month, day);
}

/**
 * Whether a recorded date of birth can fall in the searched range: a record
 * with only a year matches a range that contains any day of that year, so a
 * partial date is never excluded for what the clerk did not write down.
 */
export function bornInRange(
  recorded: string | null,
  range: { from: string | null; to: string | null },
): boolean {
  const interval = birthInterval(recorded);
  if (!interval) return false;
  return (
    (range.to === null || interval.from <= range.to) &&
    (range.from === null || interval.to >= range.from)
  );
}

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
    if (v.length > max * 4) {
      // Not even worth cleaning up: far over the limit, whatever it holds.
      issues.push({ field, reason: `must be at most ${max} characters` });
      return undefined;
    }
    const t = v.replace(FORMAT_CHARACTERS, '').trim();
    if (t === '') return undefined;
    if (t.length > max) issues.push({ field, reason: `must be at most ${max} characters` });
    // Control characters are never part of a name or a number.
    if (/\p{Cc}/u.test(t)) issues.push({ field, reason: 'must not contain control characters' });
    return t;
  };
  const name = text('name', input.name, SEARCH_LIMITS.maxNameLength);
  if (name !== undefined && nameTokens(name).length === 0) {
    issues.push({
      field: 'name',
      reason: 'must contain Latin letters (names are searched in their Latin spelling)',
    });
  }
  const documentNumber = text('documentNumber', input.documentNumber, 64);
  if (documentNumber !== undefined && foldDocumentNumber(documentNumber) === '') {
    issues.push({ field: 'documentNumber', reason: 'must contain letters or digits' });
  }
  const nationality = text('nationality', input.nationality, 3)?.toUpperCase();
  if (nationality !== undefined && !COUNTRY.test(nationality)) {
    issues.push({ field: 'nationality', reason: 'must be an ISO 3166-1 alpha-3 code' });
  }
  const bornFrom = text('bornFrom', input.bornFrom, 10);
  const bornTo = text('bornTo', input.bornTo, 10);
  const intervals: Record<string, DateInterval | null> = {};
  for (const [field, v] of [
    ['bornFrom', bornFrom],
    ['bornTo', bornTo],
  ] as const) {
    if (v === undefined) continue;
    intervals[field] = boundInterval(v);
    if (!intervals[field]) {
      issues.push({ field, reason: 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD' });
    }
  }
  const from = intervals['bornFrom'];
  const to = intervals['bornTo'];
  if (from && to && from.from > to.to) {
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

/**
 * A validated query in the form both adapters compare with the read model:
 * the name folded into tokens (diacritics, case and order no longer matter),
 * the phonetic codes each token must meet, the document number folded and the
 * birth range as days. Everything here is data for bound parameters or
 * structured query values.
 */
export interface PersonSearchTerms {
  /** Distinct folded tokens of the name; empty when no name was given. */
  nameTokens: string[];
  /** The tokens joined by spaces, as `name_folded` holds a record's name; null without a name. */
  nameFolded: string | null;
  /**
   * The Double Metaphone codes of each token that has one: a phonetic match
   * meets at least one code of every group.
   */
  phoneticGroups: string[][];
  documentNumber: string | null;
  /** Days, both ends included; null ends are open; null when no range was given. */
  born: { from: string | null; to: string | null } | null;
  nationality: string | null;
  offset: number;
  limit: number;
}

/** Validates the query again (adapters never trust their caller) and folds it into search terms. */
export function personSearchTerms(query: PersonSearchQuery): PersonSearchTerms {
  const q = validateSearchQuery(query);
  const tokens = [...new Set(nameTokens(q.name ?? null))];
  const phoneticGroups = tokens
    .map((t) => phoneticCodes(t).filter((c) => c !== ''))
    .filter((codes) => codes.length > 0);
  const born =
    q.bornFrom !== undefined || q.bornTo !== undefined
      ? {
          from: q.bornFrom !== undefined ? (boundInterval(q.bornFrom) as DateInterval).from : null,
          to: q.bornTo !== undefined ? (boundInterval(q.bornTo) as DateInterval).to : null,
        }
      : null;
  return {
    nameTokens: tokens,
    nameFolded: tokens.length > 0 ? tokens.join(' ') : null,
    phoneticGroups,
    documentNumber: q.documentNumber !== undefined ? foldDocumentNumber(q.documentNumber) : null,
    born,
    nationality: q.nationality ?? null,
    offset: q.offset,
    limit: q.limit,
  };
}

/** The criteria of a search an adapter reports as met for one person. */
export interface MatchedCriteria {
  /** Every token is close in spelling (trigrams / edit distance) to a token of one name. */
  nameFuzzy: boolean;
  /** Every token sounds like a token of one name (a shared phonetic code). */
  namePhonetic: boolean;
  born: boolean;
  nationality: boolean;
  document: boolean;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * Which fields of a person matched and with which recorded value, from the
 * criteria the adapter found met and the person's recorded values. A name
 * whose tokens include every searched token matched EXACT (order and
 * diacritics aside); otherwise it matched FUZZY, or only PHONETIC.
 */
export function explainPersonMatch(
  terms: PersonSearchTerms,
  document: PersonSearchDocument,
  met: MatchedCriteria,
): FieldMatch[] {
  const matched: FieldMatch[] = [];
  const names = document.names.map((value) => {
    const tokens = nameTokens(value);
    return { value, tokens, codes: new Set(tokens.flatMap(phoneticCodes)) };
  });
  const exact = names.find((n) => terms.nameTokens.every((t) => n.tokens.includes(t)));
  if (met.nameFuzzy) {
    if (exact) matched.push({ field: 'NAME', value: exact.value, how: 'EXACT' });
    else {
      const closeness = (tokens: string[]) =>
        terms.nameTokens.reduce(
          (sum, t) => sum + Math.max(0, ...tokens.map((u) => 1 - editDistance(t, u) / t.length)),
          0,
        );
      const best = [...names].sort((a, b) => closeness(b.tokens) - closeness(a.tokens))[0];
      if (best) matched.push({ field: 'NAME', value: best.value, how: 'FUZZY' });
    }
  }
  if (met.namePhonetic && !(met.nameFuzzy && exact)) {
    const sounding =
      names.find((n) => terms.phoneticGroups.every((g) => g.some((c) => n.codes.has(c)))) ??
      names[0];
    if (sounding) matched.push({ field: 'NAME_PHONETIC', value: sounding.value, how: 'PHONETIC' });
  }
  if (met.born && terms.born) {
    const range = terms.born;
    const value = document.datesOfBirth.find((d) => bornInRange(d, range));
    if (value) matched.push({ field: 'DATE_OF_BIRTH', value, how: 'IN_RANGE' });
  }
  if (met.nationality && terms.nationality) {
    const value = document.nationalities.find((n) => n.trim().toUpperCase() === terms.nationality);
    if (value) matched.push({ field: 'NATIONALITY', value, how: 'EXACT' });
  }
  if (met.document && terms.documentNumber) {
    const value = document.documents.find((d) => d.number === terms.documentNumber);
    if (value) matched.push({ field: 'DOCUMENT', value: value.display, how: 'EXACT' });
  }
  return matched;
}
