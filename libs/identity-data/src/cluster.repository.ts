import type { ClusterState, LinkEdge, PersonChange } from '@mosaic/resolution';
import type { EntityManager } from 'typeorm';

/** The part of the clustering one batch can touch, in the shape ClusterState.restore takes. */
export interface ClusterSlice {
  persons: {
    id: string;
    sequence: number;
    records: string[];
    edges: LinkEdge[];
    splitFrom: string | null;
  }[];
  cannotLinks: [string, string][];
  nextSequence: number;
  /** Every record key held by the persons of the slice. */
  recordKeys: Set<string>;
}

/** A link a batch made, with the decision behind it. */
export interface NewLink extends LinkEdge {
  decisionId: string | null;
}

/**
 * Persons, their records' membership and their link edges, as the resolver's
 * ClusterState sees them: `loadSlice` restores the persons a batch touches,
 * `persistChanges` writes back what the batch changed. Both run in the
 * batch's transaction, which holds the row locks of the persons it touches
 * (`lockSlice`).
 */
export class ClusterRepository {
  /**
   * The slice for `keys` with every person in it locked (row locks, taken in
   * id order) for the rest of the transaction. Persons can change while a
   * lock is awaited (a merge moves records to another person, a split makes
   * new ones): the slice is read again after each round of locks until it
   * names no person left unlocked. A later round may lock ids below ones
   * already held; two transactions that end up waiting on each other that
   * way are a deadlock PostgreSQL breaks by failing one (40P01), which the
   * caller retries.
   */
  async lockSlice(manager: EntityManager, keys: readonly string[]): Promise<ClusterSlice> {
    const locked = new Set<string>();
    for (;;) {
      const slice = await this.loadSlice(manager, keys);
      const open = slice.persons.map((p) => p.id).filter((id) => !locked.has(id));
      if (open.length === 0) return slice;
      await this.lockPersons(manager, open);
      for (const id of open) locked.add(id);
    }
  }

  /** Row locks on these persons, in id order, until the transaction ends. */
  async lockPersons(manager: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await manager.query('SELECT id FROM person WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [
      [...new Set(ids)],
    ]);
  }

  /**
   * The persons holding any of `keys` (with all their records and edges) and
   * every cannot-link pair touching one of their records or one of `keys`.
   */
  async loadSlice(manager: EntityManager, keys: readonly string[]): Promise<ClusterSlice> {
    const unique = [...new Set(keys)];
    const memberRows = (await manager.query(
      `SELECT r.person_id, r.key, p.sequence::text AS sequence, p.split_from
         FROM identity_record r
         JOIN person p ON p.id = r.person_id
        WHERE r.person_id IN (SELECT DISTINCT person_id FROM identity_record WHERE key = ANY($1::text[]))
        ORDER BY r.person_id, r.seq`,
      [unique],
    )) as { person_id: string; key: string; sequence: string; split_from: string | null }[];

    const persons = new Map<string, ClusterSlice['persons'][number]>();
    const recordKeys = new Set<string>();
    for (const row of memberRows) {
      let person = persons.get(row.person_id);
      if (!person) {
        person = {
          id: row.person_id,
          sequence: Number(row.sequence),
          records: [],
          edges: [],
          splitFrom: row.split_from,
        };
        persons.set(row.person_id, person);
      }
      person.records.push(row.key);
      recordKeys.add(row.key);
    }

    if (persons.size > 0) {
      const edgeRows = (await manager.query(
        `SELECT person_id, a_key, b_key, reason FROM person_link
          WHERE person_id = ANY($1::uuid[]) ORDER BY person_id, id`,
        [[...persons.keys()]],
      )) as { person_id: string; a_key: string; b_key: string; reason: string }[];
      for (const row of edgeRows) {
        persons.get(row.person_id)?.edges.push({ a: row.a_key, b: row.b_key, reason: row.reason });
      }
    }

    const touching = [...new Set([...unique, ...recordKeys])];
    const cannotRows = (await manager.query(
      `SELECT a_key, b_key FROM cannot_link
        WHERE a_key = ANY($1::text[]) OR b_key = ANY($1::text[])`,
      [touching],
    )) as { a_key: string; b_key: string }[];

    const [next] = (await manager.query(
      'SELECT (coalesce(max(sequence), -1) + 1)::text AS next FROM person',
    )) as { next: string }[];

    return {
      persons: [...persons.values()].sort((x, y) => x.sequence - y.sequence),
      cannotLinks: cannotRows.map((r): [string, string] => [r.a_key, r.b_key]),
      nextSequence: Number(next?.next ?? 0),
      recordKeys,
    };
  }

  /**
   * Inserts the persons a batch created, in their final state (a person may
   * be created and merged by the same batch). Run before the batch's records
   * are stored: they refer to their persons. Their stored sequence comes from
   * `person_sequence_number`, in the order of the batch's own: concurrent batches
   * never hand out the same one, and a later person still has a larger one.
   */
  async insertCreatedPersons(
    manager: EntityManager,
    state: ClusterState,
    changes: readonly PersonChange[],
  ): Promise<void> {
    const created = changes
      .filter((c) => c.kind === 'CREATED')
      .map((c) => state.person(c.personId))
      .flatMap((p) => (p ? [p] : []))
      .sort((x, y) => x.sequence - y.sequence);
    if (created.length === 0) return;
    await manager.query(
      `INSERT INTO person (id, sequence, status, merged_into, split_from)
       SELECT id, nextval('person_sequence_number'), status, merged_into, split_from
         FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::uuid[], $5::uuid[])
              AS p(id, sequence, status, merged_into, split_from)
        ORDER BY p.sequence`,
      [
        created.map((p) => p.id),
        created.map((p) => String(p.sequence)),
        created.map((p) => p.status),
        created.map((p) => p.mergedInto),
        created.map((p) => p.splitFrom),
      ],
    );
  }

  /**
   * Writes what the batch changed on persons that existed before it: which
   * person each moved record now belongs to, each person's status and
   * lineage, the edges that moved with their records, and the batch's new
   * links. Run after the batch's records and decisions are stored.
   */
  async persistChanges(
    manager: EntityManager,
    state: ClusterState,
    changes: readonly PersonChange[],
    links: readonly NewLink[],
  ): Promise<void> {
    const created = new Set(changes.filter((c) => c.kind === 'CREATED').map((c) => c.personId));
    const touched = new Set<string>();
    const moved = new Set<string>();
    for (const change of changes) {
      if (change.kind === 'CREATED') continue;
      if (!created.has(change.personId)) touched.add(change.personId);
      for (const key of change.records) moved.add(key);
    }

    if (moved.size > 0) {
      const keys = [...moved];
      await manager.query(
        `UPDATE identity_record r SET person_id = m.person_id
           FROM unnest($1::text[], $2::uuid[]) AS m(key, person_id)
          WHERE r.key = m.key AND r.person_id <> m.person_id`,
        [keys, keys.map((k) => state.personOf(k) as string)],
      );
    }

    if (touched.size > 0) {
      const persons = [...touched].map((id) => state.person(id)).flatMap((p) => (p ? [p] : []));
      await manager.query(
        `UPDATE person p
            SET status = m.status, merged_into = m.merged_into,
                updated_at = now(), version = p.version + 1
           FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS m(id, status, merged_into)
          WHERE p.id = m.id`,
        [persons.map((p) => p.id), persons.map((p) => p.status), persons.map((p) => p.mergedInto)],
      );
      // An edge belongs to the person holding its records: merges (and splits) move edges.
      await manager.query(
        `UPDATE person_link l SET person_id = r.person_id
           FROM identity_record r
          WHERE l.a_key = r.key AND l.person_id = ANY($1::uuid[]) AND l.person_id <> r.person_id`,
        [[...touched]],
      );
    }

    if (links.length > 0) {
      await manager.query(
        `INSERT INTO person_link (person_id, a_key, b_key, reason, decision_id)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[])`,
        [
          links.map((l) => state.personOf(l.a) as string),
          links.map((l) => l.a),
          links.map((l) => l.b),
          links.map((l) => l.reason),
          links.map((l) => l.decisionId),
        ],
      );
    }
  }

  /** Records two keys as never to be linked (idempotent; stored smaller key first). */
  async addCannotLinks(
    manager: EntityManager,
    pairs: readonly { a: string; b: string; reason: string }[],
  ): Promise<void> {
    const ordered = pairs
      .filter((p) => p.a !== p.b)
      .map((p) => (p.a < p.b ? p : { ...p, a: p.b, b: p.a }));
    if (ordered.length === 0) return;
    await manager.query(
      `INSERT INTO cannot_link (a_key, b_key, reason)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
      [ordered.map((p) => p.a), ordered.map((p) => p.b), ordered.map((p) => p.reason)],
    );
  }
}
