import { ANALYSIS_SOURCE_TOPICS } from '@mosaic/analysis-model';
import { createEnvelope, type EventEnvelope } from '@mosaic/event-bus';
import {
  generateBlocks,
  resolveSynthOptions,
  type FingerprintEnrollmentRecord,
  type SeizureCaseRecord,
  type TravelEncounterRecord,
  type TruthRelationship,
} from '@mosaic/synth';
import { v7 as uuidv7 } from 'uuid';
import type { PersonChange, ReadModelPersonStatus } from './projection-events';

/**
 * Test support for the read model (used by the projection's and reindex's
 * suites): a synthetic population as its sources publish it, the history of
 * `identity.person.v1` events an identity service could have produced for
 * it, and a comparable snapshot of a read model.
 */

export interface SyntheticPerson {
  id: string;
  /** Creation order (identity's `person.sequence`). */
  sequence: number;
  status: ReadModelPersonStatus;
  mergedInto: string | null;
  splitFrom: string | null;
}

export interface SyntheticReadModelHistory {
  /** Source events (travel, seizure subject, fingerprint), as the sources publish them. */
  sourceEvents: { topic: string; envelope: EventEnvelope }[];
  /** `identity.person.v1` events in the order identity created them. */
  personEvents: EventEnvelope<PersonChange>[];
  /** The source records behind the events (ids prefixed), e.g. to store them in the sources. */
  sources: {
    travel: TravelEncounterRecord[];
    seizure: SeizureCaseRecord[];
    fingerprint: FingerprintEnrollmentRecord[];
  };
  /** Every person identity holds at the end, merged ones included. */
  persons: SyntheticPerson[];
  /** Record key → the person identity has it on at the end. */
  placement: Map<string, string>;
  /** Record key → the true (synthetic) person id. */
  truth: Map<string, string>;
  /** True person id → the person identity resolved it into. */
  personOfTruth: Map<string, string>;
  relationships: TruthRelationship[];
  /** Persons merged into another, and persons a split took records from. */
  merged: string[];
  split: string[];
}

const VERSIONS = { modelVersion: 'synthetic-model', thresholdVersion: 'synthetic-thresholds' };

/**
 * A synthetic population and a person-event history that resolves it exactly
 * (one person per true person) by way of every kind of change: each true
 * person is CREATED with its first record and gains the rest (RECORDS_ADDED);
 * for some, a record first becomes a person of its own that is then MERGED
 * into it; some are first wrongly attached to the previous person and SPLIT
 * out of it again.
 */
export function syntheticReadModelHistory(options: {
  persons: number;
  seed: number;
  /** Prefixes record ids, so runs on shared infra topics do not collide. */
  idPrefix?: string;
  overrides?: Record<string, string>;
}): SyntheticReadModelHistory {
  const prefix = options.idPrefix ?? '';
  const sourceEvents: SyntheticReadModelHistory['sourceEvents'] = [];
  const sources: SyntheticReadModelHistory['sources'] = {
    travel: [],
    seizure: [],
    fingerprint: [],
  };
  const truth = new Map<string, string>();
  const relationships: TruthRelationship[] = [];
  const recordsOfTruth = new Map<string, string[]>();
  const publish = (topic: string, source: string, key: string, payload: unknown) =>
    sourceEvents.push({
      topic,
      envelope: createEnvelope({ type: `${source}.recorded`, source, key, payload }),
    });

  const synth = resolveSynthOptions(
    { persons: options.persons, seed: options.seed },
    options.overrides,
  );
  for (const block of generateBlocks(synth)) {
    relationships.push(...block.relationships);
    for (const t of block.truthRecords) {
      const key = `${t.source}:${prefix}${t.recordId}`;
      truth.set(key, t.personId);
      recordsOfTruth.set(t.personId, [...(recordsOfTruth.get(t.personId) ?? []), key]);
    }
    for (const r of block.travel) {
      const record = { ...r, recordId: `${prefix}${r.recordId}` };
      sources.travel.push(record);
      publish(ANALYSIS_SOURCE_TOPICS.travel, 'travel', record.recordId, record);
    }
    for (const c of block.seizure) {
      const record: SeizureCaseRecord = {
        ...c,
        recordId: `${prefix}${c.recordId}`,
        caseNumber: `${prefix}${c.caseNumber}`,
        subjects: c.subjects.map((s) => ({ ...s, subjectId: `${prefix}${s.subjectId}` })),
      };
      sources.seizure.push(record);
      for (const s of record.subjects) {
        publish(ANALYSIS_SOURCE_TOPICS.seizure, 'seizure', s.subjectId, {
          ...s,
          caseId: record.recordId,
          caseNumber: record.caseNumber,
          openedAt: record.openedAt,
          coSubjectIds: record.subjects
            .filter((o) => o.subjectId !== s.subjectId)
            .map((o) => o.subjectId),
        });
      }
    }
    for (const e of block.fingerprint) {
      const record = { ...e, recordId: `${prefix}${e.recordId}` };
      sources.fingerprint.push(record);
      publish(ANALYSIS_SOURCE_TOPICS.fingerprint, 'fingerprint', record.recordId, record);
    }
  }

  const history = new PersonHistory();
  const personOfTruth = new Map<string, string>();
  let previous: string | null = null;
  [...recordsOfTruth.entries()].forEach(([truePerson, keys], i) => {
    const [first, ...rest] = keys as [string, ...string[]];
    let person: string;
    if (i % 7 === 3 && previous !== null) {
      // Wrongly attached to the previous person first, then split out of it again.
      const stray = history.create([first]);
      history.merge(stray, previous);
      for (const key of rest) history.add(previous, [key]);
      person = history.split(previous, keys);
    } else {
      person = history.create([first]);
      rest.forEach((key, j) => {
        if (i % 4 === 1 && j % 2 === 0) history.merge(history.create([key]), person);
        else history.add(person, [key]);
      });
    }
    personOfTruth.set(truePerson, person);
    previous = person;
  });

  return {
    sourceEvents,
    personEvents: history.events,
    sources,
    persons: [...history.persons.values()].map((p) => ({
      id: p.id,
      sequence: p.sequence,
      status: p.status,
      mergedInto: p.mergedInto,
      splitFrom: p.splitFrom,
    })),
    placement: history.placement,
    truth,
    personOfTruth,
    relationships,
    merged: [...history.persons.values()].filter((p) => p.status === 'MERGED').map((p) => p.id),
    split: history.splitPersons,
  };
}

/** An identity service's cluster changes and the events it publishes for them. */
class PersonHistory {
  readonly events: EventEnvelope<PersonChange>[] = [];
  readonly persons = new Map<string, SyntheticPerson & { records: Set<string> }>();
  readonly placement = new Map<string, string>();
  readonly splitPersons: string[] = [];

  create(records: string[], splitFrom: string | null = null): string {
    const id = uuidv7();
    this.persons.set(id, {
      id,
      sequence: this.persons.size,
      status: 'ACTIVE',
      mergedInto: null,
      splitFrom,
      records: new Set(records),
    });
    for (const key of records) this.placement.set(key, id);
    this.emit({ personId: id, change: 'CREATED', records, splitFrom });
    return id;
  }

  add(personId: string, records: string[]): void {
    const person = this.person(personId);
    for (const key of records) {
      person.records.add(key);
      this.placement.set(key, personId);
    }
    this.emit({ personId, change: 'RECORDS_ADDED', records });
  }

  /** As identity does: the absorbed person's MERGED, then the survivor's RECORDS_ADDED. */
  merge(absorbed: string, survivor: string): void {
    const from = this.person(absorbed);
    const records = [...from.records];
    from.records = new Set();
    from.status = 'MERGED';
    from.mergedInto = survivor;
    this.emit({ personId: absorbed, change: 'MERGED', records, mergedInto: survivor });
    this.add(survivor, records);
  }

  /** As identity does: the new part's CREATED, then the split person's SPLIT (it stays ACTIVE). */
  split(personId: string, records: string[]): string {
    const person = this.person(personId);
    for (const key of records) person.records.delete(key);
    const part = this.create(records, personId);
    this.emit({ personId, change: 'SPLIT', records, into: [part] });
    this.splitPersons.push(personId);
    return part;
  }

  private person(id: string) {
    const person = this.persons.get(id);
    if (!person) throw new Error(`unknown person ${id}`);
    return person;
  }

  private emit(
    change: Pick<PersonChange, 'personId' | 'change'> & {
      records: string[];
      mergedInto?: string;
      splitFrom?: string | null;
      into?: string[];
    },
  ): void {
    const payload: PersonChange = {
      personId: change.personId,
      change: change.change,
      records: change.records.map((key) => {
        const at = key.indexOf(':');
        return {
          source: key.slice(0, at) as PersonChange['records'][number]['source'],
          recordId: key.slice(at + 1),
        };
      }),
      mergedInto: change.mergedInto ?? null,
      splitFrom: change.splitFrom ?? null,
      into: change.into ?? [],
      ...VERSIONS,
    };
    this.events.push(
      createEnvelope({
        type: 'identity.person.changed',
        source: 'identity',
        key: change.personId,
        payload,
      }),
    );
  }
}

/** Shuffles a person-event history while keeping each person's own events in order (as a bus does). */
export function interleavePersonEvents<T extends EventEnvelope>(
  events: readonly T[],
  seed: number,
): T[] {
  const queues = new Map<string, T[]>();
  for (const e of events) queues.set(e.key, [...(queues.get(e.key) ?? []), e]);
  const pending = [...queues.values()];
  const out: T[] = [];
  let state = seed >>> 0 || 1;
  while (pending.length > 0) {
    // xorshift32: deterministic, and enough to mix persons' events.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    const i = state % pending.length;
    const queue = pending[i] as T[];
    out.push(queue.shift() as T);
    if (queue.length === 0) pending.splice(i, 1);
  }
  return out;
}

export interface ReadModelSnapshot {
  records: Record<string, unknown>[];
  identifiers: Record<string, unknown>[];
  persons: { id: string; status: string; merged_into: string | null }[];
  memberships: { record_key: string; person_id: string }[];
}

/**
 * The read model's content, comparable across databases and runs: every
 * column but bookkeeping times (and the event ids of memberships, which a
 * rebuild dates by its own marker).
 */
export async function readModelSnapshot(db: {
  query: (sql: string) => Promise<unknown>;
}): Promise<ReadModelSnapshot> {
  const rows = async <T>(sql: string) => (await db.query(sql)) as T[];
  const records = await rows<Record<string, unknown>>(
    `SELECT key, source, record_id, person_id::text, observed_at, given_names, surname,
            date_of_birth, sex, nationality, name_tokens, name_folded, phonetic_keys, case_id,
            case_number, role, carrier, flight, port, direction, event_id::text
       FROM analysis_record ORDER BY key`,
  );
  return {
    records: records.map((r) => ({
      ...r,
      observed_at: new Date(r['observed_at'] as string).toISOString(),
    })),
    identifiers: await rows(
      'SELECT kind, value, record_key, display FROM analysis_identifier ORDER BY record_key, kind, value',
    ),
    persons: await rows(
      'SELECT id::text, status, merged_into::text FROM analysis_person ORDER BY id',
    ),
    memberships: await rows(
      'SELECT record_key, person_id::text FROM analysis_membership ORDER BY record_key',
    ),
  };
}
