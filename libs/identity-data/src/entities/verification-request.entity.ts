import { Column, Entity, PrimaryColumn } from 'typeorm';

export type VerificationTargetKind = 'LINK' | 'IDENTIFICATION';
export type VerificationRequestState = 'PENDING' | 'VERIFIED' | 'REJECTED';

/**
 * A request that two people confirm a link (its decision) or an
 * identification (a probe record belongs to a candidate person). It becomes
 * VERIFIED on the second confirmation by a different reviewer, REJECTED on
 * any rejection; until then nothing may rest on what it asks about.
 */
@Entity({ name: 'verification_request' })
export class VerificationRequestEntity {
  /** UUIDv7. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  target!: VerificationTargetKind;

  /** LINK: the decision that made the link. */
  @Column({ name: 'decision_id', type: 'uuid', nullable: true })
  decisionId!: string | null;

  /** IDENTIFICATION: the probe record's key. */
  @Column({ name: 'probe_key', type: 'text', nullable: true })
  probeKey!: string | null;

  /** IDENTIFICATION: the candidate person; LINK: the person the link held together when asked. */
  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId!: string | null;

  @Column({ type: 'text', default: 'PENDING' })
  state!: VerificationRequestState;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy!: string;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ name: 'case_number', type: 'text' })
  caseNumber!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
