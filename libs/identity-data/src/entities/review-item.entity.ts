import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ReviewState = 'PENDING' | 'CONFIRMED' | 'REJECTED';

/**
 * A REVIEW decision waiting for people. The reviewer columns belong to the
 * two-person review: a link is actionable only once two different people
 * confirmed it.
 */
@Entity({ name: 'review_item' })
export class ReviewItemEntity {
  @PrimaryColumn({ name: 'decision_id', type: 'uuid' })
  decisionId!: string;

  @Column({ name: 'a_key', type: 'text' })
  aKey!: string;

  @Column({ name: 'b_key', type: 'text' })
  bKey!: string;

  @Column({ type: 'text', default: 'PENDING' })
  state!: ReviewState;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'first_reviewer', type: 'text', nullable: true })
  firstReviewer!: string | null;

  @Column({ name: 'first_decision', type: 'text', nullable: true })
  firstDecision!: string | null;

  @Column({ name: 'first_at', type: 'timestamptz', nullable: true })
  firstAt!: Date | null;

  @Column({ name: 'second_reviewer', type: 'text', nullable: true })
  secondReviewer!: string | null;

  @Column({ name: 'second_decision', type: 'text', nullable: true })
  secondDecision!: string | null;

  @Column({ name: 'second_at', type: 'timestamptz', nullable: true })
  secondAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;
}
