import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { refusalsOf } from '../api/refusals';
import { VerificationBadge } from '../components/chips';
import { RefusalNotice } from '../components/refusal-notice';
import type { EvidenceKind, VerificationDecision } from '../gql/graphql';
import { ConfirmVerificationMutation } from './profile.operations';

/** The roles the identity service lets review (Mutation.confirmVerification in the access matrix). */
export const REVIEWING_ROLES = ['REVIEWER', 'SUPERVISOR'] as const;

export function mayReview(roles: readonly string[]): boolean {
  return roles.some((r) => (REVIEWING_ROLES as readonly string[]).includes(r));
}

/** Evidence kinds as a reviewer reads them; biometric ones cannot carry a confirmation alone. */
export const EVIDENCE_KINDS: readonly { kind: EvidenceKind; label: string; biometric: boolean }[] =
  [
    { kind: 'TRAVEL_DOCUMENT', label: 'Travel or identity document examined', biometric: false },
    { kind: 'TRAVEL_HISTORY', label: 'Travel records consistent with the match', biometric: false },
    { kind: 'CASE_FILE', label: 'Case file or report', biometric: false },
    { kind: 'INTERVIEW', label: 'Interview with the person', biometric: false },
    { kind: 'OTHER_NON_BIOMETRIC', label: 'Other non-biometric (say what)', biometric: false },
    { kind: 'FACE_COMPARISON', label: 'Face comparison (biometric)', biometric: true },
    {
      kind: 'FINGERPRINT_COMPARISON',
      label: 'Fingerprint comparison (biometric)',
      biometric: true,
    },
  ];

export interface EvidenceRow {
  kind: EvidenceKind;
  reference: string;
  note: string;
}

/**
 * Why the form would be refused before it is sent, or null. The identity
 * service checks the same rules (a CONFIRM cites a non-biometric item; every
 * item names where the evidence is); saying so here spares a round trip,
 * it does not replace the service's check.
 */
export function evidenceProblem(
  decision: VerificationDecision,
  rows: readonly EvidenceRow[],
): string | null {
  const cited = rows.filter((r) => r.reference.trim() !== '');
  if (rows.some((r) => r.reference.trim() === '' && r.note.trim() !== '')) {
    return 'Every evidence item needs a reference: where the evidence is.';
  }
  if (decision === 'CONFIRM') {
    const nonBiometric = cited.filter(
      (r) => !EVIDENCE_KINDS.find((k) => k.kind === r.kind)?.biometric,
    );
    if (nonBiometric.length === 0) {
      return 'A confirmation must cite at least one non-biometric item: biometric scores alone do not count.';
    }
  }
  return null;
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
  const [rows, setRows] = useState<EvidenceRow[]>([
    { kind: 'TRAVEL_DOCUMENT', reference: '', note: '' },
  ]);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, confirm] = useMutation(ConfirmVerificationMutation);

  const update = (i: number, patch: Partial<EvidenceRow>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = evidenceProblem(decision, rows);
    setProblem(found);
    if (found) return;
    const evidence = rows
      .filter((r) => r.reference.trim() !== '')
      .map((r) => ({
        kind: r.kind,
        reference: r.reference.trim(),
        ...(r.note.trim() ? { note: r.note.trim() } : {}),
      }));
    void confirm({ input: { requestId, decision, evidence } }).then((r) => {
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
        {rows.map((row, i) => (
          <fieldset key={i} className="evidence-row">
            <legend>Evidence {i + 1}</legend>
            <label htmlFor={`${id}-kind-${i}`}>Kind</label>
            <select
              id={`${id}-kind-${i}`}
              value={row.kind}
              onChange={(e) => update(i, { kind: e.target.value as EvidenceKind })}
            >
              {EVIDENCE_KINDS.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-reference-${i}`}>Reference (where the evidence is)</label>
            <input
              id={`${id}-reference-${i}`}
              value={row.reference}
              maxLength={200}
              onChange={(e) => update(i, { reference: e.target.value })}
            />
            <label htmlFor={`${id}-note-${i}`}>Note (optional)</label>
            <input
              id={`${id}-note-${i}`}
              value={row.note}
              maxLength={1000}
              onChange={(e) => update(i, { note: e.target.value })}
            />
          </fieldset>
        ))}
        <button
          type="button"
          onClick={() => setRows([...rows, { kind: 'CASE_FILE', reference: '', note: '' }])}
        >
          Add evidence
        </button>{' '}
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
