import type { Modality } from '@mosaic/resolution';
import type { EntityManager } from 'typeorm';
import type { PersonStatus } from './entities/person.entity';
import type { ReviewState } from './entities/review-item.entity';
import type { LinkDecisionEntity } from './entities/link-decision.entity';
import type { StoredBiographic } from './record-codec';

/** A person row as the profile reads it. */
export interface PersonRow {
  id: string;
  status: PersonStatus;
  mergedInto: string | null;
  splitFrom: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** A record of a person without its templates: what it says and which captures it had. */
export interface PersonRecordRow {
  key: string;
  personId: string;
  source: 'travel' | 'seizure' | 'fingerprint';
  recordId: string;
  observedAt: Date;
  resolvedAt: Date;
  biographic: StoredBiographic;
  faceQuality: number | null;
  hasFingers: boolean;
  flags: string[];
}

/** One edge holding a person together, with the decision that made it and that decision's review. */
export interface PersonLinkRow {
  linkId: string;
  personId: string;
  aKey: string;
  bKey: string;
  reason: string;
  linkedAt: Date;
  decision: Pick<
    LinkDecisionEntity,
    | 'id'
    | 'outcome'
    | 'llr'
    | 'biometricLlr'
    | 'probability'
    | 'profile'
    | 'thresholds'
    | 'contributions'
    | 'biometrics'
    | 'flags'
    | 'modelVersion'
    | 'thresholdVersion'
    | 'createdAt'
  > | null;
  review: {
    state: ReviewState;
    firstReviewer: string | null;
    firstDecision: string | null;
    firstAt: Date | null;
    secondReviewer: string | null;
    secondDecision: string | null;
    secondAt: Date | null;
  } | null;
}

export interface LineageRow {
  id: string;
  mergedInto: string | null;
  splitFrom: string | null;
}

const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));

/**
 * The read side of a person profile. Every method takes a batch of persons
 * (a request's DataLoader collects them) and costs one query, whatever the
 * batch size: a profile page is a handful of queries, never one per record.
 */
export class PersonProfileRepository {
  constructor(private readonly manager: EntityManager) {}

  async persons(ids: readonly string[]): Promise<PersonRow[]> {
    const rows = (await this.manager.query(
      `SELECT id, status, merged_into, split_from, created_at, updated_at, version
         FROM person WHERE id = ANY($1::uuid[])`,
      [[...ids]],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r['id'] as string,
      status: r['status'] as PersonStatus,
      mergedInto: (r['merged_into'] as string | null) ?? null,
      splitFrom: (r['split_from'] as string | null) ?? null,
      createdAt: date(r['created_at']),
      updatedAt: date(r['updated_at']),
      version: Number(r['version']),
    }));
  }

  /** The person each record key belongs to (keys not resolved yet are absent). */
  async personIdsByRecord(keys: readonly string[]): Promise<Map<string, string>> {
    const rows = (await this.manager.query(
      'SELECT key, person_id FROM identity_record WHERE key = ANY($1::text[])',
      [[...keys]],
    )) as { key: string; person_id: string }[];
    return new Map(rows.map((r) => [r.key, r.person_id]));
  }

  async records(personIds: readonly string[]): Promise<PersonRecordRow[]> {
    const rows = (await this.manager.query(
      `SELECT key, person_id, source, record_id, observed_at, resolved_at, biographic,
              face_quality, fingers IS NOT NULL AS has_fingers, flags
         FROM identity_record WHERE person_id = ANY($1::uuid[])
        ORDER BY person_id, seq`,
      [[...personIds]],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      key: r['key'] as string,
      personId: r['person_id'] as string,
      source: r['source'] as PersonRecordRow['source'],
      recordId: r['record_id'] as string,
      observedAt: date(r['observed_at']),
      resolvedAt: date(r['resolved_at']),
      biographic: r['biographic'] as StoredBiographic,
      faceQuality: r['face_quality'] === null ? null : Number(r['face_quality']),
      hasFingers: r['has_fingers'] === true,
      flags: (r['flags'] as string[] | null) ?? [],
    }));
  }

  async links(personIds: readonly string[]): Promise<PersonLinkRow[]> {
    const rows = (await this.manager.query(
      `SELECT l.id AS link_id, l.person_id, l.a_key, l.b_key, l.reason, l.created_at AS linked_at,
              d.id, d.outcome, d.llr, d.biometric_llr, d.probability, d.profile, d.thresholds,
              d.contributions, d.biometrics, d.flags, d.model_version, d.threshold_version,
              d.created_at AS decided_at,
              r.state, r.first_reviewer, r.first_decision, r.first_at,
              r.second_reviewer, r.second_decision, r.second_at
         FROM person_link l
         LEFT JOIN link_decision d ON d.id = l.decision_id
         LEFT JOIN review_item r ON r.decision_id = l.decision_id
        WHERE l.person_id = ANY($1::uuid[])
        ORDER BY l.person_id, l.id`,
      [[...personIds]],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      linkId: String(r['link_id']),
      personId: r['person_id'] as string,
      aKey: r['a_key'] as string,
      bKey: r['b_key'] as string,
      reason: r['reason'] as string,
      linkedAt: date(r['linked_at']),
      decision:
        r['id'] === null
          ? null
          : {
              id: r['id'] as string,
              outcome: r['outcome'] as LinkDecisionEntity['outcome'],
              llr: Number(r['llr']),
              biometricLlr: Number(r['biometric_llr']),
              probability: Number(r['probability']),
              profile: r['profile'] as string,
              thresholds: r['thresholds'] as LinkDecisionEntity['thresholds'],
              contributions: r['contributions'] as LinkDecisionEntity['contributions'],
              biometrics: r['biometrics'] as LinkDecisionEntity['biometrics'],
              flags: (r['flags'] as string[] | null) ?? [],
              modelVersion: r['model_version'] as string,
              thresholdVersion: r['threshold_version'] as string,
              createdAt: date(r['decided_at']),
            },
      review:
        r['state'] === null || r['state'] === undefined
          ? null
          : {
              state: r['state'] as ReviewState,
              firstReviewer: (r['first_reviewer'] as string | null) ?? null,
              firstDecision: (r['first_decision'] as string | null) ?? null,
              firstAt: dateOrNull(r['first_at']),
              secondReviewer: (r['second_reviewer'] as string | null) ?? null,
              secondDecision: (r['second_decision'] as string | null) ?? null,
              secondAt: dateOrNull(r['second_at']),
            },
    }));
  }

  /** Persons merged into, or split from, any of these persons. */
  async lineage(personIds: readonly string[]): Promise<LineageRow[]> {
    const rows = (await this.manager.query(
      `SELECT id, merged_into, split_from FROM person
        WHERE merged_into = ANY($1::uuid[]) OR split_from = ANY($1::uuid[])
        ORDER BY sequence`,
      [[...personIds]],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r['id'] as string,
      mergedInto: (r['merged_into'] as string | null) ?? null,
      splitFrom: (r['split_from'] as string | null) ?? null,
    }));
  }

  /** Records holding a capture of the modality: the gallery an identification searches. */
  async gallerySize(modality: Modality): Promise<number> {
    const column = modality === 'FACE' ? 'face_quality' : 'fingers';
    const rows = (await this.manager.query(
      `SELECT count(*) AS n FROM identity_record WHERE ${column} IS NOT NULL`,
    )) as { n: string | number }[];
    return Number(rows[0]?.n ?? 0);
  }
}
