import { Inject, Injectable } from '@nestjs/common';
import {
  activeVersions,
  ClusterRepository,
  personChangeEvents,
  ReviewRepository,
  type CitedEvidence,
  type ReviewDecisionKind,
  type ReviewItemRow,
  type ReviewStage,
} from '@mosaic/identity-data';
import { appendToOutbox } from '@mosaic/outbox';
import { ClusterState } from '@mosaic/resolution';
import { notFoundError, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  accountabilityError,
  evidenceRequiredError,
  sqlState,
} from '../verification/accountability-errors';
import { requireRole, type Actor } from '../verification/acting-user';
import { citedEvidence, type EvidenceInput } from '../verification/verification-evidence';
import { closedError, leasedError, leasedToOther } from './claim-review-item.use-case';
import { REVIEW_CLOCK, type ReviewClock } from './review-clock';
import { REVIEWER_ROLES, SUPERVISOR_ROLES, twoReviewOutcome } from './review-rules';

export interface ReviewVerdictCommand {
  actor: Actor;
  itemId: string;
  decision: ReviewDecisionKind;
  /** As given: checked here; a LINK must cite non-biometric evidence, as a verification CONFIRM. */
  evidence: readonly EvidenceInput[];
  note: string | null;
}

/** What applying a settled decision did. */
export interface AppliedReview {
  state: 'LINKED' | 'NOT_LINKED' | 'CLOSED';
  /** The persons the decision concerned, as they are after it (for the audit trail). */
  personIds: string[];
  /** Other open items the decision settled, closed with a reason. */
  settled: string[];
}

export interface DecidedReview {
  item: ReviewItemRow;
  /** Null while the item still waits for a second reviewer or a supervisor. */
  applied: AppliedReview | null;
}

/**
 * The evidence a verdict cites, by the verification rules
 * (verification-evidence.ts): every verdict cites at least one item, and a
 * LINK at least one that is not biometric — a face or finger score is what
 * put the pair in review and cannot corroborate itself.
 */
export function reviewEvidence(
  decision: ReviewDecisionKind,
  items: readonly EvidenceInput[],
): CitedEvidence[] {
  if (items.length === 0 && decision !== 'LINK') {
    throw evidenceRequiredError(
      'input.evidence',
      decision === 'NOT_LINK'
        ? 'a NOT_LINK must cite the evidence it rests on'
        : 'an UNSURE verdict must cite what was examined',
    );
  }
  return citedEvidence(decision === 'LINK' ? 'CONFIRM' : 'REJECT', items);
}

/**
 * Verdicts on review items (issue 18), under the two-person rule Mosaic keeps
 * for verification. A reviewer (REVIEWER or SUPERVISOR) holding the item's
 * lease gives a verdict: LINK, NOT_LINK or UNSURE, with evidence. Two
 * different reviewers agreeing on LINK or NOT_LINK apply it; a disagreement,
 * or an UNSURE, escalates the item to a SUPERVISOR who did not review it, and
 * their verdict applies. One verdict alone changes nothing.
 *
 * Applying a LINK merges the two persons through ClusterState (the older
 * keeps its id, lineage kept) with `identity.person.v1` events through the
 * outbox, so the analysis projection and search follow; a NOT_LINK makes
 * the pair cannot-link for good. Other open items the applied decision
 * settles (their records now in one person, or kept apart by a cannot-link
 * pair) close with a reason naming this item. Runs under the resolution lock:
 * a resolver batch moving the same records meanwhile would otherwise publish
 * events in an order that says something else than what happened.
 */
@Injectable()
export class DecideReviewItemUseCase {
  private readonly items = new ReviewRepository();
  private readonly clusters = new ClusterRepository();

  constructor(
    @Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(REVIEW_CLOCK) private readonly clock: ReviewClock,
  ) {}

  /** A reviewer's verdict on a PENDING item. */
  async decide(command: ReviewVerdictCommand): Promise<DecidedReview> {
    requireRole(command.actor, REVIEWER_ROLES, 'Mutation.decideReviewItem');
    const evidence = reviewEvidence(command.decision, command.evidence);
    return this.run(command, async (manager, item, now) => {
      if (item.state === 'ESCALATED') {
        throw accountabilityError(
          'CONFLICT',
          `Review item ${item.id} was escalated: a supervisor settles it (settleReviewItem)`,
          { reason: 'ESCALATED' },
        );
      }
      const stage: ReviewStage = item.verdicts.length === 0 ? 'FIRST' : 'SECOND';
      await this.record(manager, command, evidence, stage, now);
      if (command.decision === 'UNSURE') {
        await this.items.escalate(manager, item.id, now);
        return null;
      }
      if (stage === 'FIRST') return null;
      const first = item.verdicts[0] as { decision: ReviewDecisionKind };
      const outcome = twoReviewOutcome(first.decision, command.decision);
      if (outcome === 'ESCALATE') {
        await this.items.escalate(manager, item.id, now);
        return null;
      }
      return this.apply(manager, item, outcome, 'two reviewers agreed', now);
    });
  }

  /** A supervisor's verdict on an ESCALATED item: it applies. */
  async settle(
    command: ReviewVerdictCommand & { decision: 'LINK' | 'NOT_LINK' },
  ): Promise<DecidedReview> {
    requireRole(command.actor, SUPERVISOR_ROLES, 'Mutation.settleReviewItem');
    const evidence = reviewEvidence(command.decision, command.evidence);
    return this.run(command, async (manager, item, now) => {
      if (item.state !== 'ESCALATED') {
        throw accountabilityError(
          'CONFLICT',
          `Review item ${item.id} is not escalated: two reviewers decide it first (decideReviewItem)`,
          { reason: 'NOT_ESCALATED' },
        );
      }
      await this.record(manager, command, evidence, 'SUPERVISOR', now);
      return this.apply(manager, item, command.decision, 'settled by a supervisor', now);
    });
  }

  /** The checks every verdict passes, in the transaction that holds the item. */
  private async run(
    command: ReviewVerdictCommand,
    body: (manager: EntityManager, item: ReviewItemRow, now: Date) => Promise<AppliedReview | null>,
  ): Promise<DecidedReview> {
    const { actor, itemId } = command;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const now = this.clock();
        const item = await this.items.lock(manager, itemId);
        if (!item) throw notFoundError('review item', itemId);
        // The pair's persons, locked as a resolver batch locks those it touches (ADR 0013).
        await this.clusters.lockSlice(manager, [item.aKey, item.bKey]);
        if (item.state !== 'PENDING' && item.state !== 'ESCALATED') throw closedError(item);
        if (item.verdicts.some((v) => v.reviewer === actor.user)) {
          throw item.state === 'ESCALATED'
            ? accountabilityError(
                'SELF_CONFIRMATION',
                `You reviewed item ${itemId}; another supervisor must settle it`,
              )
            : duplicateVerdict(itemId);
        }
        if (leasedToOther(item, actor.user, now)) throw leasedError(item);
        if (item.claimedBy !== actor.user || (item.claimedUntil as Date) <= now) {
          throw accountabilityError(
            'CONFLICT',
            `Claim review item ${itemId} first (claimReviewItem): a verdict needs your live lease`,
            { reason: 'LEASE_REQUIRED' },
          );
        }
        await this.notDisputed(manager, item);
        const applied = await body(manager, item, now);
        return { item: (await this.items.lock(manager, itemId)) as ReviewItemRow, applied };
      });
    } catch (error) {
      if (sqlState(error) === '23505') throw duplicateVerdict(itemId);
      throw error;
    }
  }

  private async record(
    manager: EntityManager,
    command: ReviewVerdictCommand,
    evidence: CitedEvidence[],
    stage: ReviewStage,
    now: Date,
  ): Promise<void> {
    await this.items.addVerdict(manager, {
      itemId: command.itemId,
      reviewer: command.actor.user,
      stage,
      decision: command.decision,
      evidence,
      note: command.note,
      roles: [...command.actor.roles],
      purpose: command.actor.purpose,
      caseNumber: command.actor.caseNumber,
      decidedAt: now,
    });
    await this.items.release(manager, command.itemId);
  }

  /** A record whose link is under an open dispute is not reviewed until the dispute is resolved. */
  private async notDisputed(manager: EntityManager, item: ReviewItemRow): Promise<void> {
    const [open] = (await manager.query(
      `SELECT id FROM dispute WHERE target = 'LINK' AND state = 'OPEN' AND record_key IN ($1, $2) LIMIT 1`,
      [item.aKey, item.bKey],
    )) as { id: string }[];
    if (open) {
      throw accountabilityError(
        'CONFLICT',
        `A record of review item ${item.id} is under open dispute ${open.id}; review it once the dispute is resolved`,
        { reason: 'UNDER_DISPUTE', disputeId: open.id },
      );
    }
  }

  private async apply(
    manager: EntityManager,
    item: ReviewItemRow,
    decision: 'LINK' | 'NOT_LINK',
    how: string,
    now: Date,
  ): Promise<AppliedReview> {
    const close = async (state: AppliedReview['state'], reason: string, personIds: string[]) => {
      await this.items.close(manager, [item.id], { state, reason, at: now });
      return {
        state,
        personIds,
        settled: await this.settleOthers(manager, item.id, personIds, now),
      };
    };
    const { aPerson, bPerson } = item;
    if (aPerson === null || bPerson === null) {
      return close('CLOSED', `${decision} (${how}), but a record was purged since`, []);
    }
    if (decision === 'NOT_LINK') {
      if (aPerson === bPerson) {
        return close(
          'CLOSED',
          `NOT_LINK (${how}), but the records were linked into person ${aPerson} since; file a dispute to separate them`,
          [aPerson],
        );
      }
      await this.clusters.addCannotLinks(manager, [
        { a: item.aKey, b: item.bKey, reason: `REVIEW_NOT_LINK:${item.id}` },
      ]);
      return close('NOT_LINKED', `NOT_LINK: ${how}; the pair is cannot-link`, [aPerson, bPerson]);
    }
    if (aPerson === bPerson) {
      return close('LINKED', `LINK (${how}); the records were already in one person`, [aPerson]);
    }
    const slice = await this.clusters.loadSlice(manager, [item.aKey, item.bKey]);
    const state = ClusterState.restore(() => uuidv7(), slice);
    const result = state.link({ a: item.aKey, b: item.bKey, reason: 'REVIEW' });
    if (result.status === 'BLOCKED') {
      return close(
        'CLOSED',
        `LINK (${how}), but ${result.between.join(' and ')} are cannot-link: the persons stay apart`,
        [aPerson, bPerson],
      );
    }
    const changes = state.takeChanges();
    await this.clusters.persistChanges(manager, state, changes, [
      { a: item.aKey, b: item.bKey, reason: 'REVIEW', decisionId: item.id },
    ]);
    await appendToOutbox(manager, personChangeEvents(changes, await activeVersions(manager)));
    const survivor = result.personId;
    return close('LINKED', `LINK: ${how}; the persons were merged into ${survivor}`, [
      survivor,
      ...[aPerson, bPerson].filter((p) => p !== survivor),
    ]);
  }

  /**
   * Closes the other open items an applied decision settled: both records
   * in one person now, or a cannot-link pair between their persons.
   */
  private async settleOthers(
    manager: EntityManager,
    itemId: string,
    personIds: readonly string[],
    now: Date,
  ): Promise<string[]> {
    if (personIds.length === 0) return [];
    const candidates = await this.items.openItemsTouching(manager, personIds, itemId);
    const same = candidates.filter((c) => c.samePerson).map((c) => c.id);
    const blocked = candidates.filter((c) => !c.samePerson && c.blocked).map((c) => c.id);
    await this.items.close(manager, same, {
      state: 'CLOSED',
      reason: `SAME_PERSON: review item ${itemId} put both records in one person`,
      at: now,
      closedByItem: itemId,
    });
    await this.items.close(manager, blocked, {
      state: 'CLOSED',
      reason: `CANNOT_LINK: after review item ${itemId} a cannot-link pair keeps the two persons apart`,
      at: now,
      closedByItem: itemId,
    });
    return [...same, ...blocked];
  }
}

function duplicateVerdict(itemId: string) {
  return accountabilityError(
    'DUPLICATE_CONFIRMATION',
    `You have already given a verdict on review item ${itemId}; a second, different reviewer must`,
  );
}
