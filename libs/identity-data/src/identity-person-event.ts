import type { OutboxEvent } from '@mosaic/outbox';
import type { PersonChange } from '@mosaic/resolution';
import { z } from 'zod';

export const IDENTITY_PERSON_TOPIC = 'identity.person.v1';
export const IDENTITY_PERSON_EVENT = 'identity.person.changed';

const personId = z.uuid();
const versionString = z.string().min(1).max(100);

/** What happened to the person. */
export const IDENTITY_PERSON_CHANGES = [
  'CREATED',
  'RECORDS_ADDED',
  'MERGED',
  'SPLIT',
  'SUSPENDED',
  'RESTORED',
  'RECORDS_REMOVED',
] as const;
export type IdentityPersonChange = (typeof IDENTITY_PERSON_CHANGES)[number];

/** Changes that say something about some of a person's records without moving them. */
export type RecordStateChange = Extract<
  IdentityPersonChange,
  'SUSPENDED' | 'RESTORED' | 'RECORDS_REMOVED'
>;

/**
 * The payload of `identity.person.v1` (key: personId): one change to one
 * person, in commit order per person. Replaying a person's events gives its
 * records; merged and split persons keep their lineage (`mergedInto`,
 * `splitFrom`, `into`). Every field is always present, null or empty when the
 * change does not use it, so consumers need no per-change shapes.
 *
 * SUSPENDED: the link of these records to the person is disputed; they stay
 * on it but count for nothing (profiles, link analysis, search) until the
 * dispute is resolved. RESTORED: the dispute was rejected, they count again.
 * RECORDS_REMOVED: the records were purged (retention) and are gone.
 */
export const identityPersonEventSchema = z
  .object({
    personId,
    change: z.enum(IDENTITY_PERSON_CHANGES),
    /**
     * CREATED: its records; RECORDS_ADDED: the records it gained; MERGED / SPLIT: the records it
     * lost; SUSPENDED / RESTORED / RECORDS_REMOVED: the records concerned.
     */
    records: z.array(
      z
        .object({
          source: z.enum(['travel', 'seizure', 'fingerprint']),
          recordId: z.string().min(1).max(64),
        })
        .strict(),
    ),
    /** MERGED: the person it now lives on. */
    mergedInto: personId.nullable(),
    /** CREATED by a split: the person it was split from. */
    splitFrom: personId.nullable(),
    /** SPLIT: the persons created from it. */
    into: z.array(personId),
    modelVersion: versionString,
    thresholdVersion: versionString,
  })
  .strict();

export type IdentityPersonEvent = z.output<typeof identityPersonEventSchema>;

function recordRef(key: string): IdentityPersonEvent['records'][number] {
  const at = key.indexOf(':');
  return {
    source: key.slice(0, at) as IdentityPersonEvent['records'][number]['source'],
    recordId: key.slice(at + 1),
  };
}

/** One `identity.person.v1` event per change, in the order the changes happened. */
export function personChangeEvents(
  changes: readonly PersonChange[],
  versions: { modelVersion: string; thresholdVersion: string },
): OutboxEvent[] {
  return changes.map((change) => {
    const payload: IdentityPersonEvent = {
      personId: change.personId,
      change: change.kind,
      records: change.records.map(recordRef),
      mergedInto: change.kind === 'MERGED' ? change.mergedInto : null,
      splitFrom: change.kind === 'CREATED' ? change.splitFrom : null,
      into: change.kind === 'SPLIT' ? change.into : [],
      ...versions,
    };
    return {
      topic: IDENTITY_PERSON_TOPIC,
      type: IDENTITY_PERSON_EVENT,
      source: 'identity',
      key: change.personId,
      payload,
    };
  });
}

/**
 * One `identity.person.v1` event saying something about some of a person's
 * records without moving them: SUSPENDED / RESTORED (a disputed link), or
 * RECORDS_REMOVED (purged by retention).
 */
export function recordStateEvent(
  change: RecordStateChange,
  personId: string,
  recordKeys: readonly string[],
  versions: { modelVersion: string; thresholdVersion: string },
): OutboxEvent {
  if (recordKeys.length === 0) throw new Error(`a ${change} event must name its records`);
  const payload: IdentityPersonEvent = {
    personId,
    change,
    records: recordKeys.map(recordRef),
    mergedInto: null,
    splitFrom: null,
    into: [],
    ...versions,
  };
  return {
    topic: IDENTITY_PERSON_TOPIC,
    type: IDENTITY_PERSON_EVENT,
    source: 'identity',
    key: personId,
    payload,
  };
}
