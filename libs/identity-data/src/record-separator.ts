import type { PersonChange } from '@mosaic/resolution';
import type { EntityManager } from 'typeorm';
import { ClusterRepository } from './cluster.repository';
import { connectedParts } from './record-parts';

/** What separating a record from its person did. */
export interface RecordSeparation {
  /** The person the record left (it keeps its id and its other records). */
  personId: string;
  /** The new person holding the separated record. */
  separatedInto: string;
  /**
   * Other persons created because the record was all that tied some of the
   * person's records to the rest: those parts are split off too.
   */
  alsoSplitOff: string[];
  /** The changes, in order: each becomes an `identity.person.v1` event. */
  changes: PersonChange[];
  /** The records the separated one may never be linked with again. */
  cannotLinkWith: string[];
}

/**
 * Takes one record out of its person for good (an upheld dispute): the
 * record becomes a person of its own (split from the person), its links are
 * removed, and it is made cannot-link with every record of the person, so no
 * later evidence joins them again. The person keeps its id; should the record
 * have been all that tied some of its records to the rest, those parts become
 * persons of their own as well (as ClusterState.separate splits). Runs in the
 * caller's transaction, which must hold the lock of the record's person
 * (ClusterRepository.lockSlice).
 */
export class RecordSeparator {
  constructor(private readonly clusters = new ClusterRepository()) {}

  async separate(
    manager: EntityManager,
    recordKey: string,
    reason: string,
    newPersonId: () => string,
  ): Promise<RecordSeparation | null> {
    const slice = await this.clusters.loadSlice(manager, [recordKey]);
    const person = slice.persons.find((p) => p.records.includes(recordKey));
    if (!person || person.records.length < 2) return null;

    const others = person.records.filter((k) => k !== recordKey);
    const edges = person.edges.filter((e) => e.a !== recordKey && e.b !== recordKey);
    const [, ...splitOff] = connectedParts(others, edges);
    let sequence = slice.nextSequence;
    const parts = [
      { id: newPersonId(), sequence: sequence++, records: [recordKey] },
      ...splitOff.map((records) => ({ id: newPersonId(), sequence: sequence++, records })),
    ];

    await manager.query(
      `INSERT INTO person (id, sequence, status, split_from)
       SELECT id, nextval('person_sequence_number'), 'ACTIVE', $3::uuid
         FROM unnest($1::uuid[], $2::bigint[]) AS i(id, sequence) ORDER BY i.sequence`,
      [parts.map((p) => p.id), parts.map((p) => String(p.sequence)), person.id],
    );
    const moved = parts.flatMap((p) => p.records.map((key) => ({ key, personId: p.id })));
    await manager.query(
      `UPDATE identity_record r SET person_id = m.person_id
         FROM unnest($1::text[], $2::uuid[]) AS m(key, person_id)
        WHERE r.key = m.key`,
      [moved.map((m) => m.key), moved.map((m) => m.personId)],
    );
    await manager.query(
      'DELETE FROM person_link WHERE person_id = $1 AND (a_key = $2 OR b_key = $2)',
      [person.id, recordKey],
    );
    // The links of a part split off go with it.
    await manager.query(
      `UPDATE person_link l SET person_id = r.person_id
         FROM identity_record r
        WHERE l.person_id = $1 AND l.a_key = r.key AND r.person_id <> $1`,
      [person.id],
    );
    await manager.query(
      'UPDATE person SET updated_at = now(), version = version + 1 WHERE id = $1',
      [person.id],
    );
    await this.clusters.addCannotLinks(
      manager,
      others.map((other) => ({ a: recordKey, b: other, reason })),
    );

    const changes: PersonChange[] = [
      ...parts.map((p): PersonChange => ({
        kind: 'CREATED',
        personId: p.id,
        records: p.records,
        splitFrom: person.id,
      })),
      {
        kind: 'SPLIT',
        personId: person.id,
        into: parts.map((p) => p.id),
        records: parts.flatMap((p) => p.records),
      },
    ];
    return {
      personId: person.id,
      separatedInto: (parts[0] as { id: string }).id,
      alsoSplitOff: parts.slice(1).map((p) => p.id),
      changes,
      cannotLinkWith: others,
    };
  }
}
