import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { refusalsOf } from '../api/refusals';
import { CursorPager, useCursorPages } from '../components/cursor-pager';
import { formatDateTime, SourceChip } from '../components/chips';
import { Loading, RefusalNotice } from '../components/refusal-notice';
import { formatProbability } from '../identify/probability-bar';
import { href } from '../shell/router';
import { ReviewQueueQuery } from './review.operations';
import { STATE_TEXT, verdictSummary } from './review-state';

const PAGE = 20;

/**
 * The review queue: open pairs the resolver held for people, highest
 * priority first, with what puts each where it is (the persons it would join,
 * how close it is to the operating point, age, whether an officer waits).
 */
export function ReviewQueuePage({ user }: { user: string }) {
  const [claimableOnly, setClaimableOnly] = useState(false);
  const [officerWaiting, setOfficerWaiting] = useState(false);
  const pages = useCursorPages();
  const after = pages.after;
  const variables = useMemo(
    () => ({
      first: PAGE,
      after,
      filter: {
        ...(claimableOnly ? { claimableOnly: true } : {}),
        ...(officerWaiting ? { officerWaiting: true } : {}),
      },
    }),
    [after, claimableOnly, officerWaiting],
  );
  const [{ data, error, fetching, operation }] = useQuery({
    query: ReviewQueueQuery,
    variables,
    requestPolicy: 'cache-and-network',
  });
  // Never the rows of another filter or page while this one loads: a reviewer acts on what is shown.
  const current = JSON.stringify(operation?.variables) === JSON.stringify(variables);
  const page = current ? data?.reviewQueue : undefined;
  const restart = pages.restart;
  return (
    <main className="page" id="main">
      <h1>Review queue</h1>
      <p className="muted">
        Pairs of records the resolver would not link or separate on its own. Two different reviewers
        agreeing decide an item; if they disagree, or one is unsure, a supervisor settles it. One
        verdict alone changes nothing.
      </p>
      <fieldset className="inline">
        <legend>Show</legend>
        <span className="radio-row">
          <input
            type="checkbox"
            id="queue-claimable"
            checked={claimableOnly}
            onChange={(e) => {
              setClaimableOnly(e.target.checked);
              restart();
            }}
          />
          <label htmlFor="queue-claimable">only items I can take now</label>
        </span>
        <span className="radio-row">
          <input
            type="checkbox"
            id="queue-officer"
            checked={officerWaiting}
            onChange={(e) => {
              setOfficerWaiting(e.target.checked);
              restart();
            }}
          />
          <label htmlFor="queue-officer">only items an officer waits on</label>
        </span>
      </fieldset>
      <RefusalNotice refusals={refusalsOf(error)} />
      {(fetching || !current) && !page ? <Loading what="the review queue" /> : null}
      {page && page.edges.length === 0 ? <p role="status">Nothing waits for review.</p> : null}
      {page && page.edges.length > 0 ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Review items">
          <table className="review-queue">
            <thead>
              <tr>
                <th scope="col">Priority</th>
                <th scope="col">Records</th>
                <th scope="col">Persons&apos; sizes</th>
                <th scope="col">Probability</th>
                <th scope="col">From the operating point</th>
                <th scope="col">Waiting</th>
                <th scope="col">State</th>
                <th scope="col">Taken by</th>
              </tr>
            </thead>
            <tbody>
              {page.edges.map(({ node }) => (
                <tr key={node.id} data-testid="review-row">
                  <td>
                    {node.priority?.score.toFixed(2) ?? '—'}
                    {node.priority?.officerWaiting ? (
                      <span className="badge badge-pending"> officer waiting</span>
                    ) : null}
                  </td>
                  <td>
                    <a href={href.review(node.id)}>
                      {node.records.map((r) => (
                        <span key={`${r.source}-${r.recordId}`}>
                          <SourceChip source={r.source} /> {r.recordId}{' '}
                        </span>
                      ))}
                    </a>
                  </td>
                  <td>{node.priority?.personSizes.join(' + ') ?? '—'}</td>
                  <td>
                    {node.priority ? formatProbability(node.priority.probability) : '—'}{' '}
                    <span className="muted">{node.priority?.profile}</span>
                  </td>
                  <td>
                    {node.priority
                      ? `${node.priority.distanceToOperatingPoint.toFixed(2)} LLR`
                      : '—'}
                  </td>
                  <td>
                    {node.priority ? `${node.priority.ageHours.toFixed(1)} h` : '—'}
                    <span className="muted"> since {formatDateTime(node.createdAt)}</span>
                  </td>
                  <td>
                    <span className={`badge badge-${node.state.toLowerCase()}`}>
                      {STATE_TEXT[node.state] ?? node.state}
                    </span>{' '}
                    <span className="muted">{verdictSummary(node.verdicts, user)}</span>
                  </td>
                  <td>
                    {node.lease
                      ? `${node.lease.claimedBy === user ? 'you' : node.lease.claimedBy} until ${formatDateTime(node.lease.expiresAt)}`
                      : 'free'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <CursorPager
        pages={pages}
        hasNextPage={page?.hasNextPage ?? false}
        endCursor={page?.endCursor ?? null}
      />
      {page ? <p className="muted">Priorities as of {formatDateTime(page.asOf)}.</p> : null}
    </main>
  );
}
