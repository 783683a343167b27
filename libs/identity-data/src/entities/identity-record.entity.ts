import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { StoredBiographic } from '../record-codec';

/** A source record as the identity service resolved it: immutable once stored, except for its person. */
@Entity({ name: 'identity_record' })
@Index('identity_record_person', ['personId', 'seq'])
export class IdentityRecordEntity {
  /** `<source>:<recordId>`. */
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ type: 'text' })
  source!: 'travel' | 'seizure' | 'fingerprint';

  @Column({ name: 'record_id', type: 'text' })
  recordId!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ name: 'observed_at', type: 'timestamptz' })
  observedAt!: Date;

  /** The resolution record without its templates, as it arrived. */
  @Column({ type: 'jsonb' })
  biographic!: StoredBiographic;

  /** Raw float32 LE; never exposed through GraphQL. */
  @Column({ type: 'bytea', nullable: true, select: false })
  face!: Buffer | null;

  @Column({ name: 'face_quality', type: 'double precision', nullable: true })
  faceQuality!: number | null;

  /** Positions, qualities and templates packed by `packFingers`; never exposed through GraphQL. */
  @Column({ type: 'bytea', nullable: true, select: false })
  fingers!: Buffer | null;

  /** Why some of the record's evidence was left out (e.g. a face under the quality floor). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  flags!: string[];

  @Column({ name: 'resolved_at', type: 'timestamptz', default: () => 'now()' })
  resolvedAt!: Date;

  /** The source event this record came from. */
  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;
}
