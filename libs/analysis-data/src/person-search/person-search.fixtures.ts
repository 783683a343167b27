import { documentValue } from '@mosaic/analysis-model';
import { nameTokens, phoneticCodes } from '@mosaic/normalise';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * A small synthetic population written straight into the analysis read model
 * (the rows the projection writes), for the person search tests: a few named
 * subjects with variants to find, look-alikes to tell them from, a surname
 * shared by many for paging, and fillers.
 */

export interface SeedDocument {
  type: string;
  number: string;
  issuingCountry: string;
}

export interface SeedRecord {
  source: 'travel' | 'seizure' | 'fingerprint';
  recordId: string;
  givenNames: string | null;
  surname: string | null;
  dateOfBirth: string | null;
  nationality: string | null;
  documents?: SeedDocument[];
  phones?: string[];
}

export interface SeedPerson {
  id: string;
  status: 'ACTIVE' | 'MERGED' | 'SPLIT';
  records: SeedRecord[];
}

/** Deterministic ids: the same population on every run and every adapter. */
export const seedPersonId = (n: number): string =>
  `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const eventId = (n: number): string =>
  `00000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

const record = (
  source: SeedRecord['source'],
  recordId: string,
  givenNames: string | null,
  surname: string | null,
  dateOfBirth: string | null,
  nationality: string | null,
  documents: SeedDocument[] = [],
): SeedRecord => ({ source, recordId, givenNames, surname, dateOfBirth, nationality, documents });

/** Named subjects of the population (their person ids). */
export const SEARCH_SUBJECTS = {
  ivanov: seedPersonId(1),
  ivanovElder: seedPersonId(2),
  muller: seedPersonId(3),
  alRashid: seedPersonId(4),
  nguyen: seedPersonId(5),
  okonkwo: seedPersonId(6),
  merged: seedPersonId(7),
  split: seedPersonId(8),
  drakenbergA: seedPersonId(9),
  drakenbergB: seedPersonId(10),
  vantongeren: seedPersonId(11),
  fairweather: seedPersonId(12),
} as const;

/** The surname the paging tests page through, and how many persons carry it. */
export const PAGED_SURNAME = 'Petrov';
export const PAGED_PERSONS = 40;

const FILLER_GIVEN =
  'Anna Boris Clara Dmitri Elena Farid Greta Hugo Ines Jonas Katya Luca Marta Nils Olga Pavel Rosa Stefan Tomas Vera Wanda Zoran'.split(
    ' ',
  );
const FILLER_SURNAMES =
  'Andersen Bauer Costa Dumont Eriksen Fischer Garcia Horvat Jansen Kowalski Lindqvist Moreau Novak Oliveira Rossi Schmidt Tanaka Varga Weber Zielinski'.split(
    ' ',
  );
const COUNTRIES = 'GBR FRA DEU ESP ITA POL NLD SWE BRA JPN'.split(' ');
const SOURCES: SeedRecord['source'][] = ['travel', 'seizure', 'fingerprint'];

/** A small seeded generator (mulberry32): fillers differ from each other, never between runs. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The population: named subjects, the paged surname, then fillers up to `persons` in all. */
export function personSearchPopulation(persons = 250): SeedPerson[] {
  const s = SEARCH_SUBJECTS;
  const out: SeedPerson[] = [
    {
      id: s.ivanov,
      status: 'ACTIVE',
      records: [
        record('travel', 'IV-1', 'Aleksandr', 'Ivanov', '1980-03-14', 'RUS', [
          { type: 'PASSPORT', number: '72 4410 9931', issuingCountry: 'RUS' },
        ]),
        // The same man as a seizure clerk wrote him down: another spelling, only the year.
        record('seizure', 'IV-2', 'Alexandr', 'IVANOV', '1980', 'rus'),
      ],
    },
    {
      id: s.ivanovElder,
      status: 'ACTIVE',
      records: [
        record('travel', 'IV-3', 'Aleksandr', 'Ivanov', '1961-07-02', 'UKR', [
          { type: 'ID_CARD', number: 'UA-771204', issuingCountry: 'UKR' },
        ]),
      ],
    },
    {
      id: s.muller,
      status: 'ACTIVE',
      records: [
        record('fingerprint', 'MU-1', 'Jürgen', 'Müller', '1975-06', 'DEU', [
          { type: 'PASSPORT', number: 'C01X00T47', issuingCountry: 'DEU' },
        ]),
      ],
    },
    {
      id: s.alRashid,
      status: 'ACTIVE',
      records: [
        record('seizure', 'AR-1', 'Mohammed', 'Al-Rashid', '1990-11-02', 'SYR', [
          { type: 'PASSPORT', number: 'N-0123456', issuingCountry: 'SYR' },
        ]),
      ],
    },
    {
      id: s.nguyen,
      status: 'ACTIVE',
      records: [record('travel', 'NG-1', 'Thị Hương', 'Nguyễn', '1988-02-29', 'VNM')],
    },
    {
      id: s.okonkwo,
      status: 'ACTIVE',
      records: [
        record('travel', 'OK-1', 'Chidi', 'Okonkwo', '1979-12', 'NGA', [
          { type: 'PASSPORT', number: 'a12-345 678', issuingCountry: 'NGA' },
        ]),
      ],
    },
    // Merged and split persons hold no records of their own any more; rows left behind must not show.
    {
      id: s.merged,
      status: 'MERGED',
      records: [record('travel', 'MG-1', 'Quentin', 'Marchbanks', '1970', 'GBR')],
    },
    {
      id: s.split,
      status: 'SPLIT',
      records: [record('travel', 'SP-1', 'Ottoline', 'Featherstonehaugh', '1971', 'GBR')],
    },
    {
      id: s.drakenbergA,
      status: 'ACTIVE',
      records: [record('travel', 'DR-1', 'Wilhelmina', 'Drakenberg', '1983-05-05', 'NLD')],
    },
    {
      id: s.drakenbergB,
      status: 'ACTIVE',
      records: [record('seizure', 'DR-2', 'Wilma', 'Drakenberg', '1983', 'NLD')],
    },
    {
      id: s.vantongeren,
      status: 'ACTIVE',
      records: [
        record('travel', 'VT-1', 'Casimir', 'Vantongeren', '1977-09-09', 'BEL'),
        // Linked to him by a match someone disputes in the suspension test.
        record('seizure', 'VT-2', 'Hektor', 'Blomqvist', '1977', 'BEL'),
      ],
    },
    {
      id: s.fairweather,
      status: 'ACTIVE',
      records: [
        // Dates as clerks get them wrong: day and month swapped, a day February does not have.
        record('travel', 'FW-1', 'Ignatius', 'Fairweather', '1969-31-12', 'IRL'),
        record('fingerprint', 'FW-2', 'Ignatius', 'Fairweather', '1969-02-30', 'IRL'),
      ],
    },
  ];
  const random = generator(0x5ea2c4);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const birth = () => {
    const y = 1950 + Math.floor(random() * 50);
    const m = String(1 + Math.floor(random() * 12)).padStart(2, '0');
    const d = String(1 + Math.floor(random() * 28)).padStart(2, '0');
    const shape = random();
    return shape < 0.6 ? `${y}-${m}-${d}` : shape < 0.8 ? `${y}-${m}` : `${y}`;
  };
  let n = 100;
  const filler = (surname: string): SeedPerson => {
    n += 1;
    const given = pick(FILLER_GIVEN);
    const nationality = pick(COUNTRIES);
    const dob = birth();
    const count = 1 + Math.floor(random() * 3);
    return {
      id: seedPersonId(n),
      status: 'ACTIVE',
      records: Array.from({ length: count }, (_, i) =>
        record(
          SOURCES[i % SOURCES.length] as SeedRecord['source'],
          `F-${n}-${i}`,
          given,
          surname,
          dob,
          nationality,
          i === 0 ? [{ type: 'PASSPORT', number: `X${n}${i}7`, issuingCountry: nationality }] : [],
        ),
      ),
    };
  };
  for (let i = 0; i < PAGED_PERSONS; i++) out.push(filler(PAGED_SURNAME));
  while (out.length < persons) out.push(filler(pick(FILLER_SURNAMES)));
  return out;
}

/** A record that was never resolved into a person: not a person yet, so never a hit. */
export const UNRESOLVED_RECORD = record(
  'fingerprint',
  'UN-1',
  'Zebulon',
  'Quarrington',
  '1966',
  'GBR',
  [{ type: 'PASSPORT', number: 'ZQ-990011', issuingCountry: 'GBR' }],
);

type Queryable = Pick<EntityManager, 'query'> | DataSource;

function recordRow(r: SeedRecord, personId: string | null, n: number) {
  const tokens = [...nameTokens(r.givenNames), ...nameTokens(r.surname)];
  return {
    key: `${r.source}:${r.recordId}`,
    source: r.source,
    record_id: r.recordId,
    person_id: personId,
    observed_at: new Date(Date.UTC(2024, 0, 1) + n * 3_600_000).toISOString(),
    given_names: r.givenNames,
    surname: r.surname,
    date_of_birth: r.dateOfBirth,
    nationality: r.nationality,
    name_tokens: tokens,
    name_folded: tokens.join(' '),
    phonetic_keys: [...new Set(tokens.flatMap(phoneticCodes))],
    event_id: eventId(n),
  };
}

/** Writes records (with their documents), persons and memberships as the projection would. */
export async function writeSeedPersons(
  db: Queryable,
  persons: readonly SeedPerson[],
  unresolved: readonly SeedRecord[] = [],
): Promise<void> {
  let n = 0;
  const records = [
    ...persons.flatMap((p) => p.records.map((r) => recordRow(r, p.id, ++n))),
    ...unresolved.map((r) => recordRow(r, null, ++n)),
  ];
  const all = [
    ...persons.flatMap((p) => p.records.map((r) => ({ r, key: `${r.source}:${r.recordId}` }))),
    ...unresolved.map((r) => ({ r, key: `${r.source}:${r.recordId}` })),
  ];
  const identifiers = all.flatMap(({ r, key }) =>
    (r.documents ?? []).map((d) => ({
      kind: 'DOCUMENT',
      value: documentValue(d),
      record_key: key,
      display: `${d.type} ${d.number} ${d.issuingCountry}`,
    })),
  );
  await db.query(
    `INSERT INTO analysis_record (key, source, record_id, person_id, observed_at, given_names,
       surname, date_of_birth, nationality, name_tokens, name_folded, phonetic_keys, event_id)
     SELECT x.key, x.source, x.record_id, x.person_id, x.observed_at, x.given_names, x.surname,
       x.date_of_birth, x.nationality,
       ARRAY(SELECT json_array_elements_text(x.name_tokens)), x.name_folded,
       ARRAY(SELECT json_array_elements_text(x.phonetic_keys)), x.event_id
     FROM json_to_recordset($1::json) AS x(key text, source text, record_id text, person_id uuid,
       observed_at timestamptz, given_names text, surname text, date_of_birth text,
       nationality text, name_tokens json, name_folded text, phonetic_keys json, event_id uuid)`,
    [JSON.stringify(records)],
  );
  if (identifiers.length > 0) {
    await db.query(
      `INSERT INTO analysis_identifier (kind, value, record_key, display)
       SELECT x.kind, x.value, x.record_key, x.display
       FROM json_to_recordset($1::json) AS x(kind text, value text, record_key text, display text)`,
      [JSON.stringify(identifiers)],
    );
  }
  await db.query(
    `INSERT INTO analysis_person (id, status)
     SELECT x.id, x.status FROM json_to_recordset($1::json) AS x(id uuid, status text)`,
    [JSON.stringify(persons.map((p) => ({ id: p.id, status: p.status })))],
  );
  await db.query(
    `INSERT INTO analysis_membership (record_key, person_id, event_id)
     SELECT x.key, x.person_id, x.event_id
     FROM json_to_recordset($1::json) AS x(key text, person_id uuid, event_id uuid)`,
    [JSON.stringify(records.filter((r) => r.person_id !== null))],
  );
}

/** Row counts of the read-model tables: what a search must never change. */
export async function readModelCounts(db: Queryable): Promise<Record<string, number>> {
  const [row] = (await db.query(
    `SELECT (SELECT count(*) FROM analysis_record)::int AS records,
            (SELECT count(*) FROM analysis_identifier)::int AS identifiers,
            (SELECT count(*) FROM analysis_person)::int AS persons,
            (SELECT count(*) FROM analysis_membership)::int AS memberships`,
  )) as [Record<string, number>];
  return row;
}
