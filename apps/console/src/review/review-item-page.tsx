import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { refusalsOf } from '../api/refusals';
import { formatDate, formatDateTime, SourceChip } from '../components/chips';
import {
  citedEvidence,
  emptyEvidence,
  EvidenceFields,
  evidenceProblem,
  type EvidenceRow,
} from '../components/evidence-fields';
import { Loading, RefusalNotice } from '../components/refusal-notice';
import type { ReviewDecision, ReviewItemQuery as ReviewItemResult } from '../gql/graphql';
import { formatProbability } from '../identify/probability-bar';
import { WaterfallChart } from '../identify/waterfall-chart';
import { href } from '../shell/router';
import {
  ClaimReviewItemMutation,
  DecideReviewItemMutation,
  ReleaseReviewItemMutation,
  ReviewItemQuery,
  SettleReviewItemMutation,
} from './review.operations';
import { reviewAction, STATE_TEXT, verdictSummary } from './review-state';

type Item = ReviewItemResult['reviewItem'];
type Side = NonNullable<Item['comparison']['left']>;

const DECISION_TEXT: Readonly<Record<ReviewDecision, string>> = {
  LINK: 'Link: the same person',
  NOT_LINK: 'Not a link: different persons',
  UNSURE: 'Unsure: a supervisor decides',
};

/** Why a verdict's evidence would be refused: every verdict cites something, a LINK a non-biometric item. */
export function reviewEvidenceProblem(
  decision: ReviewDecision,
  rows: readonly EvidenceRow[],
): string | null {
  return evidenceProblem(rows, { nonBiometric: decision === 'LINK', atLeastOne: true });
}

function RecordSide({ side, label }: { side: Side | null; label: string }) {
  if (!side) {
    return (
      <section className="card compared" aria-label={label}>
        <h2>{label}</h2>
        <p className="muted">This record was purged under retention.</p>
      </section>
    );
  }
  return (
    <section className="card compared" aria-label={label} data-testid="compared-record">
      <h2>
        {label}: <SourceChip source={side.record.source} /> {side.record.recordId}
      </h2>
      <dl className="facts compact">
        <div>
          <dt>Observed</dt>
          <dd>{formatDate(side.record.observedAt)}</dd>
        </div>
        <div>
          <dt>Captures</dt>
          <dd>{side.record.captures.join(', ') || 'none'}</dd>
        </div>
        <div>
          <dt>Face quality</dt>
          <dd>{side.faceQuality?.toFixed(2) ?? 'no face'}</dd>
        </div>
        <div>
          <dt>Finger quality</dt>
          <dd>
            {side.fingerQualities.length
              ? side.fingerQualities.map((f) => `#${f.position} ${f.quality.toFixed(2)}`).join(', ')
              : 'no fingers'}
          </dd>
        </div>
        <div>
          <dt>Person now</dt>
          <dd>
            {side.person ? (
              <a href={href.person(side.person.id)}>
                <code>{side.person.id}</code>
              </a>
            ) : (
              '—'
            )}
          </dd>
        </div>
      </dl>
      <h3 className="small">
        Its person&apos;s other records ({side.otherRecords.length}): what a LINK would also join
      </h3>
      <ul
        className="other-records"
        tabIndex={0}
        aria-label={`${label}: its person's other records`}
      >
        {side.otherRecords.map((r) => (
          <li key={`${r.source}-${r.recordId}`}>
            <SourceChip source={r.source} /> {r.recordId}{' '}
            <span className="muted">{formatDate(r.observedAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Comparison({ item }: { item: Item }) {
  const c = item.comparison;
  return (
    <>
      <div className="compared-pair">
        <RecordSide side={c.left} label="Left record" />
        <RecordSide side={c.right} label="Right record" />
      </div>
      <section className="card" aria-labelledby="fields-heading">
        <h2 id="fields-heading">Compared fields</h2>
        <p>
          Held because:{' '}
          {c.heldBecause.map((h) => (
            <span key={h} className="badge badge-pending" data-testid="held-because">
              {h}
            </span>
          ))}
        </p>
        <dl className="facts compact">
          <div>
            <dt>Probability</dt>
            <dd>{formatProbability(c.probability)}</dd>
          </div>
          <div>
            <dt>LLR (biometric)</dt>
            <dd>
              {c.llr.toFixed(2)} ({c.biometricLlr.toFixed(2)})
            </dd>
          </div>
          <div>
            <dt>Evidence profile</dt>
            <dd>{c.profile}</dd>
          </div>
          <div>
            <dt>Thresholds</dt>
            <dd>
              auto-link {c.thresholds.autoLink?.toFixed(2) ?? 'none'}, review{' '}
              {c.thresholds.review.toFixed(2)}
            </dd>
          </div>
          <div>
            <dt>Model / thresholds</dt>
            <dd>
              <code>{c.modelVersion}</code> / <code>{c.thresholdVersion}</code>
            </dd>
          </div>
        </dl>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Compared fields">
          <table className="compared-fields" data-testid="compared-fields">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Left</th>
                <th scope="col">Right</th>
                <th scope="col">Level</th>
                <th scope="col">LLR</th>
              </tr>
            </thead>
            <tbody>
              {c.fields.map((f) => (
                <tr key={f.field}>
                  <th scope="row">{f.field}</th>
                  <td>{f.left.join(', ') || '—'}</td>
                  <td>{f.right.join(', ') || '—'}</td>
                  <td>{f.level}</td>
                  <td className={f.weight < 0 ? 'negative' : undefined}>
                    {f.weight >= 0 ? '+' : ''}
                    {f.weight.toFixed(2)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {c.biometrics.length ? (
          <p>
            Biometric scores:{' '}
            {c.biometrics
              .map(
                (b) =>
                  `${b.modality}${b.position ? ` #${b.position}` : ''} ${b.score.toFixed(3)} (LLR ${b.llr.toFixed(2)})`,
              )
              .join('; ')}
          </p>
        ) : (
          <p className="muted">No biometric comparison: one side has no usable capture.</p>
        )}
        <WaterfallChart
          title="How the evidence adds up"
          steps={c.waterfall}
          thresholds={[
            { label: 'auto-link', value: c.thresholds.autoLink },
            { label: 'review', value: c.thresholds.review },
          ]}
        />
      </section>
    </>
  );
}

function Verdicts({ item }: { item: Item }) {
  return (
    <section className="card" aria-labelledby="verdicts-heading">
      <h2 id="verdicts-heading">Verdicts</h2>
      {item.verdicts.length === 0 ? <p className="muted">No verdict yet.</p> : null}
      <ol>
        {item.verdicts.map((v) => (
          <li key={`${v.reviewer}-${v.stage}`} data-testid="verdict">
            <strong>{v.stage}</strong>: {v.reviewer} said <strong>{v.decision}</strong> on{' '}
            {formatDateTime(v.decidedAt)} ({v.purpose}, {v.caseNumber})
            {v.evidence.length
              ? ` citing ${v.evidence.map((e) => `${e.kind} ${e.reference}`).join(', ')}`
              : ''}
            {v.note ? ` — ${v.note}` : ''}
          </li>
        ))}
      </ol>
      {item.reason ? <p data-testid="review-reason">{item.reason}</p> : null}
    </section>
  );
}

function VerdictForm({
  item,
  settle,
  onDone,
}: {
  item: Item;
  settle: boolean;
  onDone: () => void;
}) {
  const id = useId();
  const choices: ReviewDecision[] = settle ? ['LINK', 'NOT_LINK'] : ['LINK', 'NOT_LINK', 'UNSURE'];
  const [decision, setDecision] = useState<ReviewDecision>('LINK');
  const [rows, setRows] = useState<EvidenceRow[]>([emptyEvidence()]);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [decided, decide] = useMutation(DecideReviewItemMutation);
  const [settled, settleItem] = useMutation(SettleReviewItemMutation);
  const result = settle ? settled : decided;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = reviewEvidenceProblem(decision, rows);
    setProblem(found);
    if (found) return;
    const base = {
      itemId: item.id,
      evidence: citedEvidence(rows),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    const sent = settle
      ? settleItem({ input: { ...base, decision: decision === 'LINK' ? 'LINK' : 'NOT_LINK' } })
      : decide({ input: { ...base, decision } });
    void sent.then((r) => {
      if (r.data) onDone();
    });
  };

  return (
    <form onSubmit={submit} className="card" aria-label={settle ? 'Settle' : 'Your verdict'}>
      <h2>{settle ? 'Settle as supervisor' : 'Your verdict'}</h2>
      <fieldset className="inline">
        <legend>Decision</legend>
        {choices.map((d) => (
          <span key={d} className="radio-row">
            <input
              type="radio"
              id={`${id}-${d}`}
              name={`${id}-decision`}
              checked={decision === d}
              onChange={() => setDecision(d)}
            />
            <label htmlFor={`${id}-${d}`}>{DECISION_TEXT[d]}</label>
          </span>
        ))}
      </fieldset>
      <EvidenceFields idPrefix={id} rows={rows} onChange={setRows} />
      <label htmlFor={`${id}-note`}>Note (optional)</label>
      <textarea
        id={`${id}-note`}
        rows={2}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <button type="submit" disabled={result.fetching}>
        {settle ? 'Settle' : 'Record my verdict'}
      </button>
      {problem ? (
        <p className="refusal" role="alert">
          {problem}
        </p>
      ) : null}
      <RefusalNotice refusals={refusalsOf(result.error)} />
    </form>
  );
}

/** One review item: both records side by side, the evidence, the verdicts, and what you may do. */
export function ReviewItemPage({
  itemId,
  user,
  roles,
}: {
  itemId: string;
  user: string;
  roles: readonly string[];
}) {
  const [{ data, error, fetching }, reload] = useQuery({
    query: ReviewItemQuery,
    variables: { id: itemId },
  });
  const [claimed, claim] = useMutation(ClaimReviewItemMutation);
  const [released, release] = useMutation(ReleaseReviewItemMutation);
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const item = data?.reviewItem;
  const next = item ? reviewAction(item, user, roles) : null;
  return (
    <main className="page" id="main">
      <p>
        <a href={href.review()}>← Review queue</a>
      </p>
      <h1>
        Review item <code className="muted small">{itemId}</code>
      </h1>
      <RefusalNotice refusals={refusalsOf(error)} />
      {fetching && !item ? <Loading what="the review item" /> : null}
      {item && next ? (
        <>
          <div className="profile-summary" data-testid="review-state">
            <span className={`badge badge-${item.state.toLowerCase()}`}>
              {STATE_TEXT[item.state] ?? item.state}
            </span>{' '}
            <span className="muted">{verdictSummary(item.verdicts, user)}</span>{' '}
            <span className="muted" data-testid="review-lease">
              {item.lease
                ? `Held by ${item.lease.claimedBy} until ${formatDateTime(item.lease.expiresAt)}`
                : 'Nobody holds it'}
            </span>
          </div>
          <p role="status" data-testid="review-next">
            {next.why}
          </p>
          {next.action === 'CLAIM' ? (
            <button type="button" onClick={() => void claim({ id: item.id }).then(refresh)}>
              Take this item
            </button>
          ) : null}
          {item.lease?.claimedBy === user ? (
            <button type="button" onClick={() => void release({ id: item.id }).then(refresh)}>
              Give it back
            </button>
          ) : null}
          <RefusalNotice refusals={refusalsOf(claimed.error ?? released.error)} />
          {next.action === 'DECIDE' || next.action === 'SETTLE' ? (
            <VerdictForm
              key={next.action}
              item={item}
              settle={next.action === 'SETTLE'}
              onDone={refresh}
            />
          ) : null}
          <Comparison item={item} />
          <Verdicts item={item} />
        </>
      ) : null}
    </main>
  );
}
