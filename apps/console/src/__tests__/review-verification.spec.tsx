import { renderToStaticMarkup } from 'react-dom/server';
import { Client, Provider } from 'urql';
import {
  EVIDENCE_KINDS,
  evidenceProblem,
  mayReview,
  ReviewVerification,
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
