import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json';
import {
  parseDateOfBirth,
  recordKey,
  type RecordedDocument,
  type ResolutionRecord,
  type Sex,
} from '@mosaic/resolution';
import type { BoundColumns, MapTarget } from './column-map';

countries.registerLocale(english);

/** One input row as the resolver sees it, with what could not be read from it. */
export interface TabularRow {
  id: string;
  record: ResolutionRecord;
  /** Values that were not understood, each saying what was done instead; never dropped silently. */
  issues: string[];
}

function values(cells: readonly string[], columns: BoundColumns, target: MapTarget): string[] {
  const out: string[] = [];
  for (const index of columns.get(target) ?? []) {
    const value = (cells[index] ?? '').trim();
    if (value !== '') out.push(value);
  }
  return out;
}

/**
 * "SURNAME, Given" when there is a comma (the register and passport-list
 * convention); otherwise the last word is the surname. Particles ("de la
 * Torre") then land in the given names; the name comparison counts a name
 * found in the other side's tokens as a near-agreement, so such pairs still
 * meet.
 */
export function splitFullName(value: string): { given: string | null; surname: string | null } {
  const comma = value.indexOf(',');
  if (comma >= 0) {
    const surname = value.slice(0, comma).trim();
    const given = value.slice(comma + 1).trim();
    return { given: given || null, surname: surname || null };
  }
  const trimmed = value.trim();
  const space = trimmed.search(/\s\S+$/);
  if (space < 0) return { given: null, surname: trimmed || null };
  return { given: trimmed.slice(0, space).trim(), surname: trimmed.slice(space).trim() };
}

const ISO_DATE = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[T ]\d{1,2}:\d{2}.*)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const DAY_FIRST_DATE = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;

const pad = (n: string) => n.padStart(2, '0');

/**
 * A date of birth as `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, or null with an issue.
 * Day-first dates (31/12/1990, 31.12.1990) are read day first; a month-first
 * date whose day is over 12 comes out as the day/month swap it is, which the
 * resolver reads the right way round.
 */
export function readDateOfBirth(raw: string): { value: string | null; issue: string | null } {
  let written: string | null = null;
  let match = ISO_DATE.exec(raw);
  if (match) {
    written = [match[1], match[2], match[3]]
      .filter((part): part is string => part !== undefined)
      .map((part, i) => (i === 0 ? part : pad(part)))
      .join('-');
  } else if ((match = COMPACT_DATE.exec(raw))) {
    written = `${match[1]}-${match[2]}-${match[3]}`;
  } else if ((match = DAY_FIRST_DATE.exec(raw))) {
    written = `${match[3]}-${pad(match[2] as string)}-${pad(match[1] as string)}`;
  }
  const parsed = written === null ? null : parseDateOfBirth(written);
  if (parsed === null) {
    return { value: null, issue: `dob "${raw}" is not a date; linked without it` };
  }
  const kept = [
    String(parsed.year),
    ...(parsed.month === null ? [] : [pad(String(parsed.month))]),
    ...(parsed.day === null ? [] : [pad(String(parsed.day))]),
  ].join('-');
  const writtenParts = (written as string).split('-').length;
  const keptParts = kept.split('-').length;
  return {
    value: kept,
    issue:
      keptParts < writtenParts
        ? `dob "${raw}" is not a valid date; compared on ${kept} only`
        : null,
  };
}

const SEX: Readonly<Record<string, Sex | null>> = {
  M: 'M',
  MALE: 'M',
  F: 'F',
  FEMALE: 'F',
  X: 'X',
  // ISO/IEC 5218 codes, and the usual ways of writing "not known".
  '1': 'M',
  '2': 'F',
  '0': null,
  '9': null,
  U: null,
  UNKNOWN: null,
};

export function readSex(raw: string): { value: Sex | null; issue: string | null } {
  const key = raw.toUpperCase();
  if (key in SEX) return { value: SEX[key] ?? null, issue: null };
  return { value: null, issue: `sex "${raw}" is not M, F or X; linked without it` };
}

/**
 * ISO 3166-1 alpha-3, from an alpha-3, alpha-2 or numeric code or an English
 * country name. Anything else is kept as written (upper case): within one
 * file equal values still agree, but the row says so.
 */
export function readNationality(raw: string): { value: string; issue: string | null } {
  const code = countries.toAlpha3(raw) ?? countries.getAlpha3Code(raw, 'en');
  if (code) return { value: code, issue: null };
  return {
    value: raw.toUpperCase(),
    issue: `nationality "${raw}" is not an ISO 3166 code or country name; compared as written`,
  };
}

/**
 * Maps one row to a resolution record. `row` is the 1-based data row, the
 * record id when no id column is mapped.
 */
export function tabularRecord(
  cells: readonly string[],
  columns: BoundColumns,
  row: number,
  observedAt: string,
): TabularRow {
  const issues: string[] = [];
  const id = columns.has('id') ? (values(cells, columns, 'id')[0] ?? '') : String(row);

  let givenNames = values(cells, columns, 'given_name').join(' ') || null;
  let surname = values(cells, columns, 'surname').join(' ') || null;
  const fullName = values(cells, columns, 'full_name')[0];
  if (fullName !== undefined) ({ given: givenNames, surname } = splitFullName(fullName));

  let dateOfBirth: string | null = null;
  const dob = values(cells, columns, 'dob')[0];
  if (dob !== undefined) {
    const read = readDateOfBirth(dob);
    dateOfBirth = read.value;
    if (read.issue) issues.push(read.issue);
  }
  let sex: Sex | null = null;
  const sexValue = values(cells, columns, 'sex')[0];
  if (sexValue !== undefined) {
    const read = readSex(sexValue);
    sex = read.value;
    if (read.issue) issues.push(read.issue);
  }
  let nationality: string | null = null;
  const nationalityValue = values(cells, columns, 'nationality')[0];
  if (nationalityValue !== undefined) {
    const read = readNationality(nationalityValue);
    nationality = read.value;
    if (read.issue) issues.push(read.issue);
  }
  // A bare number has no type or issuing country; left empty, the resolver
  // compares it with every other document number.
  const documents: RecordedDocument[] = values(cells, columns, 'document').map((number) => ({
    type: '',
    number,
    issuingCountry: '',
  }));
  const phones = values(cells, columns, 'phone');
  const addresses = values(cells, columns, 'address');

  const linked = [...columns.keys()].filter((t) => t !== 'id');
  if (linked.every((target) => values(cells, columns, target).length === 0)) {
    issues.push('no mapped field has a value; nothing to link on');
  }
  return {
    id,
    issues,
    record: {
      key: recordKey('tabular', id),
      source: 'tabular',
      recordId: id,
      observedAt,
      givenNames,
      surname,
      dateOfBirth,
      sex,
      nationality,
      documents,
      phones,
      addresses,
      vehicles: [],
      face: null,
      fingers: [],
    },
  };
}
