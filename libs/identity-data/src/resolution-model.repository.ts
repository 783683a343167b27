import type { ResolutionModel } from '@mosaic/resolution';
import type { EntityManager } from 'typeorm';

/**
 * Resolution models by version. At most one is active (a partial unique index
 * holds that); older versions stay, since stored decisions name the model
 * they were made with.
 */
export class ResolutionModelRepository {
  async activeVersion(manager: EntityManager): Promise<string | null> {
    const [row] = (await manager.query('SELECT version FROM resolution_model WHERE active')) as {
      version: string;
    }[];
    return row?.version ?? null;
  }

  async find(manager: EntityManager, version: string): Promise<ResolutionModel | null> {
    const [row] = (await manager.query('SELECT model FROM resolution_model WHERE version = $1', [
      version,
    ])) as { model: ResolutionModel }[];
    return row?.model ?? null;
  }

  /** Stores a model (a version stored before is kept as it is) and makes it the active one. */
  async activate(manager: EntityManager, model: ResolutionModel): Promise<void> {
    await manager.query(
      `INSERT INTO resolution_model (version, model) VALUES ($1, $2::jsonb)
       ON CONFLICT (version) DO NOTHING`,
      [model.version, JSON.stringify(model)],
    );
    await manager.query(
      'UPDATE resolution_model SET active = false WHERE active AND version <> $1',
      [model.version],
    );
    await manager.query('UPDATE resolution_model SET active = true WHERE version = $1', [
      model.version,
    ]);
  }
}
