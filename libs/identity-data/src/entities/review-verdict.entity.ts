import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReviewDecisionKind } from './review-item.entity';
import type { CitedEvidence } from './verification-review.entity';

export type ReviewStage = 'FIRST' | 'SECOND' | 'SUPERVISOR';

/** One person's verdict on a review item, with the evidence it rests on. */
@Entity({ name: 'review_verdict' })
export class ReviewVerdictEntity {
  @PrimaryColumn({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @PrimaryColumn({ type: 'text' })
  reviewer!: string;

  @Column({ type: 'text' })
  stage!: ReviewStage;

  @Column({ type: 'text' })
  decision!: ReviewDecisionKind;

  @Column({ type: 'jsonb' })
  evidence!: CitedEvidence[];

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** The roles the reviewer acted with. */
  @Column({ type: 'text', array: true })
  roles!: string[];

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ name: 'case_number', type: 'text' })
  caseNumber!: string;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}
