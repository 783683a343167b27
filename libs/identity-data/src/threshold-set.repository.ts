import type { ThresholdSet } from '@mosaic/resolution';
import type { EntityManager } from 'typeorm';

/**
 * Threshold sets by version, each for one model and one gallery size. At most
 * one is active; older sets stay, since stored decisions name the set they
 * were made with.
 */
export class ThresholdSetRepository {
  async active(manager: EntityManager): Promise<ThresholdSet | null> {
    const [row] = (await manager.query(
      `SELECT version, model_version, policy, per_comparison_fmr, profiles
         FROM threshold_set WHERE active`,
    )) as {
      version: string;
      model_version: string;
      policy: ThresholdSet['policy'];
      per_comparison_fmr: ThresholdSet['perComparisonFmr'];
      profiles: ThresholdSet['profiles'];
    }[];
    return row
      ? {
          version: row.version,
          modelVersion: row.model_version,
          policy: row.policy,
          perComparisonFmr: row.per_comparison_fmr,
          profiles: row.profiles,
        }
      : null;
  }

  async activeVersion(manager: EntityManager): Promise<string | null> {
    const [row] = (await manager.query('SELECT version FROM threshold_set WHERE active')) as {
      version: string;
    }[];
    return row?.version ?? null;
  }

  /** Stores a threshold set (its model must be stored) and makes it the active one. */
  async activate(manager: EntityManager, set: ThresholdSet): Promise<void> {
    await manager.query(
      `INSERT INTO threshold_set (version, model_version, gallery_size, policy, per_comparison_fmr, profiles)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb)
       ON CONFLICT (version) DO NOTHING`,
      [
        set.version,
        set.modelVersion,
        String(set.policy.gallerySize),
        JSON.stringify(set.policy),
        JSON.stringify(set.perComparisonFmr),
        JSON.stringify(set.profiles),
      ],
    );
    await manager.query('UPDATE threshold_set SET active = false WHERE active AND version <> $1', [
      set.version,
    ]);
    await manager.query('UPDATE threshold_set SET active = true WHERE version = $1', [set.version]);
  }
}
