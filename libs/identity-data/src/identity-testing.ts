import type { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { StoredBiographic } from './record-codec';

/**
 * Test support for the identity database: a resolved person written straight
 * into its tables (records, links and the decisions behind them), for suites
 * about what is done with persons rather than how they are resolved.
 */

type Session = DataSource | EntityManager;

export const TEST_MODEL_VERSION = 'test-model';
export const TEST_THRESHOLD_VERSION = 'test-thresholds';

export interface SeededRecord {
  source: 'travel' | 'seizure' | 'fingerprint';
  recordId: string;
  biographic?: Partial<Omit<StoredBiographic, 'key' | 'source' | 'recordId'>>;
}

export interface SeededPerson {
  personId: string;
  /** Record keys in resolution order. */
  recordKeys: string[];
  /** The decision behind each link, in the order of `links`. */
  decisionIds: string[];
}

/** An active model and threshold set, as the first resolved batch leaves them. */
export async function seedResolutionVersions(db: Session): Promise<void> {
  await db.query(
    `INSERT INTO resolution_model (version, model, active) VALUES ($1, '{}'::jsonb, true)
     ON CONFLICT DO NOTHING`,
    [TEST_MODEL_VERSION],
  );
  await db.query(
    `INSERT INTO threshold_set (version, model_version, gallery_size, policy, per_comparison_fmr, profiles, active)
     VALUES ($1, $2, 1000, '{}'::jsonb, '{"autoLink": 1e-9, "review": 1e-7}'::jsonb, '{}'::jsonb, true)
     ON CONFLICT DO NOTHING`,
    [TEST_THRESHOLD_VERSION, TEST_MODEL_VERSION],
  );
}

/**
 * A person holding `records`, tied together by AUTO_LINK decisions: `links`
 * as pairs of record indexes (default: a chain, each record to the next).
 */
export async function seedResolvedPerson(
  db: Session,
  options: { records: readonly SeededRecord[]; links?: readonly [number, number][] },
): Promise<SeededPerson> {
  await seedResolutionVersions(db);
  const personId = uuidv7();
  await db.query(
    `INSERT INTO person (id, sequence) VALUES ($1, nextval('person_sequence_number'))`,
    [personId],
  );
  const recordKeys: string[] = [];
  for (const [i, r] of options.records.entries()) {
    const key = `${r.source}:${r.recordId}`;
    const observedAt = new Date(Date.UTC(2025, 0, 1 + i)).toISOString();
    const biographic: StoredBiographic = {
      key,
      source: r.source,
      recordId: r.recordId,
      observedAt,
      givenNames: 'Ana',
      surname: 'Silva',
      dateOfBirth: '1990-04-12',
      sex: 'F',
      nationality: 'PRT',
      documents: [],
      phones: [],
      addresses: [],
      vehicles: [],
      ...r.biographic,
    };
    await db.query(
      `INSERT INTO identity_record (key, source, record_id, person_id, observed_at, biographic, event_id)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
      [key, r.source, r.recordId, personId, observedAt, JSON.stringify(biographic), uuidv7()],
    );
    recordKeys.push(key);
  }
  const links = options.links ?? recordKeys.slice(1).map((_, i): [number, number] => [i, i + 1]);
  const decisionIds: string[] = [];
  for (const [a, b] of links) {
    const [aKey, bKey] = [recordKeys[a] as string, recordKeys[b] as string].sort();
    const decisionId = uuidv7();
    await db.query(
      `INSERT INTO link_decision (id, a_key, b_key, outcome, llr, biometric_llr, probability, profile,
                                  thresholds, contributions, biometrics, model_version, threshold_version)
       VALUES ($1, $2, $3, 'AUTO_LINK', 18.5, 15.2, 0.9999, 'face',
               '{"autoLink": 12, "review": 6, "biometric": 9}'::jsonb,
               '[{"kind": "BIOMETRIC", "name": "face", "detail": "0.91", "weight": 15.2}]'::jsonb,
               '[{"modality": "FACE", "score": 0.91, "llr": 15.2}]'::jsonb, $4, $5)`,
      [decisionId, aKey, bKey, TEST_MODEL_VERSION, TEST_THRESHOLD_VERSION],
    );
    await db.query(
      `INSERT INTO person_link (person_id, a_key, b_key, reason, decision_id)
       VALUES ($1, $2, $3, 'AUTO_LINK', $4)`,
      [personId, aKey, bKey, decisionId],
    );
    decisionIds.push(decisionId);
  }
  return { personId, recordKeys, decisionIds };
}
