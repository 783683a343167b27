import {
  ANALYSIS_SOURCE_TOPICS,
  analysisRecordFromEvent,
  normaliseIdentifier,
  type AnalysisRecord,
  type IdentifierKind,
} from '@mosaic/analysis-model';
import { generateBlocks, resolveSynthOptions } from '@mosaic/synth';

/**
 * A synthetic population as the analysis read model holds it, with its ground
 * truth: every record on its TRUE person (this tests the graph, not the
 * resolver), the criminal networks and the coincidence identifiers.
 */
export interface GraphPopulation {
  records: AnalysisRecord[];
  /** Record key → person id (UUID). */
  personOf: Map<string, string>;
  /** Every person id (UUID), including persons without records. */
  persons: string[];
  networks: {
    members: string[];
    hub: string;
    /** Normalised, as the read model holds identifiers. */
    sharedIdentifiers: { kind: IdentifierKind; value: string }[];
  }[];
  /** Hotel addresses and call-centre phones many unrelated persons record. */
  coincidences: { kind: 'PHONE' | 'ADDRESS'; value: string; persons: string[] }[];
}

/** The synth's person ids (`P00000123`) as the UUIDs the read model keys persons by. */
export function truthPersonId(synthId: string): string {
  const digits = synthId.replace(/\D/g, '').padStart(12, '0');
  return `00000000-0000-4000-8000-${digits}`;
}

/**
 * The records of `generateBlocks` as analysis records, built from the payloads
 * the sources publish (the shapes of apps/identity's synthetic source events).
 */
export function syntheticGraphPopulation(options: {
  persons: number;
  seed: number;
  overrides?: Record<string, string>;
}): GraphPopulation {
  const synth = resolveSynthOptions(
    { persons: options.persons, seed: options.seed },
    options.overrides,
  );
  const records: AnalysisRecord[] = [];
  const personOf = new Map<string, string>();
  const persons: string[] = [];
  const networks: GraphPopulation['networks'] = [];
  const coincidences = new Map<string, GraphPopulation['coincidences'][number]>();
  for (const block of generateBlocks(synth)) {
    persons.push(...block.persons.map((p) => truthPersonId(p.personId)));
    for (const t of block.truthRecords) {
      personOf.set(`${t.source}:${t.recordId}`, truthPersonId(t.personId));
    }
    for (const r of block.travel) {
      records.push(analysisRecordFromEvent(ANALYSIS_SOURCE_TOPICS.travel, r));
    }
    for (const c of block.seizure) {
      for (const s of c.subjects) {
        records.push(
          analysisRecordFromEvent(ANALYSIS_SOURCE_TOPICS.seizure, {
            ...s,
            caseId: c.recordId,
            caseNumber: c.caseNumber,
            openedAt: c.openedAt,
            coSubjectIds: c.subjects.filter((o) => o !== s).map((o) => o.subjectId),
          }),
        );
      }
    }
    for (const e of block.fingerprint) {
      records.push(analysisRecordFromEvent(ANALYSIS_SOURCE_TOPICS.fingerprint, e));
    }
    for (const r of block.relationships) {
      if (r.type !== 'CRIMINAL_NETWORK') continue;
      networks.push({
        members: r.members.map(truthPersonId),
        hub: truthPersonId(r.hub as string),
        sharedIdentifiers: r.sharedIdentifiers.flatMap((i) => {
          const value = normaliseIdentifier(i.type, i.value);
          return value ? [{ kind: i.type, value }] : [];
        }),
      });
    }
    for (const c of block.coincidences) {
      const value = normaliseIdentifier(c.identifierType, c.value) as string;
      const key = `${c.identifierType}|${value}`;
      const seen = coincidences.get(key) ?? { kind: c.identifierType, value, persons: [] };
      seen.persons = [...new Set([...seen.persons, ...c.personIds.map(truthPersonId)])].sort();
      coincidences.set(key, seen);
    }
  }
  return { records, personOf, persons, networks, coincidences: [...coincidences.values()] };
}

type Queryable = { query(sql: string, parameters?: unknown[]): Promise<unknown> };

/** A fixed permutation (a seeded Fisher–Yates), so "shuffled" is the same on every run. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const eventId = (n: number): string =>
  `00000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Writes the population into an empty analysis read model: every person
 * ACTIVE, every record on its true person with an ACTIVE membership. `order`
 * changes only the order rows are inserted in, nothing else.
 */
export async function seedGraphReadModel(
  session: Queryable,
  population: GraphPopulation,
  order: 'generated' | 'reversed' | 'shuffled' = 'generated',
): Promise<void> {
  const arrange = <T>(items: readonly T[]): T[] =>
    order === 'generated'
      ? [...items]
      : order === 'reversed'
        ? [...items].reverse()
        : shuffled(items, 20_260_101);
  for (const chunk of chunks(arrange(population.persons))) {
    await session.query(
      `INSERT INTO analysis_person (id, status) SELECT unnest($1::uuid[]), 'ACTIVE'`,
      [chunk],
    );
  }
  const records = arrange(population.records.map((record, n) => ({ record, n })));
  for (const chunk of chunks(records)) {
    await session.query(
      `INSERT INTO analysis_record (
         key, source, record_id, person_id, observed_at, given_names, surname, date_of_birth,
         sex, nationality, name_tokens, name_folded, phonetic_keys, case_id, case_number, role,
         carrier, flight, port, direction, event_id)
       SELECT key, source, record_id, person_id, observed_at, given_names, surname, date_of_birth,
              sex, nationality, name_tokens, name_folded, phonetic_keys, case_id, case_number,
              role, carrier, flight, port, direction, event_id
         FROM jsonb_to_recordset($1::jsonb) AS i(
                key text, source text, record_id text, person_id uuid, observed_at timestamptz,
                given_names text, surname text, date_of_birth text, sex text, nationality text,
                name_tokens text[], name_folded text, phonetic_keys text[], case_id text,
                case_number text, role text, carrier text, flight text, port text,
                direction text, event_id uuid)`,
      [
        JSON.stringify(
          chunk.map(({ record: r, n }) => ({
            key: r.key,
            source: r.source,
            record_id: r.recordId,
            person_id: population.personOf.get(r.key),
            observed_at: r.observedAt,
            given_names: r.givenNames,
            surname: r.surname,
            date_of_birth: r.dateOfBirth,
            sex: r.sex,
            nationality: r.nationality,
            name_tokens: r.nameTokens,
            name_folded: r.nameTokens.join(' '),
            phonetic_keys: r.phoneticKeys,
            case_id: r.caseId,
            case_number: r.caseNumber,
            role: r.role,
            carrier: r.carrier,
            flight: r.flight,
            port: r.port,
            direction: r.direction,
            event_id: eventId(n),
          })),
        ),
      ],
    );
    await session.query(
      `INSERT INTO analysis_membership (record_key, person_id, event_id)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[])`,
      [
        chunk.map(({ record }) => record.key),
        chunk.map(({ record }) => population.personOf.get(record.key)),
        chunk.map(({ n }) => eventId(n)),
      ],
    );
    const identifiers = chunk.flatMap(({ record }) =>
      record.identifiers.map((i) => ({ ...i, recordKey: record.key })),
    );
    if (identifiers.length > 0) {
      await session.query(
        `INSERT INTO analysis_identifier (kind, value, record_key, display)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
        [
          identifiers.map((i) => i.kind),
          identifiers.map((i) => i.value),
          identifiers.map((i) => i.recordKey),
          identifiers.map((i) => i.display),
        ],
      );
    }
  }
}

/** Empties the read model tables the graph reads. */
export async function clearGraphReadModel(session: Queryable): Promise<void> {
  await session.query(
    'TRUNCATE analysis_identifier, analysis_membership, analysis_record, analysis_person',
  );
}
