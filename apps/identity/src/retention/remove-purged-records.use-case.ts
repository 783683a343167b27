import { Inject, Injectable } from '@nestjs/common';
import { publishDeadLetters, type ConsumedEvent, type EventBus } from '@mosaic/event-bus';
import { ClusterRepository, personChangeEvents, recordStateEvent } from '@mosaic/identity-data';
import { appendToOutbox, type OutboxEvent } from '@mosaic/outbox';
import { recordKey, SOURCE_TOPICS, type PersonChange } from '@mosaic/resolution';
import { IDENTITY_RECORD_TYPES, type RetentionTombstone } from '@mosaic/retention';
import { EVENT_BUS, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { CandidateIndexFactory } from '../resolution/candidate-index.factory';
import { remainderAfterPurge } from './person-parts';

export interface RemovePurgedRecordsCommand {
  /** Consumer group the tombstones came to (named in dead letters). */
  groupId: string;
  tombstones: readonly { eventId: string; topic: string; tombstone: RetentionTombstone }[];
  /** Events that are not valid tombstones, with the reason: they go to `<topic>.dlq`. */
  rejected: readonly { event: ConsumedEvent; error: Error }[];
}

export interface RemovePurgedRecordsResult {
  /** Tombstones applied for the first time. */
  applied: number;
  /** Tombstones handled before (redelivered). */
  duplicates: number;
  deadLettered: number;
  /** Records identity held and no longer holds. */
  recordsRemoved: number;
  /** Persons left with no record (now PURGED). */
  personsPurged: number;
  /** Persons whose remaining records fell apart, and the persons split off them. */
  personsSplit: number;
  personsCreated: number;
  personEvents: number;
}

interface Member {
  person_id: string;
  key: string;
}

/**
 * Applies a batch of `retention.tombstone.v1` events in one transaction,
 * holding the row locks of the persons that hold the records named, as a
 * resolution batch holds those it restores and writes back
 * (docs/adr/0013-resolution-without-a-global-lock.md): the records named leave identity together with every row
 * that would explain or rebuild them, and each person that held one is left
 * consistent and told about on `identity.person.v1` through the outbox.
 *
 * Removed: the identity record (its templates and biographic data), its
 * entries in the candidate index, the person links touching it, the decisions
 * scored on a pair that includes it (their waterfalls carry its values, e.g.
 * the term-frequency name values) with their review items, and its cannot-link
 * pairs (the pair no longer exists). Kept: person rows (a person with no
 * record left becomes PURGED; its id, status and lineage hold no personal
 * data and still resolve for audit entries and events that name it), the
 * processed-event ids, verification requests and disputes (accountability
 * history, kept by design: they name records and decisions by id, not by
 * foreign key), and the identity outbox's past events (record ids only).
 *
 * A person whose remaining records were tied together only through a purged
 * record is split by its remaining links: a link that ran through purged
 * evidence is no longer a claim anyone can explain. The part holding the
 * oldest record keeps the person id; as with a dispute, the others are
 * CREATED with `splitFrom` and the person gets a SPLIT event.
 *
 * A tombstone that arrives before the record it names (the record's topic
 * lagging) still takes effect: the source events it lists are claimed as
 * PURGED, so the resolver treats their late delivery as already processed.
 */
@Injectable()
export class RemovePurgedRecordsUseCase {
  private readonly clusters = new ClusterRepository();

  constructor(
    @Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly indexes: CandidateIndexFactory,
  ) {}

  async execute(command: RemovePurgedRecordsCommand): Promise<RemovePurgedRecordsResult> {
    return this.dataSource.transaction(async (manager) => {
      const fresh = await claim(manager, [
        ...command.tombstones.map((t) => ({
          eventId: t.eventId,
          topic: t.topic,
          outcome: 'PURGED' as const,
        })),
        ...command.rejected.map((r) => ({
          eventId: r.event.envelope.eventId,
          topic: r.event.topic,
          outcome: 'DEAD_LETTERED' as const,
        })),
      ]);
      const rejected = command.rejected.filter((r) => fresh.has(r.event.envelope.eventId));
      // Published before commit: should the commit fail, the batch is redelivered and the
      // letter sent again, a duplicate on the DLQ rather than a letter lost.
      await publishDeadLetters(this.bus, command.groupId, rejected);

      const applied = command.tombstones.filter((t) => fresh.has(t.eventId));
      // A case tombstone names no identity record: claiming it is all there is to do.
      const records = applied
        .map((t) => t.tombstone)
        .filter((t) => IDENTITY_RECORD_TYPES[t.source] === t.recordType);
      await claim(
        manager,
        records.flatMap((t) =>
          t.sourceEventIds.map((eventId) => ({
            eventId,
            topic: SOURCE_TOPICS[t.source],
            outcome: 'PURGED' as const,
          })),
        ),
      );
      const keys = [...new Set(records.map((t) => recordKey(t.source, t.recordId)))];
      const removal = await this.removeRecords(manager, keys);
      return {
        applied: applied.length,
        duplicates: command.tombstones.length - applied.length,
        deadLettered: rejected.length,
        ...removal,
      };
    });
  }

  private async removeRecords(
    manager: EntityManager,
    keys: readonly string[],
  ): Promise<Omit<RemovePurgedRecordsResult, 'applied' | 'duplicates' | 'deadLettered'>> {
    const none = {
      recordsRemoved: 0,
      personsPurged: 0,
      personsSplit: 0,
      personsCreated: 0,
      personEvents: 0,
    };
    if (keys.length === 0) return none;
    const index = this.indexes.forTransaction(manager);
    // The persons holding the records, locked as a resolver batch locks the persons it touches.
    await this.clusters.lockSlice(manager, keys);
    const held = (await manager.query(
      'SELECT key, person_id FROM identity_record WHERE key = ANY($1::text[])',
      [keys],
    )) as Member[];
    if (held.length === 0) {
      // Never resolved, or removed before: an index entry could still be left by a batch
      // whose search-engine write outlived its rolled-back transaction.
      await index.remove(keys);
      return none;
    }

    const purged = new Set(held.map((r) => r.key));
    const personIds = [...new Set(held.map((r) => r.person_id))].sort();
    const members = (await manager.query(
      `SELECT person_id, key FROM identity_record
        WHERE person_id = ANY($1::uuid[]) ORDER BY person_id, seq`,
      [personIds],
    )) as Member[];
    const edges = (await manager.query(
      `SELECT person_id, a_key, b_key FROM person_link
        WHERE person_id = ANY($1::uuid[]) ORDER BY person_id, id`,
      [personIds],
    )) as { person_id: string; a_key: string; b_key: string }[];

    const purgedKeys = [...purged];
    // Links first, then review items: both refer to the decisions removed after them.
    await manager.query(
      'DELETE FROM person_link WHERE a_key = ANY($1::text[]) OR b_key = ANY($1::text[])',
      [purgedKeys],
    );
    await manager.query(
      'DELETE FROM review_item WHERE a_key = ANY($1::text[]) OR b_key = ANY($1::text[])',
      [purgedKeys],
    );
    await manager.query(
      'DELETE FROM link_decision WHERE a_key = ANY($1::text[]) OR b_key = ANY($1::text[])',
      [purgedKeys],
    );
    await manager.query(
      'DELETE FROM cannot_link WHERE a_key = ANY($1::text[]) OR b_key = ANY($1::text[])',
      [purgedKeys],
    );
    await manager.query('DELETE FROM identity_record WHERE key = ANY($1::text[])', [purgedKeys]);

    const [next] = (await manager.query(
      'SELECT (coalesce(max(sequence), -1) + 1)::text AS next FROM person',
    )) as { next: string }[];
    let sequence = Number(next?.next ?? 0);
    const emptied: string[] = [];
    const kept: string[] = [];
    const created: { id: string; sequence: number; splitFrom: string; records: string[] }[] = [];
    const removedOf = new Map<string, string[]>();
    const changesOf = new Map<string, PersonChange[]>();
    for (const personId of personIds) {
      const remainder = remainderAfterPurge(
        members.filter((m) => m.person_id === personId).map((m) => m.key),
        edges.filter((e) => e.person_id === personId).map((e) => ({ a: e.a_key, b: e.b_key })),
        purged,
      );
      removedOf.set(personId, remainder.removed);
      if (remainder.kind === 'EMPTY') {
        emptied.push(personId);
        continue;
      }
      kept.push(personId);
      if (remainder.kind !== 'SPLIT') continue;
      const parts = remainder.splitOff.map((records) => ({
        id: uuidv7(),
        sequence: sequence++,
        splitFrom: personId,
        records,
      }));
      created.push(...parts);
      changesOf.set(personId, [
        ...parts.map((p): PersonChange => ({
          kind: 'CREATED',
          personId: p.id,
          records: p.records,
          splitFrom: personId,
        })),
        {
          kind: 'SPLIT',
          personId,
          into: parts.map((p) => p.id),
          records: parts.flatMap((p) => p.records),
        },
      ]);
    }

    if (emptied.length > 0) {
      await manager.query(
        `UPDATE person SET status = 'PURGED', updated_at = now(), version = version + 1
          WHERE id = ANY($1::uuid[])`,
        [emptied],
      );
    }
    if (kept.length > 0) {
      await manager.query(
        'UPDATE person SET updated_at = now(), version = version + 1 WHERE id = ANY($1::uuid[])',
        [kept],
      );
    }
    if (created.length > 0) {
      await manager.query(
        `INSERT INTO person (id, sequence, status, split_from)
         SELECT id, nextval('person_sequence_number'), 'ACTIVE', split_from
           FROM unnest($1::uuid[], $2::bigint[], $3::uuid[]) AS p(id, sequence, split_from)
          ORDER BY p.sequence`,
        [
          created.map((p) => p.id),
          created.map((p) => String(p.sequence)),
          created.map((p) => p.splitFrom),
        ],
      );
      const moved = created.flatMap((p) => p.records.map((key) => ({ key, personId: p.id })));
      await manager.query(
        `UPDATE identity_record r SET person_id = m.person_id
           FROM unnest($1::text[], $2::uuid[]) AS m(key, person_id)
          WHERE r.key = m.key`,
        [moved.map((m) => m.key), moved.map((m) => m.personId)],
      );
      // A link belongs to the person holding its records: the links of a part go with it.
      await manager.query(
        `UPDATE person_link l SET person_id = r.person_id
           FROM identity_record r
          WHERE l.person_id = ANY($1::uuid[]) AND l.a_key = r.key AND l.person_id <> r.person_id`,
        [[...changesOf.keys()]],
      );
    }

    const versions = await currentVersions(manager);
    const events: OutboxEvent[] = personIds.flatMap((personId) => [
      recordStateEvent('RECORDS_REMOVED', personId, removedOf.get(personId) ?? [], versions),
      ...personChangeEvents(changesOf.get(personId) ?? [], versions),
    ]);
    await appendToOutbox(manager, events);

    // Last: in infra mode the index is the search engine, outside this transaction; should
    // the commit still fail, the redelivered batch removes the same keys again.
    await index.remove(keys);
    return {
      recordsRemoved: purged.size,
      personsPurged: emptied.length,
      personsSplit: changesOf.size,
      personsCreated: created.length,
      personEvents: events.length,
    };
  }
}

/** Claims events as handled; returns the ids not handled before. */
async function claim(
  manager: EntityManager,
  events: readonly {
    eventId: string;
    topic: string;
    outcome: 'PURGED' | 'DEAD_LETTERED';
  }[],
): Promise<Set<string>> {
  const unique = [...new Map(events.map((e) => [e.eventId, e])).values()];
  if (unique.length === 0) return new Set();
  const rows = (await manager.query(
    `INSERT INTO processed_event (event_id, topic, outcome)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])
     ON CONFLICT (event_id) DO NOTHING
     RETURNING event_id`,
    [unique.map((e) => e.eventId), unique.map((e) => e.topic), unique.map((e) => e.outcome)],
  )) as { event_id: string }[];
  return new Set(rows.map((r) => r.event_id));
}

/**
 * The versions every `identity.person.v1` event names. Removing records
 * scores nothing, so the active ones are named: what the remaining links
 * are judged by from now on.
 */
async function currentVersions(
  manager: EntityManager,
): Promise<{ modelVersion: string; thresholdVersion: string }> {
  const [row] = (await manager.query(
    `SELECT (SELECT version FROM resolution_model WHERE active) AS model,
            (SELECT version FROM threshold_set WHERE active) AS threshold`,
  )) as { model: string | null; threshold: string | null }[];
  return { modelVersion: row?.model ?? 'none', thresholdVersion: row?.threshold ?? 'none' };
}
