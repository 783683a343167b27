import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One captured finger of an enrollment (ANSI/NIST-ITL position 1–10). */
@Entity({ name: 'fingerprint_finger' })
export class FingerprintFingerEntity {
  /** The enrollment's `enrollment_id`. */
  @PrimaryColumn({ name: 'enrollment_id', type: 'text' })
  enrollmentId!: string;

  @PrimaryColumn({ type: 'smallint' })
  position!: number;

  /** Raw float32 LE; read only by the event payload, never by GraphQL. */
  @Column({ type: 'bytea', select: false })
  template!: Buffer;

  @Column({ type: 'real' })
  quality!: number;
}
