import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A fingerprint enrollment, keyed by the source's record id. */
@Entity({ name: 'fingerprint_enrollment' })
@Index('fingerprint_enrollment_enrolled_at', ['enrolledAt'])
export class FingerprintEnrollmentEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  /** The enrolling system's own id; unique, and what the finger rows point at. */
  @Column({ name: 'enrollment_id', type: 'text', unique: true })
  enrollmentId!: string;

  @Column({ name: 'enrolled_at', type: 'timestamptz' })
  enrolledAt!: Date;

  @Column({ type: 'text' })
  agency!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'given_names', type: 'text', nullable: true })
  givenNames!: string | null;

  @Column({ type: 'text', nullable: true })
  surname!: string | null;

  @Column({ name: 'date_of_birth', type: 'text', nullable: true })
  dateOfBirth!: string | null;

  @Column({ type: 'text', nullable: true })
  sex!: string | null;

  @Column({ type: 'text', nullable: true })
  nationality!: string | null;

  /** Raw float32 LE; read only by the event payload, never by GraphQL. */
  @Column({ name: 'face_template', type: 'bytea', nullable: true, select: false })
  faceTemplate!: Buffer | null;

  @Column({ name: 'face_quality', type: 'real', nullable: true })
  faceQuality!: number | null;

  @Column({ name: 'face_captured_at', type: 'timestamptz', nullable: true })
  faceCapturedAt!: Date | null;

  @Column({ name: 'ingested_at', type: 'timestamptz', default: () => 'now()' })
  ingestedAt!: Date;
}
