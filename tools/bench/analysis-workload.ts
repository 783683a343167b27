// The analysis bench's workload, drawn (seeded) from the population itself:
// name searches built from real persons' recorded names with the noise an
// analyst's typing adds, half of them narrowed by a birth-year range or a
// nationality; document-number lookups of recorded documents; neighbourhood
// subjects among persons with at least one edge (and some criminal-network
// members); shortest-path pairs at distance 2–4 found by breadth-first search
// from sampled subjects. Built once per run on one read model and asked of
// both modes, which hold the same population.
import { Presets, SingleBar } from 'cli-progress';
import {
  EDGE_TYPES,
  type LinkGraph,
  type Neighbourhood,
  type PersonSearchQuery,
} from '@mosaic/analysis-model';
import { Rng } from '@mosaic/synth';
import type { DataSource } from 'typeorm';

export type NameNoise = 'typo' | 'case' | 'diacritics' | 'swapped';
export const NAME_NOISES: readonly NameNoise[] = ['typo', 'case', 'diacritics', 'swapped'];
export type SearchFilter = 'none' | 'birth-year range' | 'nationality';

export interface SearchCase {
  query: PersonSearchQuery;
  /** The person whose record the query was made from. */
  personId: string;
  /** The recorded value it started from (name or document display). */
  recorded: string;
  noise: NameNoise | 'document';
  filter: SearchFilter;
}

export interface PathCase {
  from: string;
  to: string;
  /** Distance the sampling BFS found (the capped neighbourhood's hop count). */
  expectedHops: number;
}

export interface AnalysisWorkload {
  seed: number;
  nameSearches: SearchCase[];
  documentSearches: SearchCase[];
  subjects: { personId: string; networkMember: boolean }[];
  paths: PathCase[];
  /** How the subjects were found: persons tried and how many had an edge. */
  subjectSampling: { tried: number; withEdge: number; networkMembers: number };
  /** Persons the path-pair search started a 3-hop BFS from. */
  pathOrigins: number;
}

export interface WorkloadSizes {
  nameSearches: number;
  documentSearches: number;
  subjects: number;
  paths: number;
}

interface RecordRow {
  person_id: string;
  given_names: string | null;
  surname: string | null;
  date_of_birth: string | null;
  nationality: string | null;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** A letter outside ASCII (an accent, a ligature, another script). */
const DIACRITIC = /[^\p{ASCII}]/u;

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** One keyboard slip in one token of four letters or more: substitution, deletion, insertion or transposition. */
function typo(rng: Rng, name: string): string {
  const tokens = name.split(' ');
  const long = tokens.map((t, i) => ({ t, i })).filter(({ t }) => [...t].length >= 4);
  if (long.length === 0) return name;
  const { t, i } = rng.pick(long);
  const chars = [...t];
  // Not the first letter: that one is rarely mistyped (and every index keys on it).
  const at = 1 + rng.int(chars.length - 1);
  const letter = LETTERS[rng.int(LETTERS.length)] as string;
  const upper = chars[at] === (chars[at] as string).toUpperCase();
  const typed = upper ? letter.toUpperCase() : letter;
  switch (rng.int(4)) {
    case 0:
      chars[at] = typed;
      break;
    case 1:
      chars.splice(at, 1);
      break;
    case 2:
      chars.splice(at, 0, typed);
      break;
    default:
      if (at + 1 < chars.length)
        [chars[at], chars[at + 1]] = [chars[at + 1] as string, chars[at] as string];
      else chars[at] = typed;
  }
  tokens[i] = chars.join('');
  return tokens.join(' ');
}

function noisy(rng: Rng, noise: NameNoise, given: string, surname: string): string {
  const name = [given, surname].filter((p) => p !== '').join(' ');
  switch (noise) {
    case 'typo':
      return typo(rng, name);
    case 'case':
      return rng.chance(0.5) ? name.toUpperCase() : name.toLowerCase();
    case 'diacritics':
      return name.normalize('NFD').replace(/\p{M}/gu, '');
    case 'swapped':
      return [surname, given].filter((p) => p !== '').join(' ');
  }
}

const birthYear = (dob: string | null): number | null => {
  const m = /^\s*(\d{4})/.exec(dob ?? '');
  return m ? Number(m[1]) : null;
};

function narrowed(
  filter: SearchFilter,
  row: RecordRow,
): { filter: SearchFilter; extra: Partial<PersonSearchQuery> } {
  const year = birthYear(row.date_of_birth);
  const nationality = (row.nationality ?? '').trim().toUpperCase();
  const withYear = year !== null && year >= 1001 && year <= 9998;
  const withNationality = /^[A-Z]{3}$/.test(nationality);
  const range = () => ({
    filter: 'birth-year range' as const,
    extra: { bornFrom: String((year as number) - 1), bornTo: String((year as number) + 1) },
  });
  const country = () => ({ filter: 'nationality' as const, extra: { nationality } });
  if (filter === 'birth-year range') {
    if (withYear) return range();
    if (withNationality) return country();
  } else if (filter === 'nationality') {
    if (withNationality) return country();
    if (withYear) return range();
  }
  return { filter: 'none', extra: {} };
}

async function personIds(db: DataSource): Promise<string[]> {
  const rows = (await db.query(
    `SELECT DISTINCT person_id::text AS id FROM analysis_record
     WHERE person_id IS NOT NULL ORDER BY 1`,
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

async function recordsOf(
  db: DataSource,
  ids: readonly string[],
): Promise<Map<string, RecordRow[]>> {
  const rows = (await db.query(
    `SELECT person_id::text AS person_id, given_names, surname, date_of_birth, nationality
     FROM analysis_record WHERE person_id = ANY ($1::uuid[]) ORDER BY person_id, key`,
    [ids],
  )) as RecordRow[];
  const out = new Map<string, RecordRow[]>();
  for (const r of rows) out.set(r.person_id, [...(out.get(r.person_id) ?? []), r]);
  return out;
}

async function documentsOf(db: DataSource, ids: readonly string[]): Promise<Map<string, string[]>> {
  const rows = (await db.query(
    `SELECT r.person_id::text AS person_id, i.display
     FROM analysis_identifier i JOIN analysis_record r ON r.key = i.record_key
     WHERE i.kind = 'DOCUMENT' AND r.person_id = ANY ($1::uuid[])
     ORDER BY r.person_id, i.record_key, i.value`,
    [ids],
  )) as { person_id: string; display: string }[];
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.person_id, [...(out.get(r.person_id) ?? []), r.display]);
  return out;
}

function nameSearches(
  rng: Rng,
  order: readonly string[],
  records: Map<string, RecordRow[]>,
  count: number,
): SearchCase[] {
  const out: SearchCase[] = [];
  const filters: SearchFilter[] = ['none', 'birth-year range', 'none', 'nationality'];
  let next = 0;
  for (let i = 0; out.length < count && next < order.length; i++) {
    const noise = NAME_NOISES[i % NAME_NOISES.length] as NameNoise;
    // Dropped diacritics only change a name that has some: look for one (a few tries).
    let chosen: { personId: string; row: RecordRow } | null = null;
    for (let tries = 0; tries < (noise === 'diacritics' ? 50 : 1) && next < order.length; tries++) {
      const personId = order[next++] as string;
      const named = (records.get(personId) ?? []).filter(
        (r) => (r.given_names ?? '').trim() !== '' || (r.surname ?? '').trim() !== '',
      );
      const usable =
        noise === 'diacritics'
          ? named.filter((r) => DIACRITIC.test(`${r.given_names ?? ''}${r.surname ?? ''}`))
          : named;
      if (usable.length > 0) {
        chosen = { personId, row: rng.pick(usable) };
        break;
      }
    }
    if (!chosen) continue;
    const given = (chosen.row.given_names ?? '').trim();
    const surname = (chosen.row.surname ?? '').trim();
    // A Latin square over noise and filter: every noise meets every filter equally often.
    const turn = (i + Math.floor(i / NAME_NOISES.length)) % filters.length;
    const { filter, extra } = narrowed(filters[turn] as SearchFilter, chosen.row);
    out.push({
      query: { name: noisy(rng, noise, given, surname), ...extra, offset: 0, limit: 20 },
      personId: chosen.personId,
      recorded: [given, surname].filter((p) => p !== '').join(' '),
      noise,
      filter,
    });
  }
  return out;
}

function documentSearches(
  rng: Rng,
  order: readonly string[],
  documents: Map<string, string[]>,
  count: number,
): SearchCase[] {
  const out: SearchCase[] = [];
  for (const personId of order) {
    if (out.length >= count) break;
    const list = documents.get(personId);
    if (!list || list.length === 0) continue;
    // `TYPE NUMBER COUNTRY` as recorded: the number is what an analyst types, in their own way.
    const display = rng.pick(list);
    const number = display.split(' ').slice(1, -1).join(' ');
    if (number === '') continue;
    const typed = [number, number.toLowerCase(), number.replace(/[\s-]/g, '')][out.length % 3];
    out.push({
      query: { documentNumber: typed as string, offset: 0, limit: 20 },
      personId,
      recorded: display,
      noise: 'document',
      filter: 'none',
    });
  }
  return out;
}

/**
 * Persons who share a seizure case, or an identifier carried by 2–8 persons, with another
 * person: a superset-ish of those with a strong edge (flights aside), found in one statement.
 */
async function likelyLinked(db: DataSource): Promise<string[]> {
  const rows = (await db.query(
    `WITH shared_case AS (
       SELECT case_id FROM analysis_record WHERE case_id IS NOT NULL AND person_id IS NOT NULL
        GROUP BY case_id HAVING count(DISTINCT person_id) > 1
     ), shared_value AS (
       SELECT i.kind, i.value FROM analysis_identifier i
         JOIN analysis_record r ON r.key = i.record_key AND r.person_id IS NOT NULL
        GROUP BY i.kind, i.value HAVING count(DISTINCT r.person_id) BETWEEN 2 AND 8
     )
     SELECT DISTINCT person_id::text AS id FROM (
       SELECT r.person_id FROM analysis_record r JOIN shared_case USING (case_id)
       UNION ALL
       SELECT r.person_id FROM shared_value v
         JOIN analysis_identifier i ON i.kind = v.kind AND i.value = v.value
         JOIN analysis_record r ON r.key = i.record_key
     ) x WHERE person_id IS NOT NULL ORDER BY 1`,
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

const neighbours = (graph: LinkGraph, personId: string, hops: number): Promise<Neighbourhood> =>
  graph.neighbors({ personId, hops, edgeTypes: EDGE_TYPES, window: {} });

/**
 * Builds the workload on one read model (`db`, `graph` on it). Deterministic
 * for a population and a seed.
 */
export async function buildAnalysisWorkload(
  db: DataSource,
  graph: LinkGraph,
  networks: readonly string[][],
  sizes: WorkloadSizes,
  seed: number,
  log: (line: string) => void,
): Promise<AnalysisWorkload> {
  const rng = new Rng(seed);
  const persons = await personIds(db);
  const known = new Set(persons);
  log(
    `workload: ${persons.length.toLocaleString('en')} persons with records; sampling (seed ${seed})`,
  );

  // Searches: persons in a seeded order, enough of them to find names with diacritics.
  const searchOrder = shuffle(rng.fork(1), persons).slice(
    0,
    Math.min(persons.length, sizes.nameSearches * 20 + sizes.documentSearches * 4),
  );
  const records = await recordsOf(db, searchOrder);
  const names = nameSearches(rng.fork(2), searchOrder, records, sizes.nameSearches);
  const docOrder = shuffle(rng.fork(3), searchOrder);
  const documents = documentSearches(
    rng.fork(4),
    docOrder,
    await documentsOf(db, docOrder.slice(0, sizes.documentSearches * 4)),
    sizes.documentSearches,
  );

  // Subjects: most drawn from every person, kept when they have at least one edge (the
  // question an analyst asks is about someone linked to something); a fifth network members.
  const bar = (label: string, total: number) => {
    const b = new SingleBar(
      {
        format: `  ${label} {bar} {value}/{total} | {found}`,
        noTTYOutput: true,
        notTTYSchedule: 10_000,
        stream: process.stderr,
      },
      Presets.shades_classic,
    );
    b.start(total, 0, { found: '' });
    return b;
  };
  const memberTarget = networks.length > 0 ? Math.round(sizes.subjects / 5) : 0;
  const subjects: AnalysisWorkload['subjects'] = [];
  const seen = new Set<string>();
  const memberRng = rng.fork(5);
  const members = shuffle(
    memberRng,
    [...new Set(networks.flat())].filter((id) => known.has(id)),
  ).slice(0, memberTarget);
  for (const personId of members) {
    subjects.push({ personId, networkMember: true });
    seen.add(personId);
  }
  const sampling = { tried: 0, withEdge: 0, networkMembers: members.length };
  const subjectBar = bar('subjects (1-hop check)', sizes.subjects);
  subjectBar.update(subjects.length, { found: `${members.length} network members` });
  for (const personId of shuffle(rng.fork(6), persons)) {
    if (subjects.length >= sizes.subjects || sampling.tried >= sizes.subjects * 50) break;
    if (seen.has(personId)) continue;
    sampling.tried += 1;
    const around = await neighbours(graph, personId, 1);
    if (around.edges.length === 0) continue;
    sampling.withEdge += 1;
    subjects.push({ personId, networkMember: false });
    seen.add(personId);
    subjectBar.update(subjects.length, {
      found: `${sampling.withEdge}/${sampling.tried} tried had an edge`,
    });
  }
  subjectBar.stop();
  // Members and random subjects mixed, so a cut-short run still has both.
  const mixed = shuffle(rng.fork(7), subjects);

  // Paths: breadth-first search from subjects (then from further persons while pairs are
  // short) — the 3-hop neighbourhood gives partners at distance 2 and 3, one hop further from
  // persons at distance 3 gives distance 4 — then the same number of pairs at each distance
  // as far as the graph has them.
  const pathRng = rng.fork(8);
  const pools = new Map<number, PathCase[]>([
    [2, []],
    [3, []],
    [4, []],
  ]);
  const perDistance = Math.ceil(sizes.paths / 3);
  const full = () => [...pools.values()].every((pool) => pool.length >= perDistance);
  const pathBar = bar('path pairs (BFS)', sizes.paths);
  // Origins: the subjects, then persons who share a case or a non-hub identifier with someone
  // (most persons have no edge at all: a cheap filter before the breadth-first search).
  const origins = [
    ...mixed.map((s) => s.personId),
    ...shuffle(rng.fork(9), await likelyLinked(db)).filter((p) => !seen.has(p)),
  ];
  let searched = 0;
  let tried = 0;
  for (const origin of origins) {
    if (full() || searched >= Math.max(sizes.paths * 4, 100) || tried >= sizes.paths * 12) break;
    tried += 1;
    const around = await neighbours(graph, origin, 3);
    if (around.edges.length === 0) continue;
    searched += 1;
    const at = (h: number) => around.nodes.filter((n) => n.hops === h).map((n) => n.personId);
    // A few partners per origin at most, so the pairs spread over many neighbourhoods.
    for (const d of [2, 3]) {
      const pool = pools.get(d) as PathCase[];
      for (const to of shuffle(pathRng, at(d)).slice(0, 2)) {
        if (pool.length < perDistance) pool.push({ from: origin, to, expectedHops: d });
      }
    }
    const four = pools.get(4) as PathCase[];
    if (four.length < perDistance && !around.truncated) {
      const inside = new Set(around.nodes.map((n) => n.personId));
      const found = new Set<string>();
      for (const via of shuffle(pathRng, at(3)).slice(0, 8)) {
        if (found.size >= 3 || four.length >= perDistance) break;
        const beyond = (await neighbours(graph, via, 1)).nodes
          .map((n) => n.personId)
          .filter((p) => !inside.has(p) && !found.has(p));
        if (beyond.length === 0) continue;
        const to = pathRng.pick(beyond);
        found.add(to);
        four.push({ from: origin, to, expectedHops: 4 });
      }
    }
    pathBar.update(
      Math.min(
        sizes.paths,
        [...pools.values()].reduce((n, p) => n + p.length, 0),
      ),
      {
        found: `${searched} searched; ${[2, 3, 4].map((d) => `d${d}: ${pools.get(d)?.length}`).join(' ')}`,
      },
    );
  }
  pathBar.stop();
  // Equal shares where the graph allows; a distance short of pairs is made up by the others.
  const paths: PathCase[] = [];
  const take = [2, 3, 4].map((d) => shuffle(pathRng, pools.get(d) as PathCase[]));
  for (let round = 0; paths.length < sizes.paths && take.some((t) => t.length > 0); round++) {
    for (const t of take) {
      const next = t.shift();
      if (next && paths.length < sizes.paths) paths.push(next);
    }
  }
  log(
    `workload: ${names.length} name searches, ${documents.length} document lookups, ` +
      `${mixed.length} subjects (${sampling.networkMembers} network members; ${sampling.withEdge} of ` +
      `${sampling.tried} other persons tried had an edge), ${paths.length} path pairs ` +
      `(${[2, 3, 4].map((d) => `${paths.filter((p) => p.expectedHops === d).length} at distance ${d}`).join(', ')}; ` +
      `${searched} origins searched)`,
  );
  return {
    seed,
    nameSearches: names,
    documentSearches: documents,
    subjects: mixed,
    paths,
    subjectSampling: sampling,
    pathOrigins: searched,
  };
}
