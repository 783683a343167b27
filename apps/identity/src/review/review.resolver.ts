import { Inject } from '@nestjs/common';
import {
  Args,
  Context,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { OPEN_REVIEW_STATES, type ReviewState } from '@mosaic/identity-data';
import { auditDecisions, type SubgraphContext } from '@mosaic/service-kit';
import { parseUuid } from '../person/person-ids';
import { actingUser } from '../verification/acting-user';
import { optionalText } from '../verification/free-text';
import { ClaimReviewItemUseCase } from './claim-review-item.use-case';
import { DecideReviewItemUseCase, type DecidedReview } from './decide-review-item.use-case';
import {
  DecideReviewItemInput,
  ReviewQueueFilter,
  SettleReviewItemInput,
} from './dto/review.inputs';
import { REVIEW_CLOCK, type ReviewClock } from './review-clock';
import { ReviewQueueService } from './review-queue.service';
import { comparisonView, reviewItemView, type ReviewItemView } from './review-views';
import { ReviewComparison, ReviewerOversight, ReviewItem, ReviewQueuePage } from './review.model';
import { ReviewerOversightUseCase } from './reviewer-oversight.use-case';

export const MAX_REVIEW_NOTE_LENGTH = 2_000;

/** Notes what a request touched for the gateway's audit entry: items (as decisions) and persons. */
function audit(context: SubgraphContext, views: readonly ReviewItemView[]): void {
  auditDecisions(
    context,
    views.map((v) => v.id),
  );
  for (const v of views) v.persons.forEach((p) => context.audit.personIds.add(p.id));
}

/** The review band worked by people: the queue, leases, verdicts, and oversight of reviewers. */
/**
 * A verdict input as the use case takes it: the acting user, the item id
 * (noted for the audit entry before any rule runs, so a refused verdict is
 * audited against the item too), the evidence and the note.
 */
function verdictCommand<D>(
  input: {
    itemId: string;
    decision: D;
    evidence: DecideReviewItemInput['evidence'];
    note?: string | null;
  },
  context: SubgraphContext,
) {
  const actor = actingUser(context);
  const itemId = parseUuid(input.itemId, 'input.itemId', 'a review item id');
  auditDecisions(context, [itemId]);
  return {
    actor,
    itemId,
    decision: input.decision,
    evidence: input.evidence,
    note: optionalText(input.note, 'input.note', { max: MAX_REVIEW_NOTE_LENGTH, multiline: true }),
  };
}

@Resolver(() => ReviewItem)
export class ReviewResolver {
  constructor(
    private readonly queue: ReviewQueueService,
    private readonly claims: ClaimReviewItemUseCase,
    private readonly verdicts: DecideReviewItemUseCase,
    private readonly oversight: ReviewerOversightUseCase,
    @Inject(REVIEW_CLOCK) private readonly clock: ReviewClock,
  ) {}

  @Query(() => ReviewQueuePage, {
    name: 'reviewQueue',
    description:
      'Open review items, highest priority first (see ReviewPriority), 1–100 a page; pass endCursor as after for the next page.',
  })
  async reviewQueue(
    @Context() context: SubgraphContext,
    @Args('filter', { type: () => ReviewQueueFilter, nullable: true })
    filter: ReviewQueueFilter | null,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null | undefined,
  ): Promise<ReviewQueuePage> {
    const actor = actingUser(context);
    const page = await this.queue.page(
      actor,
      {
        states: (filter?.states ?? OPEN_REVIEW_STATES) as ReviewState[],
        profile: filter?.profile ?? null,
        officerWaiting: filter?.officerWaiting ?? null,
        claimableOnly: filter?.claimableOnly ?? false,
      },
      first,
      // An unset variable arrives as undefined, not null.
      after ?? null,
    );
    const now = this.clock();
    const views = page.rows.map((r) => reviewItemView(r, now, page.asOf));
    audit(context, views);
    return {
      edges: views.map((node, i) => ({ node, cursor: page.cursors[i] as string })),
      hasNextPage: page.hasNextPage,
      endCursor: page.cursors.at(-1) ?? null,
      asOf: page.asOf,
    };
  }

  @Query(() => ReviewItem, { name: 'reviewItem', description: 'One review item, open or closed.' })
  async reviewItem(
    @Args('id', { type: () => ID }) id: string,
    @Context() context: SubgraphContext,
  ): Promise<ReviewItemView> {
    const actor = actingUser(context);
    const itemId = parseUuid(id, 'id', 'a review item id');
    auditDecisions(context, [itemId]);
    const view = reviewItemView(await this.queue.item(actor, itemId), this.clock());
    audit(context, [view]);
    return view;
  }

  @ResolveField(() => ReviewComparison, {
    description:
      'Both records side by side with every compared field and its level, the waterfall, biometric scores and capture quality, both persons’ other records, and heldBecause',
  })
  async comparison(@Parent() item: ReviewItemView): Promise<ReviewComparison> {
    return comparisonView(await this.queue.comparison(item.row));
  }

  @Mutation(() => ReviewItem, {
    name: 'claimReviewItem',
    description:
      'Takes a review item under a lease (15 minutes; claiming again renews it). CONFLICT (reason LEASED) while someone else holds it; an expired lease is free.',
  })
  async claim(
    @Args('id', { type: () => ID }) id: string,
    @Context() context: SubgraphContext,
  ): Promise<ReviewItemView> {
    const actor = actingUser(context);
    const itemId = parseUuid(id, 'id', 'a review item id');
    auditDecisions(context, [itemId]);
    const view = reviewItemView(await this.claims.claim(actor, itemId), this.clock());
    audit(context, [view]);
    return view;
  }

  @Mutation(() => ReviewItem, {
    name: 'releaseReviewItem',
    description: 'Gives up the caller’s lease on a review item (a supervisor may free anyone’s).',
  })
  async release(
    @Args('id', { type: () => ID }) id: string,
    @Context() context: SubgraphContext,
  ): Promise<ReviewItemView> {
    const actor = actingUser(context);
    const itemId = parseUuid(id, 'id', 'a review item id');
    auditDecisions(context, [itemId]);
    const view = reviewItemView(await this.claims.release(actor, itemId), this.clock());
    audit(context, [view]);
    return view;
  }

  @Mutation(() => ReviewItem, {
    name: 'decideReviewItem',
    description:
      'A reviewer’s verdict (LINK, NOT_LINK or UNSURE, with evidence) on an item they hold the lease of. Two different reviewers agreeing apply it (LINK merges the persons, NOT_LINK makes the pair cannot-link); disagreement or UNSURE escalates it to a supervisor. One verdict alone changes nothing.',
  })
  async decide(
    @Args('input') input: DecideReviewItemInput,
    @Context() context: SubgraphContext,
  ): Promise<ReviewItemView> {
    const decided = await this.verdicts.decide(verdictCommand(input, context));
    return this.decided(context, decided);
  }

  @Mutation(() => ReviewItem, {
    name: 'settleReviewItem',
    description:
      'A supervisor who did not review an escalated item settles it, LINK or NOT_LINK with evidence; it applies as two agreeing reviewers would.',
  })
  async settle(
    @Args('input') input: SettleReviewItemInput,
    @Context() context: SubgraphContext,
  ): Promise<ReviewItemView> {
    const decided = await this.verdicts.settle(verdictCommand(input, context));
    return this.decided(context, decided);
  }

  private decided(context: SubgraphContext, decided: DecidedReview): ReviewItemView {
    const view = reviewItemView(decided.item, this.clock());
    audit(context, [view]);
    if (decided.applied) {
      decided.applied.personIds.forEach((p) => context.audit.personIds.add(p));
      auditDecisions(context, decided.applied.settled);
    }
    return view;
  }

  @Query(() => ReviewerOversight, {
    name: 'reviewerOversight',
    description:
      "Oversight of reviewers (OVERSIGHT): verdicts per reviewer, agreement with the second reviewer (Cohen's kappa), and decisions a supervisor or an upheld dispute overturned.",
  })
  async reviewerOversight(
    @Context() context: SubgraphContext,
    @Args('since', { type: () => Date, nullable: true }) since: Date | null,
  ): Promise<ReviewerOversight> {
    return this.oversight.execute(actingUser(context), since ?? null);
  }
}
