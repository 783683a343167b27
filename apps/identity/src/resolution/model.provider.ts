import { Inject, Injectable, Optional } from '@nestjs/common';
import { ResolutionModelRepository } from '@mosaic/identity-data';
import type { ResolutionModel } from '@mosaic/resolution';
import { SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { MODEL_ACTIVATION_LOCK } from './resolution-lock';
import { MODEL_BOOTSTRAP } from './resolution.tokens';

/** Where the resolver's model comes from. */
export interface ModelProvider {
  /** Makes sure an active model exists (boot); throws NoResolutionModelError when none can be had. */
  ready(): Promise<void>;
  /** The active model, read in the batch's transaction so every worker resolves with the same one. */
  current(manager: EntityManager): Promise<ResolutionModel>;
}

/**
 * Trains the model the service starts with when its database holds none: a
 * calibration on synthetic data, replaced once a model trained on real
 * evaluation data is stored and activated.
 */
export type ModelBootstrap = () => ResolutionModel | Promise<ResolutionModel>;

export class NoResolutionModelError extends Error {
  readonly code = 'NO_RESOLUTION_MODEL';
  constructor() {
    super(
      'The identity database holds no active resolution model and no bootstrap model is configured: ' +
        'store a trained model in resolution_model with active = true, or provide MODEL_BOOTSTRAP',
    );
    this.name = 'NoResolutionModelError';
  }
}

/** The active row of `resolution_model`; the bootstrap model is stored and activated when there is none. */
@Injectable()
export class StoredModelProvider implements ModelProvider {
  private readonly models = new ResolutionModelRepository();
  private cached: ResolutionModel | null = null;

  constructor(
    @Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource,
    @Optional() @Inject(MODEL_BOOTSTRAP) private readonly bootstrap?: ModelBootstrap | null,
  ) {}

  async ready(): Promise<void> {
    if ((await this.models.activeVersion(this.dataSource.manager)) !== null) return;
    if (!this.bootstrap) throw new NoResolutionModelError();
    // Trained outside the lock: it takes seconds, and workers booting together train the same model.
    const model = await this.bootstrap();
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [MODEL_ACTIVATION_LOCK]);
      if ((await this.models.activeVersion(manager)) === null) {
        await this.models.activate(manager, model);
      }
    });
  }

  async current(manager: EntityManager): Promise<ResolutionModel> {
    const version = await this.models.activeVersion(manager);
    if (version === null) throw new NoResolutionModelError();
    if (this.cached?.version !== version) {
      this.cached = await this.models.find(manager, version);
      if (!this.cached) throw new NoResolutionModelError();
    }
    return this.cached;
  }
}
