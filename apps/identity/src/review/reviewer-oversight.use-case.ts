import { Inject, Injectable } from '@nestjs/common';
import { ReviewRepository, type OversightVerdictRow } from '@mosaic/identity-data';
import { SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource } from 'typeorm';
import { requireRole, type Actor } from '../verification/acting-user';
import { cohenKappa } from './cohen-kappa';
import { OVERSIGHT_ROLES } from './review-rules';

export interface ReviewerFigures {
  reviewer: string;
  /** Verdicts as first or second reviewer. */
  verdicts: number;
  links: number;
  notLinks: number;
  unsure: number;
  /** Escalated items this person settled as supervisor. */
  settlements: number;
  /** Items where another reviewer also gave a verdict, and how often they agreed. */
  pairedVerdicts: number;
  agreements: number;
  /** Cohen's kappa of this reviewer against the other reviewer of the same items (null: nothing to measure). */
  kappa: number | null;
  /** LINK or NOT_LINK verdicts a supervisor settled the other way. */
  overturnedBySupervisor: number;
  /** LINK verdicts (or settlements) whose link a dispute later separated (upheld). */
  overturnedByDispute: number;
}

export interface ReviewerOversight {
  since: Date | null;
  reviewers: ReviewerFigures[];
  /** Items with both reviewers' verdicts, and the kappa between first and second reviewer. */
  pairedItems: number;
  kappa: number | null;
}

/** Per-reviewer figures from every verdict, pure so it can be checked on its own. */
export function reviewerFigures(
  verdicts: readonly OversightVerdictRow[],
): Omit<ReviewerOversight, 'since'> {
  const byItem = new Map<string, OversightVerdictRow[]>();
  for (const v of verdicts) byItem.set(v.itemId, [...(byItem.get(v.itemId) ?? []), v]);
  const figures = new Map<string, ReviewerFigures>();
  const of = (reviewer: string): ReviewerFigures => {
    let f = figures.get(reviewer);
    if (!f) {
      f = {
        reviewer,
        verdicts: 0,
        links: 0,
        notLinks: 0,
        unsure: 0,
        settlements: 0,
        pairedVerdicts: 0,
        agreements: 0,
        kappa: null,
        overturnedBySupervisor: 0,
        overturnedByDispute: 0,
      };
      figures.set(reviewer, f);
    }
    return f;
  };
  const pairsOf = new Map<string, [string, string][]>();
  const allPairs: [string, string][] = [];
  for (const item of byItem.values()) {
    const first = item.find((v) => v.stage === 'FIRST');
    const second = item.find((v) => v.stage === 'SECOND');
    const supervisor = item.find((v) => v.stage === 'SUPERVISOR');
    for (const v of item) {
      const f = of(v.reviewer);
      if (v.stage === 'SUPERVISOR') f.settlements++;
      else {
        f.verdicts++;
        if (v.decision === 'LINK') f.links++;
        else if (v.decision === 'NOT_LINK') f.notLinks++;
        else f.unsure++;
        if (supervisor && v.decision !== 'UNSURE' && v.decision !== supervisor.decision) {
          f.overturnedBySupervisor++;
        }
      }
      if (v.decision === 'LINK' && v.disputeUpheld) f.overturnedByDispute++;
    }
    if (first && second) {
      allPairs.push([first.decision, second.decision]);
      for (const [me, other] of [
        [first, second],
        [second, first],
      ] as const) {
        const f = of(me.reviewer);
        f.pairedVerdicts++;
        if (me.decision === other.decision) f.agreements++;
        pairsOf.set(me.reviewer, [
          ...(pairsOf.get(me.reviewer) ?? []),
          [me.decision, other.decision],
        ]);
      }
    }
  }
  for (const f of figures.values()) f.kappa = cohenKappa(pairsOf.get(f.reviewer) ?? []);
  return {
    reviewers: [...figures.values()].sort((a, b) => a.reviewer.localeCompare(b.reviewer)),
    pairedItems: allPairs.length,
    kappa: cohenKappa(allPairs),
  };
}

/**
 * Oversight of reviewers (issue 18): how many verdicts each gave, how far
 * they agree with the second reviewer (Cohen's kappa), and how many of their
 * decisions a supervisor or an upheld dispute overturned. OVERSIGHT only.
 */
@Injectable()
export class ReviewerOversightUseCase {
  private readonly items = new ReviewRepository();

  constructor(@Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async execute(actor: Actor, since: Date | null): Promise<ReviewerOversight> {
    requireRole(actor, OVERSIGHT_ROLES, 'Query.reviewerOversight');
    const verdicts = await this.items.oversightVerdicts(this.dataSource.manager, since);
    return { since, ...reviewerFigures(verdicts) };
  }
}
