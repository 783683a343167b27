import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ReviewVerdict = 'CONFIRM' | 'REJECT';

/** A piece of corroborating evidence a reviewer cites. */
export interface CitedEvidence {
  kind: string;
  reference: string;
  note: string | null;
}

/** One reviewer's verdict on a verification request, with the evidence it rests on. */
@Entity({ name: 'verification_review' })
export class VerificationReviewEntity {
  @PrimaryColumn({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  @PrimaryColumn({ type: 'text' })
  reviewer!: string;

  @Column({ type: 'text' })
  decision!: ReviewVerdict;

  @Column({ type: 'jsonb' })
  evidence!: CitedEvidence[];

  /** The roles the reviewer acted with. */
  @Column({ type: 'text', array: true })
  roles!: string[];

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ name: 'case_number', type: 'text' })
  caseNumber!: string;

  @Column({ name: 'reviewed_at', type: 'timestamptz', default: () => 'now()' })
  reviewedAt!: Date;
}
