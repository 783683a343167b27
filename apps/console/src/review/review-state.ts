/** Review item states as a reviewer reads them. */
export const STATE_TEXT: Readonly<Record<string, string>> = {
  PENDING: 'Waiting for two reviewers',
  ESCALATED: 'Reviewers disagreed — a supervisor settles it',
  LINKED: 'Linked — the persons were merged',
  NOT_LINKED: 'Not linked — kept apart for good',
  CLOSED: 'Closed by another decision',
};

export interface VerdictLike {
  reviewer: string;
  stage: string;
  decision: string;
}

/** "1 of 2 verdicts (yours: LINK)": the two-person state at a glance. */
export function verdictSummary(verdicts: readonly VerdictLike[], user: string): string {
  const reviews = verdicts.filter((v) => v.stage !== 'SUPERVISOR');
  const mine = verdicts.find((v) => v.reviewer === user);
  const parts = [`${reviews.length} of 2 verdicts`];
  if (mine) parts.push(`yours: ${mine.decision}`);
  const settled = verdicts.find((v) => v.stage === 'SUPERVISOR');
  if (settled) parts.push(`settled ${settled.decision} by ${settled.reviewer}`);
  return parts.join('; ');
}

/** What the signed-in user may do with an item now, and if nothing, why. */
export function reviewAction(
  item: {
    state: string;
    lease: { claimedBy: string } | null;
    verdicts: readonly VerdictLike[];
  },
  user: string,
  roles: readonly string[],
): { action: 'CLAIM' | 'DECIDE' | 'SETTLE' | 'NONE'; why: string } {
  const supervisor = roles.includes('SUPERVISOR');
  const reviewed = item.verdicts.some((v) => v.reviewer === user);
  const heldByOther = item.lease && item.lease.claimedBy !== user;
  const heldByMe = item.lease?.claimedBy === user;
  if (item.state === 'ESCALATED') {
    if (!supervisor) return { action: 'NONE', why: 'A supervisor settles an escalated item.' };
    if (reviewed)
      return { action: 'NONE', why: 'You reviewed this item, so another supervisor settles it.' };
    if (heldByOther)
      return { action: 'NONE', why: `${item.lease?.claimedBy} holds this item now.` };
    if (heldByMe)
      return { action: 'SETTLE', why: 'The reviewers disagreed or one was unsure: settle it.' };
    return {
      action: 'CLAIM',
      why: 'The reviewers disagreed or one was unsure: take it to settle it.',
    };
  }
  if (item.state !== 'PENDING') return { action: 'NONE', why: 'This item is decided.' };
  if (reviewed) {
    return { action: 'NONE', why: 'You gave your verdict; a second, different reviewer decides.' };
  }
  if (heldByOther) return { action: 'NONE', why: `${item.lease?.claimedBy} holds this item now.` };
  if (heldByMe) return { action: 'DECIDE', why: 'You hold this item.' };
  return { action: 'CLAIM', why: 'Take the item before deciding it: one reviewer at a time.' };
}
