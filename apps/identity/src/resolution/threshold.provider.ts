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

  /** Runs in the batch's transaction, under the resolution lock. */
  async current(
    manager: EntityManager,
    model: ResolutionModel,
    index: CandidateIndex,
  ): Promise<ThresholdSet> {
    const version = await this.sets.activeVersion(manager);
    if (version === null) this.cached = null;
    else if (this.cached?.version !== version) this.cached = await this.sets.active(manager);

    const { extra } = this.config;
    const rates: Omit<ThresholdPolicy, 'gallerySize'> = {
      ...DEFAULT_THRESHOLD_POLICY,
      autoLinkFmr: extra.MOSAIC_IDENTITY_AUTO_LINK_FMR,
      reviewFmr: extra.MOSAIC_IDENTITY_REVIEW_FMR,
    };
    const indexed = await index.size();
    const set = this.cached;
    const valid =
      set !== null &&
      set.modelVersion === model.version &&
      Object.entries(rates).every(
        ([name, rate]) => set.policy[name as keyof ThresholdPolicy] === rate,
      ) &&
      set.policy.gallerySize >= extra.MOSAIC_IDENTITY_GALLERY_SIZE &&
      indexed < 2 * set.policy.gallerySize;
    if (valid) return set;

    const next = computeThresholds(model, {
      ...rates,
      gallerySize: Math.max(extra.MOSAIC_IDENTITY_GALLERY_SIZE, indexed),
    });
    await this.sets.activate(manager, next);
    this.cached = next;
    return next;
  }
}
