import type { AnalysisRecord } from '@mosaic/analysis-model';
import type { EntityManager } from 'typeorm';
import type { ReadModelPersonStatus } from './projection-events';

/**
 * The statements the projection and `mosaic reindex` share, each run inside
 * the caller's transaction. Every write is an upsert in place, so readers
 * never see the read model emptied, and every rule that decides between two
 * writes of the same row is commutative, so the order events arrive in does
 * not change the result:
 * - a record's content comes from its source and never changes;
 * - a record's person is the one named by the newest person event (event ids
 *   are UUIDv7: they sort by creation time, and identity creates a batch's
 *   events in the order its changes happened);
 * - a membership's state (ACTIVE, or SUSPENDED while its link is disputed) is
 *   the one said by the newest event that says one (CREATED, SUSPENDED,
 *   RESTORED), kept apart from placement: a merge moves a suspended record
 *   without making it count again;
 * - a person's status only moves forward (ACTIVE → SPLIT → MERGED);
 * - a record purged by retention stays gone (a tombstone), whatever arrives
 *   after its removal.
 */

/** Serialises the read model's writers (projection batches across workers, reindex pages). */
export const READ_MODEL_LOCK = 7_405_001;

export async function lockReadModel(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [READ_MODEL_LOCK]);
}

/** Rows per statement: keeps JSON parameters and arrays to a few megabytes. */
const CHUNK = 1_000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export interface RecordToWrite {
  record: AnalysisRecord;
  /** The source event the record came in. */
  eventId: string;
}

/** Of these record keys, those purged by retention (tombstoned). */
export async function removedRecords(
  manager: EntityManager,
  recordKeys: readonly string[],
): Promise<Set<string>> {
  const removed = new Set<string>();
  for (const chunk of chunks([...new Set(recordKeys)])) {
    const rows = (await manager.query(
      'SELECT record_key FROM analysis_removed_record WHERE record_key = ANY($1::text[])',
      [chunk],
    )) as { record_key: string }[];
    for (const r of rows) removed.add(r.record_key);
  }
  return removed;
}

/**
 * Removes purged records from the read model (their identifiers go with
 * them) and tombstones them. Returns the persons that lost a record.
 */
export async function removeRecords(
  manager: EntityManager,
  removals: readonly { recordKey: string; eventId: string }[],
): Promise<string[]> {
  const persons = new Set<string>();
  const byKey = new Map(removals.map((r) => [r.recordKey, r]));
  for (const chunk of chunks([...byKey.values()])) {
    const keys = chunk.map((r) => r.recordKey);
    await manager.query(
      `INSERT INTO analysis_removed_record (record_key, event_id)
       SELECT * FROM unnest($1::text[], $2::uuid[]) ON CONFLICT (record_key) DO NOTHING`,
      [keys, chunk.map((r) => r.eventId)],
    );
    const memberships = deletedRows<{ person_id: string }>(
      await manager.query(
        'DELETE FROM analysis_membership WHERE record_key = ANY($1::text[]) RETURNING person_id::text',
        [keys],
      ),
    );
    const records = deletedRows<{ person_id: string | null }>(
      await manager.query(
        'DELETE FROM analysis_record WHERE key = ANY($1::text[]) RETURNING person_id::text',
        [keys],
      ),
    );
    for (const r of [...memberships, ...records]) if (r.person_id) persons.add(r.person_id);
  }
  return [...persons];
}

/** TypeORM answers a DELETE … RETURNING on PostgreSQL with `[rows, count]`, on PGlite with rows. */
function deletedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0])) {
    return result[0] as T[];
  }
  return result as T[];
}

/**
 * Upserts records (last write wins: a record's content is immutable at its
 * source) and replaces their identifiers; each takes the person its
 * membership names, if that is already known. A record purged by retention
 * is not written again. Returns each record's person.
 */
export async function upsertRecords(
  manager: EntityManager,
  records: readonly RecordToWrite[],
): Promise<Map<string, string | null>> {
  const removed = await removedRecords(
    manager,
    records.map((r) => r.record.key),
  );
  const byKey = new Map(
    records.filter((r) => !removed.has(r.record.key)).map((r) => [r.record.key, r]),
  );
  const persons = new Map<string, string | null>();
  for (const chunk of chunks([...byKey.values()])) {
    const rows = chunk.map(({ record: r, eventId }) => ({
      key: r.key,
      source: r.source,
      record_id: r.recordId,
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
      event_id: eventId,
    }));
    const written = (await manager.query(
      `INSERT INTO analysis_record AS r (
         key, source, record_id, person_id, observed_at, given_names, surname, date_of_birth,
         sex, nationality, name_tokens, name_folded, phonetic_keys, case_id, case_number, role,
         carrier, flight, port, direction, event_id, updated_at)
       SELECT i.key, i.source, i.record_id, m.person_id, i.observed_at, i.given_names, i.surname,
              i.date_of_birth, i.sex, i.nationality, i.name_tokens, i.name_folded, i.phonetic_keys,
              i.case_id, i.case_number, i.role, i.carrier, i.flight, i.port, i.direction,
              i.event_id, now()
         FROM jsonb_to_recordset($1::jsonb) AS i(
                key text, source text, record_id text, observed_at timestamptz, given_names text,
                surname text, date_of_birth text, sex text, nationality text, name_tokens text[],
                name_folded text, phonetic_keys text[], case_id text, case_number text, role text,
                carrier text, flight text, port text, direction text, event_id uuid)
         LEFT JOIN analysis_membership m ON m.record_key = i.key
       ON CONFLICT (key) DO UPDATE SET
         source = EXCLUDED.source, record_id = EXCLUDED.record_id, person_id = EXCLUDED.person_id,
         observed_at = EXCLUDED.observed_at, given_names = EXCLUDED.given_names,
         surname = EXCLUDED.surname, date_of_birth = EXCLUDED.date_of_birth, sex = EXCLUDED.sex,
         nationality = EXCLUDED.nationality, name_tokens = EXCLUDED.name_tokens,
         name_folded = EXCLUDED.name_folded, phonetic_keys = EXCLUDED.phonetic_keys,
         case_id = EXCLUDED.case_id, case_number = EXCLUDED.case_number, role = EXCLUDED.role,
         carrier = EXCLUDED.carrier, flight = EXCLUDED.flight, port = EXCLUDED.port,
         direction = EXCLUDED.direction, event_id = EXCLUDED.event_id, updated_at = now()
       RETURNING r.key, r.person_id`,
      [JSON.stringify(rows)],
    )) as { key: string; person_id: string | null }[];
    for (const w of written) persons.set(w.key, w.person_id);

    const keys = chunk.map((c) => c.record.key);
    await manager.query('DELETE FROM analysis_identifier WHERE record_key = ANY($1::text[])', [
      keys,
    ]);
    const identifiers = chunk.flatMap(({ record }) =>
      record.identifiers.map((i) => ({
        kind: i.kind,
        value: i.value,
        record_key: record.key,
        display: i.display,
      })),
    );
    if (identifiers.length > 0) {
      await manager.query(
        `INSERT INTO analysis_identifier (kind, value, record_key, display)
         SELECT kind, value, record_key, display
           FROM jsonb_to_recordset($1::jsonb) AS i(kind text, value text, record_key text, display text)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(identifiers)],
      );
    }
  }
  return persons;
}

/** Whether a record counts for its person (ACTIVE) or its link is disputed (SUSPENDED). */
export type MembershipState = 'ACTIVE' | 'SUSPENDED';

export interface MembershipToWrite {
  recordKey: string;
  personId: string;
  /** The person event that placed the record (reindex: a marker older than its start). */
  eventId: string;
  /** The state the event says the membership is in; absent: it says nothing about the state. */
  state?: MembershipState;
}

export interface MovedRecord {
  recordKey: string;
  personId: string;
  /** The person it was on before, if any. */
  previous: string | null;
  /** Its state changed (its person may not have). */
  stateChanged: boolean;
}

/**
 * Places records on persons: the newest event wins, whatever order events
 * come in; a membership's state is likewise the one said by the newest event
 * that says one. `overwriteOlderThan` (reindex) also lets this write win over
 * rows nothing has touched since that time, however new their event:
 * identity's current state, read after that time, is at least as new. A
 * record purged by retention is not placed again. Returns the records whose
 * person or state changed.
 */
export async function upsertMemberships(
  manager: EntityManager,
  memberships: readonly MembershipToWrite[],
  overwriteOlderThan: Date | null = null,
): Promise<MovedRecord[]> {
  const removed = await removedRecords(
    manager,
    memberships.map((m) => m.recordKey),
  );
  // One row per record and statement (ON CONFLICT may not touch a row twice): the newest
  // placement, and apart from it the newest word on the state.
  const newest = new Map<string, MembershipToWrite>();
  const newestState = new Map<string, { state: MembershipState; eventId: string }>();
  const newer = (a: string, b: string) => a.toLowerCase() < b.toLowerCase();
  for (const m of memberships) {
    if (removed.has(m.recordKey)) continue;
    const seen = newest.get(m.recordKey);
    if (!seen || newer(seen.eventId, m.eventId)) newest.set(m.recordKey, m);
    if (m.state) {
      const said = newestState.get(m.recordKey);
      if (!said || newer(said.eventId, m.eventId)) {
        newestState.set(m.recordKey, { state: m.state, eventId: m.eventId });
      }
    }
  }
  const moved: MovedRecord[] = [];
  for (const chunk of chunks([...newest.values()])) {
    const states = chunk.map((m) => newestState.get(m.recordKey) ?? null);
    const rows = (await manager.query(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $5::text[], $6::uuid[])
                  AS i(record_key, person_id, event_id, state, state_event_id)
       ), before AS (
         SELECT m.record_key, m.person_id, m.state
           FROM analysis_membership m JOIN input USING (record_key)
       ), written AS (
         INSERT INTO analysis_membership AS m
           (record_key, person_id, event_id, state, state_event_id, updated_at)
         SELECT record_key, person_id, event_id, coalesce(state, 'ACTIVE'), state_event_id, now()
           FROM input
         ON CONFLICT (record_key) DO UPDATE SET
           person_id = CASE
             WHEN m.event_id < EXCLUDED.event_id OR m.updated_at < $4::timestamptz
             THEN EXCLUDED.person_id ELSE m.person_id END,
           event_id = GREATEST(m.event_id, EXCLUDED.event_id),
           state = CASE
             WHEN EXCLUDED.state_event_id IS NOT NULL AND (m.state_event_id IS NULL
               OR m.state_event_id < EXCLUDED.state_event_id OR m.updated_at < $4::timestamptz)
             THEN EXCLUDED.state ELSE m.state END,
           state_event_id = CASE
             WHEN EXCLUDED.state_event_id IS NOT NULL AND (m.state_event_id IS NULL
               OR m.state_event_id < EXCLUDED.state_event_id OR m.updated_at < $4::timestamptz)
             THEN EXCLUDED.state_event_id ELSE m.state_event_id END,
           updated_at = now()
         RETURNING m.record_key, m.person_id, m.state
       )
       SELECT w.record_key, w.person_id, b.person_id AS previous,
              b.state IS DISTINCT FROM w.state AS state_changed
         FROM written w LEFT JOIN before b USING (record_key)
        WHERE b.person_id IS DISTINCT FROM w.person_id OR b.state IS DISTINCT FROM w.state`,
      [
        chunk.map((m) => m.recordKey),
        chunk.map((m) => m.personId),
        chunk.map((m) => m.eventId),
        overwriteOlderThan,
        states.map((s) => s?.state ?? null),
        states.map((s) => s?.eventId ?? null),
      ],
    )) as {
      record_key: string;
      person_id: string;
      previous: string | null;
      state_changed: boolean;
    }[];
    for (const r of rows) {
      moved.push({
        recordKey: r.record_key,
        personId: r.person_id,
        previous: r.previous,
        stateChanged: r.state_changed === true && r.previous !== null,
      });
    }
  }
  return moved;
}

/** Copies the membership's person onto these records (the person search and graph queries read). */
export async function syncRecordPersons(
  manager: EntityManager,
  recordKeys: readonly string[],
): Promise<void> {
  for (const chunk of chunks([...new Set(recordKeys)])) {
    await manager.query(
      `UPDATE analysis_record r SET person_id = m.person_id
         FROM analysis_membership m
        WHERE m.record_key = r.key AND r.key = ANY($1::text[])
          AND r.person_id IS DISTINCT FROM m.person_id`,
      [chunk],
    );
  }
}

export interface PersonToWrite {
  id: string;
  status: ReadModelPersonStatus;
  mergedInto: string | null;
}

const STATUS_ORDER: readonly ReadModelPersonStatus[] = ['ACTIVE', 'SPLIT', 'MERGED'];

/** Of two writes of one person, the one further along (the order events came in does not matter). */
function further(a: PersonToWrite, b: PersonToWrite): PersonToWrite {
  return STATUS_ORDER.indexOf(b.status) > STATUS_ORDER.indexOf(a.status) ? b : a;
}

const OVERWRITE_PERSON = `(p.updated_at < $4::timestamptz
  OR array_position(ARRAY['ACTIVE', 'SPLIT', 'MERGED'], EXCLUDED.status)
   > array_position(ARRAY['ACTIVE', 'SPLIT', 'MERGED'], p.status))`;

/**
 * Upserts persons; a status only moves forward (a person merely seen is
 * ACTIVE until its own MERGED event says otherwise). `overwriteOlderThan`
 * (reindex) also overwrites rows nothing has touched since that time.
 */
export async function upsertPersons(
  manager: EntityManager,
  persons: readonly PersonToWrite[],
  overwriteOlderThan: Date | null = null,
): Promise<void> {
  const byId = new Map<string, PersonToWrite>();
  for (const p of persons) {
    const seen = byId.get(p.id);
    byId.set(p.id, seen ? further(seen, p) : p);
  }
  for (const chunk of chunks([...byId.values()])) {
    await manager.query(
      `INSERT INTO analysis_person AS p (id, status, merged_into, updated_at)
       SELECT id, status, merged_into, now()
         FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS i(id, status, merged_into)
       ON CONFLICT (id) DO UPDATE SET
         status = CASE WHEN ${OVERWRITE_PERSON} THEN EXCLUDED.status ELSE p.status END,
         merged_into = CASE WHEN ${OVERWRITE_PERSON} THEN EXCLUDED.merged_into ELSE p.merged_into END,
         updated_at = now()`,
      [
        chunk.map((p) => p.id),
        chunk.map((p) => p.status),
        chunk.map((p) => p.mergedInto),
        overwriteOlderThan,
      ],
    );
  }
}

/** The persons these records are on now. */
export async function personsOfRecords(
  manager: EntityManager,
  recordKeys: readonly string[],
): Promise<string[]> {
  const persons = new Set<string>();
  for (const chunk of chunks([...new Set(recordKeys)])) {
    const rows = (await manager.query(
      `SELECT DISTINCT person_id FROM analysis_membership WHERE record_key = ANY($1::text[])`,
      [chunk],
    )) as { person_id: string }[];
    for (const r of rows) persons.add(r.person_id);
  }
  return [...persons];
}

export type ProcessedOutcome = 'APPLIED' | 'DEAD_LETTERED';

/** Records the events as processed; returns the ids not processed before. */
export async function claimEvents(
  manager: EntityManager,
  events: readonly { eventId: string; topic: string; outcome: ProcessedOutcome }[],
): Promise<Set<string>> {
  const unique = [...new Map(events.map((e) => [e.eventId.toLowerCase(), e])).values()];
  const fresh = new Set<string>();
  for (const chunk of chunks(unique)) {
    const rows = (await manager.query(
      `INSERT INTO processed_event (event_id, topic, outcome)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])
       ON CONFLICT (event_id) DO NOTHING
       RETURNING event_id`,
      [chunk.map((e) => e.eventId), chunk.map((e) => e.topic), chunk.map((e) => e.outcome)],
    )) as { event_id: string }[];
    for (const r of rows) fresh.add(r.event_id.toLowerCase());
  }
  return fresh;
}
