import type { ProfileThresholds, ThresholdPolicy } from '@mosaic/resolution';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Decision thresholds for one model at one gallery size; at most one set is
 * active. Old sets stay: decisions refer to the version they were made with.
 */
@Entity({ name: 'threshold_set' })
@Index('threshold_set_one_active', ['active'], { unique: true, where: 'active' })
export class ThresholdSetEntity {
  @PrimaryColumn({ type: 'text' })
  version!: string;

  @Column({ name: 'model_version', type: 'text' })
  modelVersion!: string;

  @Column({ name: 'gallery_size', type: 'bigint' })
  gallerySize!: string;

  @Column({ type: 'jsonb' })
  policy!: ThresholdPolicy;

  @Column({ name: 'per_comparison_fmr', type: 'jsonb' })
  perComparisonFmr!: { autoLink: number; review: number };

  @Column({ type: 'jsonb' })
  profiles!: Record<string, ProfileThresholds>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'boolean', default: false })
  active!: boolean;
}
