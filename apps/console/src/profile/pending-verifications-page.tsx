import { useQuery } from 'urql';
import { refusalsOf } from '../api/refusals';
import { CursorPager, useCursorPages } from '../components/cursor-pager';
import { formatDateTime, SourceChip, VerificationBadge } from '../components/chips';
import { Loading, RefusalNotice } from '../components/refusal-notice';
import { href } from '../shell/router';
import { PendingVerificationsQuery } from './profile.operations';
import { ReviewVerification } from './review-verification';

const PAGE = 20;

/**
 * The verification requests waiting for reviewers, the longest-waiting
 * first: each with what it is about, who asked and why, how far the
 * two-person rule has got, and the reviewer's form.
 */
export function PendingVerificationsPage({ user }: { user: string }) {
  const pages = useCursorPages();
  const after = pages.after;
  const [{ data, error, fetching }, reload] = useQuery({
    query: PendingVerificationsQuery,
    variables: { first: PAGE, after },
    requestPolicy: 'cache-and-network',
  });
  const page = data?.pendingVerifications;
  return (
    <main className="page" id="main">
      <h1>Verification requests</h1>
      <p className="muted">
        Links and identifications someone asked two reviewers to confirm, the longest-waiting first.
        Nothing may rest on them until two different reviewers confirmed; one rejection closes them.
      </p>
      <RefusalNotice refusals={refusalsOf(error)} />
      {fetching && !page ? <Loading what="the verification requests" /> : null}
      {page && page.requests.length === 0 ? (
        <p role="status">No verification request waits for a reviewer.</p>
      ) : null}
      <ol className="decisions">
        {page?.requests.map((r) => (
          <li key={r.id} className="decision card" data-testid="pending-verification">
            <h2 className="small">
              {r.target === 'LINK' ? 'Link' : 'Identification'}:{' '}
              {r.records.map((rec) => (
                <span key={`${rec.source}-${rec.recordId}`}>
                  <SourceChip source={rec.source} /> {rec.recordId}{' '}
                </span>
              ))}
              {r.person ? (
                <>
                  — person{' '}
                  <a href={href.person(r.person.id)}>
                    <code>{r.person.id}</code>
                  </a>
                </>
              ) : null}
            </h2>
            <p>
              <VerificationBadge {...r.verification} />
              {r.verification.confirmedBy.length
                ? ` confirmed by ${r.verification.confirmedBy.join(', ')}`
                : ''}{' '}
              <span className="muted">
                Asked by {r.requestedBy} on {formatDateTime(r.requestedAt)} ({r.purpose},{' '}
                {r.caseNumber}){r.note ? `: “${r.note}”` : ''}
              </span>
            </p>
            <ReviewVerification
              requestId={r.id}
              requestedBy={r.requestedBy}
              user={user}
              onReviewed={() => reload({ requestPolicy: 'network-only' })}
            />
          </li>
        ))}
      </ol>
      <CursorPager
        pages={pages}
        hasNextPage={page?.hasNextPage ?? false}
        endCursor={page?.endCursor ?? null}
      />
    </main>
  );
}
