import { renderToStaticMarkup } from 'react-dom/server';
import { Client, Provider } from 'urql';
import { EVIDENCE_KINDS } from '../components/evidence-fields';
import { reviewEvidenceProblem } from '../review/review-item-page';
import { reviewAction, verdictSummary } from '../review/review-state';
import {
  mayReview,
  ReviewVerification,
  verdictEvidenceProblem as evidenceProblem,
} from '../profile/review-verification';

describe('reviewing a verification request', () => {
  it('offers the form only to the roles the service lets review', () => {
    expect(mayReview(['REVIEWER'])).toBe(true);
    expect(mayReview(['SUPERVISOR'])).toBe(true);
    expect(mayReview(['ANALYST'])).toBe(false);
    expect(mayReview(['OFFICER', 'OVERSIGHT'])).toBe(false);
    expect(mayReview([])).toBe(false);
  });

  it('does not send a confirmation that cites biometric evidence only', () => {
    expect(
      evidenceProblem('CONFIRM', [{ kind: 'FACE_COMPARISON', reference: 'FR-1', note: '' }]),
    ).toMatch(/non-biometric/);
    expect(
      evidenceProblem('CONFIRM', [{ kind: 'TRAVEL_DOCUMENT', reference: ' ', note: '' }]),
    ).toMatch(/non-biometric/);
    expect(
      evidenceProblem('CONFIRM', [
        { kind: 'FINGERPRINT_COMPARISON', reference: 'FP-1', note: '' },
        { kind: 'CASE_FILE', reference: 'CF-2026-1', note: '' },
      ]),
    ).toBeNull();
  });

  it('lets a rejection go without evidence, but never an item without its reference', () => {
    expect(evidenceProblem('REJECT', [{ kind: 'CASE_FILE', reference: '', note: '' }])).toBeNull();
    expect(
      evidenceProblem('REJECT', [{ kind: 'CASE_FILE', reference: '', note: 'saw the file' }]),
    ).toMatch(/reference/);
  });

  it('marks exactly the two biometric kinds as biometric', () => {
    expect(EVIDENCE_KINDS.filter((k) => k.biometric).map((k) => k.kind)).toEqual([
      'FACE_COMPARISON',
      'FINGERPRINT_COMPARISON',
    ]);
  });

  it('tells the requester that two other reviewers must confirm', () => {
    const client = new Client({
      url: 'http://127.0.0.1:1/graphql',
      exchanges: [],
    });
    const render = (user: string) =>
      renderToStaticMarkup(
        <Provider value={client}>
          <ReviewVerification
            requestId="0190a1b2-0000-7000-8000-000000000001"
            requestedBy="demo.reviewer1"
            user={user}
            onReviewed={() => undefined}
          />
        </Provider>,
      );
    expect(render('demo.reviewer1')).toContain('two other reviewers must confirm it');
    expect(render('demo.reviewer2')).toContain('Two different reviewers must confirm it');
  });
});

describe('the review queue', () => {
  const pending = (over: Partial<Parameters<typeof reviewAction>[0]> = {}) => ({
    state: 'PENDING',
    lease: null,
    verdicts: [],
    ...over,
  });

  it('asks a reviewer to take a free item before deciding it, and lets the holder decide', () => {
    expect(reviewAction(pending(), 'r1', ['REVIEWER']).action).toBe('CLAIM');
    expect(reviewAction(pending({ lease: { claimedBy: 'r1' } }), 'r1', ['REVIEWER']).action).toBe(
      'DECIDE',
    );
  });

  it('names who holds an item someone else leased, and offers nothing', () => {
    const next = reviewAction(pending({ lease: { claimedBy: 'r2' } }), 'r1', ['REVIEWER']);
    expect(next).toEqual({ action: 'NONE', why: 'r2 holds this item now.' });
  });

  it('never offers a second verdict to one reviewer', () => {
    const item = pending({ verdicts: [{ reviewer: 'r1', stage: 'FIRST', decision: 'LINK' }] });
    expect(reviewAction(item, 'r1', ['REVIEWER']).action).toBe('NONE');
    expect(reviewAction(item, 'r2', ['REVIEWER']).action).toBe('CLAIM');
  });

  it('leaves an escalated item to a supervisor who did not review it', () => {
    const escalated = pending({
      state: 'ESCALATED',
      verdicts: [
        { reviewer: 'r1', stage: 'FIRST', decision: 'LINK' },
        { reviewer: 's1', stage: 'SECOND', decision: 'NOT_LINK' },
      ],
    });
    expect(reviewAction(escalated, 'r2', ['REVIEWER']).action).toBe('NONE');
    expect(reviewAction(escalated, 's1', ['SUPERVISOR']).action).toBe('NONE');
    expect(reviewAction(escalated, 's2', ['SUPERVISOR']).action).toBe('CLAIM');
    expect(
      reviewAction({ ...escalated, lease: { claimedBy: 's2' } }, 's2', ['SUPERVISOR']).action,
    ).toBe('SETTLE');
    expect(
      reviewAction({ ...escalated, lease: { claimedBy: 's3' } }, 's2', ['SUPERVISOR']),
    ).toEqual({ action: 'NONE', why: 's3 holds this item now.' });
  });

  it('says how far the two-person rule has got', () => {
    expect(verdictSummary([{ reviewer: 'r1', stage: 'FIRST', decision: 'LINK' }], 'r1')).toBe(
      '1 of 2 verdicts; yours: LINK',
    );
  });

  it('makes every verdict cite something, and a LINK something non-biometric', () => {
    const face = [{ kind: 'FACE_COMPARISON' as const, reference: 'F-1', note: '' }];
    expect(reviewEvidenceProblem('LINK', face)).toMatch(/non-biometric/);
    expect(reviewEvidenceProblem('NOT_LINK', face)).toBeNull();
    expect(
      reviewEvidenceProblem('UNSURE', [{ kind: 'CASE_FILE', reference: '', note: '' }]),
    ).toMatch(/at least one/);
  });
});
