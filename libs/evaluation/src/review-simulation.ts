// Simulated reviewers working the REVIEW queue under the two-person rule, in
// place of an oracle that knows the truth (issue 18). Each reviewer errs
// independently at a fixed rate; two different reviewers agreeing apply a
// decision; a disagreement goes to a supervisor, who errs less often.
import type { ClusterState } from '@mosaic/resolution';
import { Rng } from '@mosaic/synth';

/** One open review item: a scored pair the resolver held back. */
export interface ReviewQueueItem {
  a: string;
  b: string;
  llr: number;
  /** The LLR of the decision's operating point (auto-link threshold, or review for biographic-only). */
  operatingPoint: number;
}

export type ReviewVerdict = 'LINK' | 'NOT_LINK';

export interface ReviewSimulationOptions {
  /** Seed of the reviewers' errors and of who reviews what (ADR 0004). */
  seed: number;
  /** Chance that a reviewer gives the wrong verdict, independently per decision (default 2%). */
  reviewerErrorRate?: number;
  /** Chance that a supervisor settling a disagreement is wrong (default 0.5%). */
  supervisorErrorRate?: number;
  /** Reviewers in the pool; the two of an item are always different people (default 12). */
  reviewers?: number;
}

export const DEFAULT_REVIEWER_ERROR_RATE = 0.02;
/**
 * A supervisor sees the item with both reviewers' conflicting verdicts and
 * evidence and is senior: a quarter of a reviewer's error rate.
 */
export const DEFAULT_SUPERVISOR_ERROR_RATE = 0.005;

export interface ReviewSimulationResult {
  /** Items in the queue at the start. */
  items: number;
  /** Items an earlier applied decision settled (already one person, or kept apart): closed with no decision. */
  closedBySettlement: number;
  /** Items two reviewers decided. */
  worked: number;
  /** Reviewer and supervisor verdicts given: the people-time the queue cost. */
  decisions: number;
  reviewerDecisions: number;
  supervisorDecisions: number;
  /** Items whose two reviewers disagreed (went to a supervisor). */
  disagreements: number;
  /** Wrong verdicts of single reviewers (first or second). */
  reviewerErrors: number;
  /** Reviewer errors the other reviewer's verdict caught (the item went to a supervisor instead of applying). */
  caughtBySecondReview: number;
  /** Items on which both reviewers were wrong: applied wrongly, no one saw it. */
  bothWrong: number;
  supervisorErrors: number;
  applied: { link: number; notLink: number };
  /** Applied decisions that contradict the truth. */
  wrongApplied: { link: number; notLink: number };
  /** Cohen's kappa between the first and the second reviewer of each worked item. */
  kappa: number;
}

/**
 * The queue's priority, as the identity service's review queue weighs it with
 * no officer waiting and every item the same age: closeness of the LLR to the
 * operating point (weight 2) plus the log of the records the decision joins or
 * keeps apart (weight 1). Computed once, from the persons after AUTO_LINK.
 */
export function reviewPriority(item: ReviewQueueItem, aSize: number, bSize: number): number {
  return 2 / (1 + Math.abs(item.llr - item.operatingPoint)) + Math.log(Math.max(aSize + bSize, 1));
}

/** The item's records in a fixed order: ties break the same way whichever way round a pair was scored. */
const pairKey = (item: ReviewQueueItem) =>
  item.a < item.b ? `${item.a}\u0000${item.b}` : `${item.b}\u0000${item.a}`;
const compareKeys = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Whether a cannot-link pair sits between the persons of two records (a LINK would be blocked). */
function keptApart(clusters: ClusterState, pa: string, pb: string): boolean {
  const x = clusters.person(pa)?.records;
  const y = clusters.person(pb)?.records;
  if (!x || !y) return false;
  for (const r of x) for (const s of y) if (clusters.isCannotLink(r, s)) return true;
  return false;
}

/**
 * Works the queue in priority order. An item whose records already share a
 * person, or whose persons a cannot-link keeps apart, closes itself. Otherwise
 * two different reviewers each give a verdict (the truth, flipped with the
 * error rate); agreeing verdicts apply, a disagreement goes to a supervisor.
 * An applied LINK merges the persons in `clusters`; an applied NOT_LINK adds a
 * cannot-link. Deterministic for a seed.
 */
export function simulateReview(
  clusters: ClusterState,
  queue: readonly ReviewQueueItem[],
  samePerson: (a: string, b: string) => boolean,
  options: ReviewSimulationOptions,
): ReviewSimulationResult {
  const errorRate = options.reviewerErrorRate ?? DEFAULT_REVIEWER_ERROR_RATE;
  const supervisorErrorRate = options.supervisorErrorRate ?? DEFAULT_SUPERVISOR_ERROR_RATE;
  const reviewers = options.reviewers ?? 12;
  for (const [name, rate] of [
    ['reviewerErrorRate', errorRate],
    ['supervisorErrorRate', supervisorErrorRate],
  ] as const) {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`${name} must lie in [0, 1], got ${rate}`);
  }
  if (!(reviewers >= 2)) throw new RangeError('the two-person rule needs at least 2 reviewers');
  const rng = new Rng(options.seed);
  const size = (key: string) => {
    const id = clusters.personOf(key);
    return id === undefined ? 1 : (clusters.person(id)?.records.size ?? 1);
  };
  const ordered = queue
    .map((item) => ({ item, priority: reviewPriority(item, size(item.a), size(item.b)) }))
    .sort((x, y) => y.priority - x.priority || compareKeys(pairKey(x.item), pairKey(y.item)));
  const result: ReviewSimulationResult = {
    items: queue.length,
    closedBySettlement: 0,
    worked: 0,
    decisions: 0,
    reviewerDecisions: 0,
    supervisorDecisions: 0,
    disagreements: 0,
    reviewerErrors: 0,
    caughtBySecondReview: 0,
    bothWrong: 0,
    supervisorErrors: 0,
    applied: { link: 0, notLink: 0 },
    wrongApplied: { link: 0, notLink: 0 },
    kappa: Number.NaN,
  };
  // First/second reviewer verdict counts for kappa: [LINK,LINK], [LINK,NOT], [NOT,LINK], [NOT,NOT].
  const table = [0, 0, 0, 0];
  const verdict = (truth: ReviewVerdict, rate: number): ReviewVerdict =>
    rng.chance(rate) ? (truth === 'LINK' ? 'NOT_LINK' : 'LINK') : truth;
  for (const { item } of ordered) {
    const pa = clusters.personOf(item.a);
    const pb = clusters.personOf(item.b);
    if (pa === undefined || pb === undefined) continue;
    if (pa === pb || keptApart(clusters, pa, pb)) {
      result.closedBySettlement += 1;
      continue;
    }
    const truth: ReviewVerdict = samePerson(item.a, item.b) ? 'LINK' : 'NOT_LINK';
    // Who reviews is drawn too: the same stream, so the whole run replays from the seed.
    const first = rng.int(reviewers);
    const second = (first + 1 + rng.int(reviewers - 1)) % reviewers;
    if (first === second) throw new Error('two-person rule broken');
    const v1 = verdict(truth, errorRate);
    const v2 = verdict(truth, errorRate);
    result.worked += 1;
    result.reviewerDecisions += 2;
    table[(v1 === 'LINK' ? 0 : 2) + (v2 === 'LINK' ? 0 : 1)] += 1;
    const wrong = (v1 !== truth ? 1 : 0) + (v2 !== truth ? 1 : 0);
    result.reviewerErrors += wrong;
    let applied: ReviewVerdict;
    if (v1 === v2) {
      applied = v1;
      if (wrong === 2) result.bothWrong += 1;
    } else {
      result.disagreements += 1;
      result.caughtBySecondReview += 1;
      result.supervisorDecisions += 1;
      applied = verdict(truth, supervisorErrorRate);
      if (applied !== truth) result.supervisorErrors += 1;
    }
    if (applied === 'LINK') {
      clusters.link({ a: item.a, b: item.b, reason: 'REVIEW_LINK' });
      result.applied.link += 1;
      if (truth !== 'LINK') result.wrongApplied.link += 1;
    } else {
      clusters.addCannotLink(item.a, item.b);
      result.applied.notLink += 1;
      if (truth !== 'NOT_LINK') result.wrongApplied.notLink += 1;
    }
  }
  clusters.takeChanges();
  result.decisions = result.reviewerDecisions + result.supervisorDecisions;
  result.kappa = cohensKappa(table as [number, number, number, number]);
  return result;
}

/**
 * Cohen's kappa of two raters on a 2×2 table [yes-yes, yes-no, no-yes,
 * no-no]: agreement beyond what their own verdict rates give by chance. NaN
 * when chance agreement is already total (one verdict only).
 */
export function cohensKappa([ll, ln, nl, nn]: [number, number, number, number]): number {
  const n = ll + ln + nl + nn;
  if (n === 0) return Number.NaN;
  const observed = (ll + nn) / n;
  const expected = ((ll + ln) * (ll + nl) + (nl + nn) * (ln + nn)) / (n * n);
  return expected === 1 ? Number.NaN : (observed - expected) / (1 - expected);
}
