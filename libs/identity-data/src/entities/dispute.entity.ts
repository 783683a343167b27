import { Column, Entity, PrimaryColumn } from 'typeorm';

export type DisputeTargetKind = 'LINK' | 'ATTRIBUTE';
export type DisputeStateKind = 'OPEN' | 'UPHELD' | 'REJECTED';

/**
 * A contested link (a record that may not belong to its person) or attribute
 * value. While OPEN, a disputed link is left out of the person's profile and
 * of link analysis; an UPHELD link dispute separates the record for good.
 * Resolved once, by someone other than who filed it, and never deleted.
 */
@Entity({ name: 'dispute' })
export class DisputeEntity {
  /** UUIDv7. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The person the dispute was filed against. */
  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ type: 'text' })
  target!: DisputeTargetKind;

  /** LINK: the record whose link to the person is contested. */
  @Column({ name: 'record_key', type: 'text', nullable: true })
  recordKey!: string | null;

  @Column({ name: 'attribute_kind', type: 'text', nullable: true })
  attributeKind!: string | null;

  @Column({ name: 'attribute_value', type: 'text', nullable: true })
  attributeValue!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text', default: 'OPEN' })
  state!: DisputeStateKind;

  @Column({ name: 'filed_by', type: 'text' })
  filedBy!: string;

  @Column({ name: 'filed_purpose', type: 'text' })
  filedPurpose!: string;

  @Column({ name: 'filed_case', type: 'text' })
  filedCase!: string;

  @Column({ name: 'filed_at', type: 'timestamptz', default: () => 'now()' })
  filedAt!: Date;

  @Column({ name: 'resolved_by', type: 'text', nullable: true })
  resolvedBy!: string | null;

  @Column({ name: 'resolved_purpose', type: 'text', nullable: true })
  resolvedPurpose!: string | null;

  @Column({ name: 'resolved_case', type: 'text', nullable: true })
  resolvedCase!: string | null;

  @Column({ name: 'resolution_note', type: 'text', nullable: true })
  resolutionNote!: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** UPHELD LINK: the person the record was separated into. */
  @Column({ name: 'separated_into', type: 'uuid', nullable: true })
  separatedInto!: string | null;
}
