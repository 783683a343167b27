import type { Modality } from '@mosaic/resolution';
import type { EntityManager } from 'typeorm';
import { DISPUTES_OF_PERSON_SQL } from './dispute.repository';
import type { DisputeStateKind } from './entities/dispute.entity';
import type { LinkDecisionEntity } from './entities/link-decision.entity';
import type { PersonStatus } from './entities/person.entity';
import type { StoredBiographic } from './record-codec';
import {
  CURRENT_LINK_REQUEST_SQL,
  verificationRequestRow,
  type VerificationRequestRow,
} from './verification.repository';

/** An attribute value of a person contested by a dispute that is open or was upheld. */
export interface AttributeDisputeMark {
  disputeId: string;
  kind: string;
  value: string;
  state: Exclude<DisputeStateKind, 'REJECTED'>;
}

/** A person row as the profile reads it. */
export interface PersonRow {
  id: string;
  status: PersonStatus;
  mergedInto: string | null;
  splitFrom: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** An open dispute concerns the person (DISPUTES_OF_PERSON_SQL). */
  underDispute: boolean;
  /** Attribute values contested by disputes that are open or were upheld. */
  attributeDisputes: AttributeDisputeMark[];
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
  /** The record's link to the person is under an open dispute: it counts for nothing meanwhile. */
  suspended: boolean;
}

/** One edge holding a person together, with the decision that made it and its verification. */
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
  /** The verification request that speaks for the link now (none: never asked). */
  verification: VerificationRequestRow | null;
  /** One of its records' link is under an open dispute: the link counts for nothing meanwhile. */
  suspended: boolean;
}

export interface LineageRow {
  id: string;
  mergedInto: string | null;
  splitFrom: string | null;
}

const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

/** Whether the link of the record `key` (an SQL expression) is under an open dispute. */
const suspendedSql = (key: string) =>
  `EXISTS (SELECT 1 FROM dispute d WHERE d.target = 'LINK' AND d.state = 'OPEN' AND d.record_key = ${key})`;

/**
 * The read side of a person profile. Every method takes a batch of persons
 * (a request's DataLoader collects them) and costs one query, whatever the
 * batch size: a profile page is a handful of queries, never one per record.
 */
export class PersonProfileRepository {
  constructor(private readonly manager: EntityManager) {}

  async persons(ids: readonly string[]): Promise<PersonRow[]> {
    const rows = (await this.manager.query(
      `SELECT p.id, p.status, p.merged_into, p.split_from, p.created_at, p.updated_at, p.version,
              EXISTS (SELECT 1 FROM dispute o
                       WHERE o.state = 'OPEN' AND o.id IN (${DISPUTES_OF_PERSON_SQL})) AS under_dispute,
              (SELECT json_agg(json_build_object('disputeId', a.id, 'kind', a.attribute_kind,
                                                 'value', a.attribute_value, 'state', a.state)
                               ORDER BY a.id)
                 FROM dispute a
                WHERE a.target = 'ATTRIBUTE' AND a.state <> 'REJECTED'
                  AND a.id IN (${DISPUTES_OF_PERSON_SQL})) AS attribute_disputes
         FROM person p WHERE p.id = ANY($1::uuid[])`,
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
      underDispute: r['under_dispute'] === true,
      attributeDisputes: ((typeof r['attribute_disputes'] === 'string'
        ? JSON.parse(r['attribute_disputes'])
        : r['attribute_disputes']) ?? []) as AttributeDisputeMark[],
    }));
  }

  /**
   * The person each record key belongs to, and whether its link to that
   * person is under an open dispute (keys not resolved yet are absent).
   */
  async recordPlacements(
    keys: readonly string[],
  ): Promise<Map<string, { personId: string; suspended: boolean }>> {
    const rows = (await this.manager.query(
      `SELECT r.key, r.person_id, ${suspendedSql('r.key')} AS suspended
         FROM identity_record r WHERE r.key = ANY($1::text[])`,
      [[...keys]],
    )) as { key: string; person_id: string; suspended: boolean }[];
    return new Map(
      rows.map((r) => [r.key, { personId: r.person_id, suspended: r.suspended === true }]),
    );
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
      `SELECT r.key, r.person_id, r.source, r.record_id, r.observed_at, r.resolved_at, r.biographic,
              r.face_quality, r.fingers IS NOT NULL AS has_fingers, r.flags,
              ${suspendedSql('r.key')} AS suspended
         FROM identity_record r WHERE r.person_id = ANY($1::uuid[])
        ORDER BY r.person_id, r.seq`,
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
      suspended: r['suspended'] === true,
    }));
  }

  async links(personIds: readonly string[]): Promise<PersonLinkRow[]> {
    const rows = (await this.manager.query(
      `SELECT l.id AS link_id, l.person_id, l.a_key, l.b_key, l.reason, l.created_at AS linked_at,
              d.id, d.outcome, d.llr, d.biometric_llr, d.probability, d.profile, d.thresholds,
              d.contributions, d.biometrics, d.flags, d.model_version, d.threshold_version,
              d.created_at AS decided_at,
              (${suspendedSql('l.a_key')} OR ${suspendedSql('l.b_key')}) AS suspended,
              (SELECT row_to_json(v) FROM (${CURRENT_LINK_REQUEST_SQL}) v) AS verification
         FROM person_link l
         LEFT JOIN link_decision d ON d.id = l.decision_id
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
      verification:
        r['verification'] === null || r['verification'] === undefined
          ? null
          : verificationRequestRow(
              (typeof r['verification'] === 'string'
                ? JSON.parse(r['verification'])
                : r['verification']) as Record<string, unknown>,
            ),
      suspended: r['suspended'] === true,
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
