import { Inject, Injectable } from '@nestjs/common';
import { ThresholdSetRepository } from '@mosaic/identity-data';
import {
  computeThresholds,
  DEFAULT_THRESHOLD_POLICY,
  type CandidateIndex,
  type ResolutionModel,
  type ThresholdPolicy,
  type ThresholdSet,
} from '@mosaic/resolution';
import type { EntityManager } from 'typeorm';
import type { IdentityConfig } from '../config/identity.config';
import { THRESHOLD_ACTIVATION_LOCK } from './resolution-lock';
import { IDENTITY_CONFIG } from './resolution.tokens';

/**
 * The active threshold set, kept valid for the gallery: a set is computed for
 * max(configured gallery size, records indexed) and replaced by a new version
 * (old rows stay, decisions name them) when the model changed, the policy
 * changed, or the index has grown to twice the size the set was computed for.
 */
@Injectable()
export class ThresholdProvider {
  private readonly sets = new ThresholdSetRepository();
  private cached: ThresholdSet | null = null;

  constructor(@Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig) {}

  /**
   * Runs in the batch's transaction. Replacing the set takes the activation
   * lock and reads the active set again, so workers that find it stale at the
   * same moment activate one new version, not one each.
   */
  async current(
    manager: EntityManager,
    model: ResolutionModel,
    index: CandidateIndex,
  ): Promise<ThresholdSet> {
    const indexed = await index.size();
    await this.refresh(manager);
    if (this.valid(model, indexed)) return this.cached as ThresholdSet;
    await manager.query('SELECT pg_advisory_xact_lock($1)', [THRESHOLD_ACTIVATION_LOCK]);
    await this.refresh(manager);
    if (this.valid(model, indexed)) return this.cached as ThresholdSet;
    const next = computeThresholds(model, {
      ...this.rates(),
      gallerySize: Math.max(this.config.extra.MOSAIC_IDENTITY_GALLERY_SIZE, indexed),
    });
    await this.sets.activate(manager, next);
    this.cached = next;
    return next;
  }

  private async refresh(manager: EntityManager): Promise<void> {
    const version = await this.sets.activeVersion(manager);
    if (version === null) this.cached = null;
    else if (this.cached?.version !== version) this.cached = await this.sets.active(manager);
  }

  private rates(): Omit<ThresholdPolicy, 'gallerySize'> {
    const { extra } = this.config;
    return {
      ...DEFAULT_THRESHOLD_POLICY,
      autoLinkFmr: extra.MOSAIC_IDENTITY_AUTO_LINK_FMR,
      reviewFmr: extra.MOSAIC_IDENTITY_REVIEW_FMR,
    };
  }

  private valid(model: ResolutionModel, indexed: number): boolean {
    const set = this.cached;
    const rates = this.rates();
    return (
      set !== null &&
      set.modelVersion === model.version &&
      Object.entries(rates).every(
        ([name, rate]) => set.policy[name as keyof ThresholdPolicy] === rate,
      ) &&
      set.policy.gallerySize >= this.config.extra.MOSAIC_IDENTITY_GALLERY_SIZE &&
      indexed < 2 * set.policy.gallerySize
    );
  }
}
