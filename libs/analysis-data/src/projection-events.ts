import { ANALYSIS_SOURCE_TOPICS, type AnalysisSource } from '@mosaic/analysis-model';

/**
 * The identity service's person topic as the analysis read model reads it.
 * The contract is schema/events/identity.person.v1.json (validated on consume);
 * the type is restated here because the analysis scope does not depend on
 * identity's libraries.
 */
export const PERSON_TOPIC = 'identity.person.v1';

/** Every topic the projection consumes: the three source topics and the person topic. */
export const READ_MODEL_TOPICS: readonly string[] = [
  ...Object.values(ANALYSIS_SOURCE_TOPICS),
  PERSON_TOPIC,
];

export type PersonChangeKind =
  'CREATED' | 'RECORDS_ADDED' | 'MERGED' | 'SPLIT' | 'SUSPENDED' | 'RESTORED' | 'RECORDS_REMOVED';

/** Changes about some of a person's records that must name at least one. */
export const RECORD_STATE_CHANGES: readonly PersonChangeKind[] = [
  'SUSPENDED',
  'RESTORED',
  'RECORDS_REMOVED',
];

/** The payload of `identity.person.v1`: one change to one person, in commit order per person. */
export interface PersonChange {
  personId: string;
  change: PersonChangeKind;
  /**
   * CREATED: its records; RECORDS_ADDED: the records it gained; MERGED / SPLIT: the records it
   * lost; SUSPENDED: records whose link to it is disputed (they count for nothing meanwhile);
   * RESTORED: records whose dispute was rejected (they count again); RECORDS_REMOVED: records
   * purged by retention.
   */
  records: { source: AnalysisSource; recordId: string }[];
  /** MERGED: the person it now lives on. */
  mergedInto: string | null;
  /** CREATED by a split: the person it was split from. */
  splitFrom: string | null;
  /** SPLIT: the persons created from it. */
  into: string[];
  modelVersion: string;
  thresholdVersion: string;
}

export type ReadModelPersonStatus = 'ACTIVE' | 'MERGED' | 'SPLIT';

/**
 * Told after a read-model transaction commits which persons' records,
 * identifiers or status it changed, e.g. to re-index their search documents.
 * A listener that throws makes the projection retry the batch, which then
 * notifies the same persons again: a listener must be idempotent.
 */
export interface ReadModelListener {
  personsChanged(personIds: readonly string[]): Promise<void>;
}
