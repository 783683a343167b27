import type { ResolutionModel } from '@mosaic/resolution';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A resolution model as trained; at most one is active. Old versions stay: decisions refer to them. */
@Entity({ name: 'resolution_model' })
@Index('resolution_model_one_active', ['active'], { unique: true, where: 'active' })
export class ResolutionModelEntity {
  @PrimaryColumn({ type: 'text' })
  version!: string;

  @Column({ type: 'jsonb' })
  model!: ResolutionModel;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'boolean', default: false })
  active!: boolean;
}
