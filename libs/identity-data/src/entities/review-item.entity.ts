import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * PENDING: waiting for two reviewers; ESCALATED: they disagreed (or one was
 * unsure), a supervisor settles it; LINKED / NOT_LINKED: the decision was
 * applied; CLOSED: another applied decision settled it (see `reason`).
 */
export type ReviewState = 'PENDING' | 'ESCALATED' | 'LINKED' | 'NOT_LINKED' | 'CLOSED';

/** The states in which an item still waits for people. */
export const OPEN_REVIEW_STATES: readonly ReviewState[] = ['PENDING', 'ESCALATED'];

export type ReviewDecisionKind = 'LINK' | 'NOT_LINK' | 'UNSURE';

/**
 * A REVIEW decision waiting for people (its id is the decision's). Claimed
 * under a lease, decided by two different reviewers, settled by a supervisor
 * when they disagree; each verdict is a ReviewVerdictEntity row.
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
  firstDecision!: ReviewDecisionKind | null;

  @Column({ name: 'first_at', type: 'timestamptz', nullable: true })
  firstAt!: Date | null;

  @Column({ name: 'second_reviewer', type: 'text', nullable: true })
  secondReviewer!: string | null;

  @Column({ name: 'second_decision', type: 'text', nullable: true })
  secondDecision!: ReviewDecisionKind | null;

  @Column({ name: 'second_at', type: 'timestamptz', nullable: true })
  secondAt!: Date | null;

  /** Why the item closed as it did (CLOSED: which decision settled it). */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** The reviewer holding the item's lease, until `claimedUntil`. */
  @Column({ name: 'claimed_by', type: 'text', nullable: true })
  claimedBy!: string | null;

  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil!: Date | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  /** The supervisor who settled an escalated item. */
  @Column({ name: 'settled_by', type: 'text', nullable: true })
  settledBy!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** CLOSED: the review item whose applied decision settled this one. */
  @Column({ name: 'closed_by_item', type: 'uuid', nullable: true })
  closedByItem!: string | null;
}
