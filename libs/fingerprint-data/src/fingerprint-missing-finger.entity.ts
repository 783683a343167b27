import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A finger the enrollment could not capture, and why. */
@Entity({ name: 'fingerprint_missing_finger' })
export class FingerprintMissingFingerEntity {
  /** The enrollment's `enrollment_id`. */
  @PrimaryColumn({ name: 'enrollment_id', type: 'text' })
  enrollmentId!: string;

  @PrimaryColumn({ type: 'smallint' })
  position!: number;

  @Column({ type: 'text' })
  reason!: string;
}
