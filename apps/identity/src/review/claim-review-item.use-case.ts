import { Inject, Injectable } from '@nestjs/common';
import { ReviewRepository, type ReviewItemRow } from '@mosaic/identity-data';
import { effectiveRoles } from '@mosaic/access';
import { notFoundError, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource } from 'typeorm';
import { accountabilityError } from '../verification/accountability-errors';
import { requireRole, type Actor } from '../verification/acting-user';
import { REVIEW_CLOCK, type ReviewClock } from './review-clock';
import { REVIEW_LEASE_MS, REVIEWER_ROLES } from './review-rules';

/** The refusals of claiming and deciding that say who holds what. */
export function leasedError(item: ReviewItemRow) {
  return accountabilityError(
    'CONFLICT',
    `Review item ${item.id} is claimed by ${item.claimedBy} until ${item.claimedUntil?.toISOString()}; take another item`,
    { reason: 'LEASED', claimedBy: item.claimedBy, claimedUntil: item.claimedUntil?.toISOString() },
  );
}

export function closedError(item: ReviewItemRow) {
  return accountabilityError(
    'CONFLICT',
    `Review item ${item.id} is already ${item.state}${item.reason ? ` (${item.reason})` : ''}`,
    { reason: 'CLOSED', state: item.state },
  );
}

/** Whether someone other than `user` holds a live lease on the item at `now`. */
export function leasedToOther(item: ReviewItemRow, user: string, now: Date): boolean {
  return (
    item.claimedBy !== null &&
    item.claimedBy !== user &&
    item.claimedUntil !== null &&
    item.claimedUntil > now
  );
}

/**
 * Claims a review item for one reviewer under a lease (REVIEW_LEASE_MS):
 * while it runs nobody else may claim or decide the item; once it expires
 * the item is free again without anyone releasing it. Claiming again renews
 * the caller's own lease. Refused (CONFLICT) for a closed item or one leased
 * to someone else, DUPLICATE_CONFIRMATION for a reviewer who already gave a
 * verdict on it, FORBIDDEN for an escalated item to anyone but a supervisor.
 */
@Injectable()
export class ClaimReviewItemUseCase {
  private readonly items = new ReviewRepository();

  constructor(
    @Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(REVIEW_CLOCK) private readonly clock: ReviewClock,
  ) {}

  async claim(actor: Actor, itemId: string): Promise<ReviewItemRow> {
    requireRole(actor, REVIEWER_ROLES, 'Mutation.claimReviewItem');
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock();
      const item = await this.items.lock(manager, itemId);
      if (!item) throw notFoundError('review item', itemId);
      if (item.state !== 'PENDING' && item.state !== 'ESCALATED') throw closedError(item);
      if (item.state === 'ESCALATED') {
        requireRole(actor, ['SUPERVISOR'], 'Mutation.claimReviewItem (escalated item)');
      }
      if (item.verdicts.some((v) => v.reviewer === actor.user)) {
        throw accountabilityError(
          'DUPLICATE_CONFIRMATION',
          `You have already given a verdict on review item ${itemId}; ${item.state === 'ESCALATED' ? 'another supervisor' : 'a second, different reviewer'} must take it`,
        );
      }
      if (leasedToOther(item, actor.user, now)) throw leasedError(item);
      await this.items.claim(
        manager,
        itemId,
        actor.user,
        new Date(now.getTime() + REVIEW_LEASE_MS),
      );
      return (await this.items.lock(manager, itemId)) as ReviewItemRow;
    });
  }

  /** Gives up the caller's own lease (a supervisor may free anyone's). */
  async release(actor: Actor, itemId: string): Promise<ReviewItemRow> {
    requireRole(actor, REVIEWER_ROLES, 'Mutation.releaseReviewItem');
    return this.dataSource.transaction(async (manager) => {
      const item = await this.items.lock(manager, itemId);
      if (!item) throw notFoundError('review item', itemId);
      const supervisor = effectiveRoles(actor).includes('SUPERVISOR');
      if (leasedToOther(item, actor.user, this.clock()) && !supervisor) throw leasedError(item);
      await this.items.release(manager, itemId);
      return (await this.items.lock(manager, itemId)) as ReviewItemRow;
    });
  }
}
