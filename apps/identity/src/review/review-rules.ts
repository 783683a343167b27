import type { ReviewDecisionKind } from '@mosaic/identity-data';
import type { HoldReason, LinkDecision } from '@mosaic/resolution';

/** Roles that claim and decide review items (the matrix's rule for the review mutations). */
export const REVIEWER_ROLES = ['REVIEWER', 'SUPERVISOR'] as const;
/** Roles that settle an escalated item. */
export const SUPERVISOR_ROLES = ['SUPERVISOR'] as const;
/** Roles that read oversight of reviewers. */
export const OVERSIGHT_ROLES = ['OVERSIGHT'] as const;

/** How long a claim holds an item for one reviewer; after it, anyone may take the item. */
export const REVIEW_LEASE_MS = 15 * 60_000;

/** What two reviewers' verdicts do to an item. */
export type TwoReviewOutcome = 'LINK' | 'NOT_LINK' | 'ESCALATE';

/**
 * Two different reviewers agreeing on LINK or NOT_LINK settle an item;
 * anything else (they disagree, or either is unsure) goes to a supervisor.
 */
export function twoReviewOutcome(
  first: ReviewDecisionKind,
  second: ReviewDecisionKind,
): TwoReviewOutcome {
  if (first === second && first !== 'UNSURE') return first;
  return 'ESCALATE';
}

/**
 * Why a stored REVIEW decision was held from auto-linking, as decide()
 * (libs/resolution) worked it out: the stored decision keeps its thresholds,
 * LLRs and flags but not the reasons, so they are derived again here by the
 * same rules (review-rules.spec.ts checks both agree).
 */
export function heldBecause(
  decision: Pick<LinkDecision, 'llr' | 'biometricLlr' | 'thresholds' | 'flags'>,
): HoldReason[] {
  const { llr, biometricLlr, thresholds, flags } = decision;
  const held: HoldReason[] = [];
  if (thresholds.autoLink === null || thresholds.biometric === null) held.push('BIOGRAPHIC_ONLY');
  else {
    if (biometricLlr <= 0 || biometricLlr < thresholds.biometric) {
      held.push('BIOMETRIC_BELOW_OPERATING_POINT');
    }
    if (llr < thresholds.autoLink) held.push('BELOW_AUTO_LINK_THRESHOLD');
  }
  if (llr - biometricLlr < 0) held.push('BIOGRAPHIC_DISAGREES');
  if (flags.includes('POSSIBLE_TWIN')) held.push('POSSIBLE_TWIN');
  return held;
}

/** What a record says, as the comparison shows it side by side. */
export interface ComparedBiographic {
  givenNames: string | null;
  surname: string | null;
  dateOfBirth: string | null;
  sex: string | null;
  nationality: string | null;
  documents: readonly { type: string; number: string; issuingCountry: string }[];
  phones: readonly string[];
  addresses: readonly string[];
  vehicles: readonly string[];
}

/**
 * The values of a compared field on one record, by the field names the
 * comparison (libs/resolution comparison-fields) uses. A field the record
 * does not carry has no values.
 */
export function fieldValues(field: string, record: ComparedBiographic): string[] {
  const one = (v: string | null) => (v === null || v === '' ? [] : [v]);
  switch (field) {
    case 'given':
      return one(record.givenNames);
    case 'surname':
      return one(record.surname);
    case 'dob':
      return one(record.dateOfBirth);
    case 'sex':
      return one(record.sex);
    case 'nationality':
      return one(record.nationality);
    case 'document':
      return record.documents.map((d) => `${d.type} ${d.number} ${d.issuingCountry}`);
    case 'phone':
      return [...record.phones];
    case 'address':
      return [...record.addresses];
    default:
      return [];
  }
}

/** The fields a record carries that the comparison can name, in the waterfall's order. */
export const COMPARABLE_FIELDS = [
  'given',
  'surname',
  'dob',
  'sex',
  'nationality',
  'document',
  'phone',
  'address',
] as const;
