import type {
  BiometricComparison,
  Contribution,
  LinkDecision,
  LinkOutcome,
} from '@mosaic/resolution';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A scored pair and why it came out as it did: the waterfall of per-comparison
 * contributions, the biometric scores, the model and threshold versions.
 * Stored for AUTO_LINK and REVIEW, and for NO_LINK only when a biometric
 * comparison spoke for a match (see the migration).
 */
@Entity({ name: 'link_decision' })
@Index('link_decision_a', ['aKey'])
@Index('link_decision_b', ['bKey'])
export class LinkDecisionEntity {
  /** UUIDv7. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'a_key', type: 'text' })
  aKey!: string;

  @Column({ name: 'b_key', type: 'text' })
  bKey!: string;

  @Column({ type: 'text' })
  outcome!: LinkOutcome;

  /** An AUTO_LINK a cannot-link pair kept from joining. */
  @Column({ type: 'boolean', default: false })
  blocked!: boolean;

  @Column({ type: 'double precision' })
  llr!: number;

  @Column({ name: 'biometric_llr', type: 'double precision' })
  biometricLlr!: number;

  @Column({ type: 'double precision' })
  probability!: number;

  @Column({ type: 'text' })
  profile!: string;

  @Column({ type: 'jsonb' })
  thresholds!: LinkDecision['thresholds'];

  @Column({ type: 'jsonb' })
  contributions!: Contribution[];

  @Column({ type: 'jsonb' })
  biometrics!: BiometricComparison[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  flags!: string[];

  @Column({ name: 'model_version', type: 'text' })
  modelVersion!: string;

  @Column({ name: 'threshold_version', type: 'text' })
  thresholdVersion!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
