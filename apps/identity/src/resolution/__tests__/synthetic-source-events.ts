import { createEnvelope, type EventEnvelope } from '@mosaic/event-bus';
import { recordKey, SOURCE_TOPICS } from '@mosaic/resolution';
import { generateBlocks, resolveSynthOptions } from '@mosaic/synth';

/** Source events as the three sources publish them, with the true person of each record. */
export interface SyntheticSourceEvents {
  byTopic: Map<string, EventEnvelope[]>;
  /** Record key → true person id. */
  truth: Map<string, string>;
  /** Record keys whose record carries a face capture, with its quality. */
  faceQuality: Map<string, number>;
  count: number;
}

/**
 * A synthetic population's travel encounters, seizure subjects and fingerprint
 * enrollments as `travel.encounter.v1`, `seizure.subject.v1` and
 * `fingerprint.enrollment.v1` events (the payload shapes the sources publish).
 * `idPrefix` makes record ids unique to one run on shared topics.
 */
export function syntheticSourceEvents(options: {
  persons: number;
  seed: number;
  idPrefix?: string;
  /** Synth option overrides, e.g. `{ 'population.networkRate': '0.2' }`. */
  overrides?: Record<string, string>;
}): SyntheticSourceEvents {
  const prefix = options.idPrefix ?? '';
  const byTopic = new Map<string, EventEnvelope[]>(
    Object.values(SOURCE_TOPICS).map((t) => [t, []]),
  );
  const truth = new Map<string, string>();
  const faceQuality = new Map<string, number>();
  const add = (
    topic: string,
    source: 'travel' | 'seizure' | 'fingerprint',
    recordId: string,
    payload: { face: { quality: number } | null } & Record<string, unknown>,
  ) => {
    (byTopic.get(topic) as EventEnvelope[]).push(
      createEnvelope({ type: `${source}.recorded`, source, key: recordId, payload }),
    );
    if (payload.face) faceQuality.set(recordKey(source, recordId), payload.face.quality);
  };
  const synth = resolveSynthOptions(
    { persons: options.persons, seed: options.seed },
    options.overrides,
  );
  for (const block of generateBlocks(synth)) {
    for (const t of block.truthRecords) {
      truth.set(recordKey(t.source, `${prefix}${t.recordId}`), t.personId);
    }
    for (const r of block.travel) {
      const recordId = `${prefix}${r.recordId}`;
      add(SOURCE_TOPICS.travel, 'travel', recordId, { ...r, recordId });
    }
    for (const c of block.seizure) {
      for (const s of c.subjects) {
        const subjectId = `${prefix}${s.subjectId}`;
        add(SOURCE_TOPICS.seizure, 'seizure', subjectId, {
          ...s,
          subjectId,
          caseId: `${prefix}${c.recordId}`,
          caseNumber: c.caseNumber,
          openedAt: c.openedAt,
          coSubjectIds: c.subjects
            .filter((o) => o.subjectId !== s.subjectId)
            .map((o) => `${prefix}${o.subjectId}`),
        });
      }
    }
    for (const e of block.fingerprint) {
      const recordId = `${prefix}${e.recordId}`;
      add(SOURCE_TOPICS.fingerprint, 'fingerprint', recordId, { ...e, recordId });
    }
  }
  const count = [...byTopic.values()].reduce((n, list) => n + list.length, 0);
  return { byTopic, truth, faceQuality, count };
}
