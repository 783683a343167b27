import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { refusalsOf } from '../api/refusals';
import { VerificationBadge } from '../components/chips';
import { RefusalNotice } from '../components/refusal-notice';
import {
  citedEvidence,
  emptyEvidence,
  EvidenceFields,
  evidenceProblem,
  type EvidenceRow,
} from '../components/evidence-fields';
import type { VerificationDecision } from '../gql/graphql';
import { ConfirmVerificationMutation } from './profile.operations';

/** The roles the identity service lets review (Mutation.confirmVerification in the access matrix). */
export const REVIEWING_ROLES = ['REVIEWER', 'SUPERVISOR'] as const;

export function mayReview(roles: readonly string[]): boolean {
  return roles.some((r) => (REVIEWING_ROLES as readonly string[]).includes(r));
}

/** Why a verdict's evidence would be refused: a CONFIRM cites a non-biometric item. */
export function verdictEvidenceProblem(
  decision: VerificationDecision,
  rows: readonly EvidenceRow[],
): string | null {
  return evidenceProblem(rows, { nonBiometric: decision === 'CONFIRM', atLeastOne: false });
}

interface Props {
  requestId: string;
  requestedBy: string | null;
  user: string;
  /** Called after a review was recorded, so the screen reloads the verification state. */
  onReviewed: () => void;
}

/**
 * One reviewer's verdict on a pending verification request: confirm or
 * reject, citing evidence. The service refuses the requester
 * (SELF_CONFIRMATION) and a second verdict by one reviewer
 * (DUPLICATE_CONFIRMATION); the refusal is shown with its reason.
 */
export function ReviewVerification({ requestId, requestedBy, user, onReviewed }: Props) {
  const id = useId();
  const [decision, setDecision] = useState<VerificationDecision>('CONFIRM');
  const [rows, setRows] = useState<EvidenceRow[]>([emptyEvidence()]);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, confirm] = useMutation(ConfirmVerificationMutation);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = verdictEvidenceProblem(decision, rows);
    setProblem(found);
    if (found) return;
    void confirm({ input: { requestId, decision, evidence: citedEvidence(rows) } }).then((r) => {
      if (r.data) onReviewed();
    });
  };

  const reviewed = result.data?.confirmVerification;
  return (
    <details className="review-verification" data-testid="review-verification">
      <summary>Review this verification request</summary>
      <p className="muted">
        Requested by {requestedBy ?? 'someone'}; you are {user}.{' '}
        {requestedBy === user
          ? 'You asked for it, so two other reviewers must confirm it.'
          : 'Two different reviewers must confirm it; one rejection closes it.'}
      </p>
      <form onSubmit={submit}>
        <fieldset className="inline">
          <legend>Your verdict</legend>
          {(['CONFIRM', 'REJECT'] as const).map((d) => (
            <span key={d} className="radio-row">
              <input
                type="radio"
                id={`${id}-${d}`}
                name={`${id}-decision`}
                checked={decision === d}
                onChange={() => setDecision(d)}
              />
              <label htmlFor={`${id}-${d}`}>
                {d === 'CONFIRM' ? 'Confirm: the same person' : 'Reject: not the same person'}
              </label>
            </span>
          ))}
        </fieldset>
        <EvidenceFields idPrefix={id} rows={rows} onChange={setRows} />{' '}
        <button type="submit" disabled={result.fetching}>
          {decision === 'CONFIRM' ? 'Confirm the link' : 'Reject the link'}
        </button>
      </form>
      {problem ? (
        <p className="refusal" role="alert">
          {problem}
        </p>
      ) : null}
      <RefusalNotice refusals={refusalsOf(result.error)} />
      {reviewed ? (
        <p role="status" data-testid="review-recorded">
          Your {decision === 'CONFIRM' ? 'confirmation' : 'rejection'} is recorded:{' '}
          <VerificationBadge {...reviewed.verification} />
        </p>
      ) : null}
    </details>
  );
}
