import type { AnalysisRecord } from '@mosaic/analysis-model';
import type { DataSource, EntityManager } from 'typeorm';
import type { PersonChange } from './projection-events';
import {
  claimEvents,
  lockReadModel,
  personsOfRecords,
  removeRecords,
  syncRecordPersons,
  upsertMemberships,
  upsertPersons,
  upsertRecords,
  type MembershipToWrite,
  type PersonToWrite,
} from './projection-sql';

export interface ReadModelRecordEvent {
  eventId: string;
  topic: string;
  record: AnalysisRecord;
}

export interface ReadModelPersonEvent {
  eventId: string;
  topic: string;
  change: PersonChange;
}

/** An event that could not be projected: claimed as dead-lettered, never applied. */
export interface ReadModelRejectedEvent {
  eventId: string;
  topic: string;
}

export interface ReadModelBatch {
  records: readonly ReadModelRecordEvent[];
  persons: readonly ReadModelPersonEvent[];
  rejected?: readonly ReadModelRejectedEvent[];
}

export interface ReadModelBatchResult {
  /** Events applied by this batch. */
  applied: number;
  /** Events processed before (redelivered): nothing is applied again. */
  duplicates: number;
  /** Rejected events seen for the first time (lower-case ids): the caller dead-letters these. */
  freshRejected: ReadonlySet<string>;
  /** Persons whose records, identifiers or status this batch changed. */
  changedPersons: string[];
  /**
   * Persons the batch's redelivered events concern. A batch comes again when
   * it failed after its commit, e.g. in a listener, so the caller notifies
   * these too: the read model does not change, the search index catches up.
   */
  redeliveredPersons: string[];
}

export interface ReadModelWriteOptions {
  /** Runs inside the transaction before it commits (e.g. publishing dead letters). */
  beforeCommit?: (result: ReadModelBatchResult) => Promise<void>;
}

const personsNamedBy = (change: PersonChange): string[] => [
  change.personId,
  ...(change.mergedInto ? [change.mergedInto] : []),
  ...change.into,
];

/**
 * Applies one batch of source and `identity.person.v1` events to the analysis
 * read model in one transaction: records with their identifiers, persons with
 * their status, and each record's person; the events are claimed in the same
 * transaction, so a redelivered event changes nothing. Events may come in any
 * order across topics and persons (see projection-sql.ts for why the result
 * does not depend on it).
 */
export class ReadModelWriter {
  async write(
    dataSource: DataSource,
    batch: ReadModelBatch,
    options: ReadModelWriteOptions = {},
  ): Promise<ReadModelBatchResult> {
    return dataSource.transaction(async (manager) => {
      await lockReadModel(manager);
      const result = await this.apply(manager, batch);
      await options.beforeCommit?.(result);
      return result;
    });
  }

  /** The batch inside the caller's transaction (which must hold the read-model lock). */
  async apply(manager: EntityManager, batch: ReadModelBatch): Promise<ReadModelBatchResult> {
    const rejected = batch.rejected ?? [];
    const fresh = await claimEvents(manager, [
      ...batch.records.map((e) => ({ ...e, outcome: 'APPLIED' as const })),
      ...batch.persons.map((e) => ({ ...e, outcome: 'APPLIED' as const })),
      ...rejected.map((e) => ({ ...e, outcome: 'DEAD_LETTERED' as const })),
    ]);
    const isFresh = (e: { eventId: string }) => fresh.has(e.eventId.toLowerCase());
    const records = batch.records.filter(isFresh);
    const persons = batch.persons.filter(isFresh);
    const changed = new Set<string>();

    const recordPersons = await upsertRecords(
      manager,
      records.map((e) => ({ record: e.record, eventId: e.eventId })),
    );

    const personRows: PersonToWrite[] = [];
    const memberships: MembershipToWrite[] = [];
    const removals: { recordKey: string; eventId: string }[] = [];
    for (const { eventId, change } of persons) {
      personsNamedBy(change).forEach((id) => changed.add(id));
      const seen = (id: string): PersonToWrite => ({ id, status: 'ACTIVE', mergedInto: null });
      personRows.push(seen(change.personId), ...change.into.map(seen));
      if (change.splitFrom) personRows.push(seen(change.splitFrom));
      const keys = change.records.map((r) => `${r.source}:${r.recordId}`);
      const place = (personId: string, state?: MembershipToWrite['state']) =>
        keys.forEach((recordKey) =>
          memberships.push({ recordKey, personId, eventId, ...(state ? { state } : {}) }),
        );
      switch (change.change) {
        case 'CREATED':
          // A new person's records count for it: identity suspends them again, in a newer
          // event, should a dispute still stand against one.
          place(change.personId, 'ACTIVE');
          break;
        case 'RECORDS_ADDED':
          place(change.personId);
          break;
        case 'SUSPENDED':
          // Still on the person (its history), counting for nothing until the dispute is resolved.
          place(change.personId, 'SUSPENDED');
          break;
        case 'RESTORED':
          place(change.personId, 'ACTIVE');
          break;
        case 'RECORDS_REMOVED':
          keys.forEach((recordKey) => removals.push({ recordKey, eventId }));
          break;
        case 'MERGED':
          // Its records move with it; the survivor's RECORDS_ADDED (a newer event) says the same.
          if (change.mergedInto) {
            personRows.push(
              { id: change.personId, status: 'MERGED', mergedInto: change.mergedInto },
              seen(change.mergedInto),
            );
            place(change.mergedInto);
          }
          break;
        case 'SPLIT':
          // The split person keeps its id and its other records (identity leaves it ACTIVE); the
          // records it lost are placed by the CREATED events of the persons split from it.
          break;
      }
    }
    await upsertPersons(manager, personRows);
    // Removed first: nothing in this batch places a purged record again.
    for (const person of await removeRecords(manager, removals)) changed.add(person);
    const moved = await upsertMemberships(manager, memberships);
    for (const m of moved) {
      changed.add(m.personId);
      if (m.previous) changed.add(m.previous);
    }
    await syncRecordPersons(
      manager,
      moved.map((m) => m.recordKey),
    );
    for (const person of recordPersons.values()) if (person) changed.add(person);

    const redelivered = new Set<string>();
    const duplicates = {
      records: batch.records.filter((e) => !isFresh(e)),
      persons: batch.persons.filter((e) => !isFresh(e)),
    };
    for (const person of await personsOfRecords(
      manager,
      duplicates.records.map((e) => e.record.key),
    )) {
      redelivered.add(person);
    }
    for (const { change } of duplicates.persons) {
      personsNamedBy(change).forEach((id) => redelivered.add(id));
    }

    return {
      applied: records.length + persons.length,
      duplicates: duplicates.records.length + duplicates.persons.length,
      freshRejected: new Set(rejected.filter(isFresh).map((e) => e.eventId.toLowerCase())),
      changedPersons: [...changed],
      redeliveredPersons: [...redelivered],
    };
  }
}
