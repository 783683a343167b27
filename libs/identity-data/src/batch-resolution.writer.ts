import { appendToOutbox } from '@mosaic/outbox';
import type { BatchResolution, ClusterState, ResolutionRecord } from '@mosaic/resolution';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { ClusterRepository, type NewLink } from './cluster.repository';
import { DecisionRepository, isDecisionKept, type StoredDecision } from './decision.repository';
import { personChangeEvents } from './identity-person-event';
import type { PostgresRecordStore } from './postgres-record-store';

export interface BatchToWrite {
  state: ClusterState;
  resolution: BatchResolution;
  /** The records the resolver was given, with the event each came in. */
  records: readonly { record: ResolutionRecord; eventId: string }[];
  modelVersion: string;
  thresholdVersion: string;
}

export interface WrittenBatch {
  records: number;
  decisions: number;
  reviews: number;
  links: number;
  personEvents: number;
}

/**
 * Writes one resolved batch in the caller's transaction, in the order the
 * foreign keys need: new persons, records, decisions, moved records and
 * edges, new links, review items, and an `identity.person.v1` event per
 * change through the outbox.
 */
export class BatchResolutionWriter {
  constructor(
    private readonly clusters = new ClusterRepository(),
    private readonly decisions = new DecisionRepository(),
  ) {}

  async write(
    manager: EntityManager,
    store: PostgresRecordStore,
    batch: BatchToWrite,
  ): Promise<WrittenBatch> {
    const { state, resolution } = batch;
    await this.clusters.insertCreatedPersons(manager, state, resolution.changes);

    const eventOf = new Map<string, string>();
    const recordOf = new Map<string, ResolutionRecord>();
    for (const { record, eventId } of batch.records) {
      if (!eventOf.has(record.key)) eventOf.set(record.key, eventId);
      if (!recordOf.has(record.key)) recordOf.set(record.key, record);
    }
    await store.insert(
      resolution.records.map((r) => ({
        record: recordOf.get(r.key) as ResolutionRecord,
        personId: r.personId,
        flags: r.flags,
        eventId: eventOf.get(r.key) as string,
      })),
    );

    const blocked = new Set(resolution.blocked.map((b) => b.decision));
    const kept: StoredDecision[] = resolution.decisions
      .filter(isDecisionKept)
      .map((decision) => ({ id: uuidv7(), decision, blocked: blocked.has(decision) }));
    await this.decisions.insertDecisions(manager, kept);

    const links: NewLink[] = kept
      .filter((d) => d.decision.outcome === 'AUTO_LINK' && !d.blocked)
      .map((d) => ({ a: d.decision.a, b: d.decision.b, reason: 'AUTO_LINK', decisionId: d.id }));
    await this.clusters.persistChanges(manager, state, resolution.changes, links);
    const reviews = await this.decisions.queueReviews(manager, kept);

    const events = personChangeEvents(resolution.changes, {
      modelVersion: batch.modelVersion,
      thresholdVersion: batch.thresholdVersion,
    });
    await appendToOutbox(manager, events);
    return {
      records: resolution.records.length,
      decisions: kept.length,
      reviews,
      links: links.length,
      personEvents: events.length,
    };
  }
}
