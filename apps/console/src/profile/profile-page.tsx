import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { fieldRefusalAt, refusalsOf, wholeRefusals } from '../api/refusals';
import { formatDate, formatDateTime, SourceChip, VerificationBadge } from '../components/chips';
import { HiddenField, Loading, RefusalNotice } from '../components/refusal-notice';
import type { AttributeKind, PersonProfileQuery } from '../gql/graphql';
import { formatProbability } from '../identify/probability-bar';
import { WaterfallChart } from '../identify/waterfall-chart';
import { href } from '../shell/router';
import { attributeGroups, type AttestedValue } from './attributes';
import { mayReview, ReviewVerification } from './review-verification';
import {
  FileDisputeMutation,
  PersonEvidenceQuery,
  PersonProfileQuery as ProfileQuery,
  PersonTimelineQuery,
  RequestVerificationMutation,
} from './profile.operations';
import { timelineOf } from './timeline';

type Person = NonNullable<PersonProfileQuery['person']>;

function ValueRow({ value }: { value: AttestedValue }) {
  return (
    <li className="attr-value" data-testid="attribute-value">
      <span className="value">{value.value}</span>{' '}
      {value.disputed ? (
        <span className="badge badge-disputed">disputed ({value.disputeState})</span>
      ) : null}
      <span className="support">
        {value.support.records} record{value.support.records === 1 ? '' : 's'}
        {value.support.modalities.length
          ? ` · linked by ${value.support.modalities.join(' + ')}`
          : ' · biographic or single record'}
      </span>
      <span className="provenance">
        {value.provenance.map((p) => (
          <SourceChip key={p.source} source={p.source}>
            <span title={p.recordIds.join(', ')}>
              ×{p.recordIds.length} · {formatDate(p.firstSeen)}
              {p.lastSeen !== p.firstSeen ? ` – ${formatDate(p.lastSeen)}` : ''}
            </span>
          </SourceChip>
        ))}
      </span>
    </li>
  );
}

function Attributes({ person }: { person: Person }) {
  return (
    <section aria-labelledby="attributes-heading" className="card">
      <h2 id="attributes-heading">Attributes</h2>
      <p className="muted">
        Every value as recorded, most supported first; chips name the source, how many of its
        records carry the value, and when it was first and last seen.
      </p>
      <div className="attr-grid">
        {attributeGroups(person.attributes).map((g) => (
          <div key={g.kind} className="attr-group">
            <h3>
              {g.label}{' '}
              {g.conflict ? (
                <span className="badge badge-conflict">{g.values.length} values disagree</span>
              ) : null}
            </h3>
            {g.values.length === 0 ? (
              <p className="muted">none recorded</p>
            ) : (
              <ul>
                {g.values.map((v) => (
                  <ValueRow key={v.value} value={v} />
                ))}
              </ul>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}

function Timeline({ personId }: { personId: string }) {
  const [{ data, error, fetching }] = useQuery({
    query: PersonTimelineQuery,
    variables: { id: personId },
  });
  const refusals = refusalsOf(error);
  const person = data?.person;
  return (
    <section aria-labelledby="timeline-heading" className="card">
      <h2 id="timeline-heading">Timeline of records</h2>
      <RefusalNotice
        refusals={wholeRefusals(refusals).filter((r) => r.field !== 'SeizureCase.narrative')}
      />
      {fetching && !person ? <Loading what="records" /> : null}
      {person ? (
        <>
          <ol className="timeline">
            {timelineOf(person).map((e, i) => (
              <li key={`${e.recordId}-${i}`}>
                <time dateTime={e.at}>{formatDateTime(e.at)}</time> <SourceChip source={e.source} />{' '}
                <strong>{e.title}</strong> <span className="muted">{e.detail}</span>{' '}
                <code className="muted">{e.recordId}</code>
              </li>
            ))}
          </ol>
          {person.seizureRecords.length ? (
            <>
              <h3>Seizure case narratives</h3>
              <ul className="narratives">
                {person.seizureRecords.map((s, i) => {
                  const hidden = fieldRefusalAt(refusals, [
                    'person',
                    'seizureRecords',
                    i,
                    'case',
                    'narrative',
                  ]);
                  return (
                    <li key={s.id}>
                      <strong>Case {s.case.caseNumber}</strong> ({s.case.agency}, opened{' '}
                      {formatDate(s.case.openedAt)}):{' '}
                      {hidden ? (
                        <HiddenField refusal={hidden} what="Narrative" />
                      ) : (
                        <q data-testid="narrative">{s.case.narrative ?? 'no narrative recorded'}</q>
                      )}
                    </li>
                  );
                })}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function RequestLinkVerification({
  decisionId,
  onRequested,
}: {
  decisionId: string;
  onRequested: () => void;
}) {
  const [result, request] = useMutation(RequestVerificationMutation);
  if (result.data) {
    return (
      <p role="status">
        Verification requested:{' '}
        <VerificationBadge {...result.data.requestVerification.verification} />
      </p>
    );
  }
  return (
    <>
      <button
        type="button"
        disabled={result.fetching}
        onClick={() =>
          void request({ input: { target: 'LINK', decisionId } }).then((r) => {
            if (r.data) onRequested();
          })
        }
      >
        Request verification of this link
      </button>
      <RefusalNotice refusals={refusalsOf(result.error)} />
    </>
  );
}

/** Who is looking: the reviewing form shows only to the roles that may review. */
export interface Viewer {
  user: string;
  roles: readonly string[];
}

function MatchEvidence({ personId, viewer }: { personId: string; viewer: Viewer }) {
  const [{ data, error, fetching }, reload] = useQuery({
    query: PersonEvidenceQuery,
    variables: { id: personId },
  });
  // A request or a review changes the state this query shows: read it again from the service.
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const decisions = data?.person?.matchEvidence ?? [];
  return (
    <section aria-labelledby="evidence-heading" className="card">
      <h2 id="evidence-heading">Match evidence</h2>
      <RefusalNotice refusals={refusalsOf(error)} />
      {fetching && !data ? <Loading what="match evidence" /> : null}
      {data && decisions.length === 0 ? <p>One record: no link to explain.</p> : null}
      <ol className="decisions">
        {decisions.map((d, i) => (
          <li key={d.id ?? i} className="decision" data-testid="decision">
            <h3>
              {d.records.map((r) => (
                <span key={`${r.source}-${r.recordId}`}>
                  <SourceChip source={r.source} /> {r.recordId}{' '}
                </span>
              ))}
            </h3>
            <dl className="facts compact">
              <div>
                <dt>Linked by</dt>
                <dd>
                  {d.linkedBy} on {formatDate(d.linkedAt)}
                </dd>
              </div>
              <div>
                <dt>LLR</dt>
                <dd>{d.llr?.toFixed(2) ?? '—'}</dd>
              </div>
              <div>
                <dt>Probability</dt>
                <dd>{d.probability !== null ? formatProbability(d.probability) : '—'}</dd>
              </div>
              <div>
                <dt>Evidence profile</dt>
                <dd>{d.profile ?? '—'}</dd>
              </div>
              <div>
                <dt>Model / thresholds</dt>
                <dd>
                  <code>{d.modelVersion ?? '—'}</code> / <code>{d.thresholdVersion ?? '—'}</code>
                </dd>
              </div>
              <div>
                <dt>Verification</dt>
                <dd>
                  <VerificationBadge {...d.verification} />
                  {d.verification.confirmedBy.length
                    ? ` confirmed by ${d.verification.confirmedBy.join(', ')}`
                    : ''}
                  {d.verification.rejectedBy.length
                    ? ` rejected by ${d.verification.rejectedBy.join(', ')}`
                    : ''}
                  {d.verification.requestedBy
                    ? ` (requested by ${d.verification.requestedBy})`
                    : ''}
                </dd>
              </div>
            </dl>
            {d.flags.length ? <p className="muted">Flags: {d.flags.join(', ')}</p> : null}
            {d.contributions.length ? (
              <WaterfallChart
                title="Why these records were linked"
                steps={d.contributions}
                thresholds={[
                  { label: 'auto-link', value: d.thresholds?.autoLink },
                  { label: 'review', value: d.thresholds?.review },
                ]}
              />
            ) : null}
            {d.id && d.verification.state === 'UNVERIFIED' ? (
              <RequestLinkVerification decisionId={d.id} onRequested={refresh} />
            ) : null}
            {d.verification.state === 'PENDING' &&
            d.verification.requestId &&
            mayReview(viewer.roles) ? (
              <ReviewVerification
                requestId={d.verification.requestId}
                requestedBy={d.verification.requestedBy}
                user={viewer.user}
                onReviewed={refresh}
              />
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Lineage({ person }: { person: Person }) {
  const { mergedInto, mergedFrom, splitFrom, splitInto } = person.lineage;
  const link = (id: string) => (
    <a key={id} href={href.person(id)}>
      <code>{id}</code>
    </a>
  );
  const empty = !mergedInto && !splitFrom && mergedFrom.length === 0 && splitInto.length === 0;
  return (
    <section aria-labelledby="lineage-heading" className="card">
      <h2 id="lineage-heading">Lineage</h2>
      {empty ? <p className="muted">Never merged or split.</p> : null}
      <ul>
        {mergedInto ? <li>Merged into {link(mergedInto)}</li> : null}
        {mergedFrom.length ? <li>Merged from {mergedFrom.map(link)}</li> : null}
        {splitFrom ? <li>Split from {link(splitFrom)}</li> : null}
        {splitInto.length ? <li>Split into {splitInto.map(link)}</li> : null}
      </ul>
    </section>
  );
}

const ATTRIBUTE_KINDS: readonly { kind: AttributeKind; key: keyof Person['attributes'] }[] = [
  { kind: 'NAME', key: 'names' },
  { kind: 'DATE_OF_BIRTH', key: 'datesOfBirth' },
  { kind: 'SEX', key: 'sexes' },
  { kind: 'NATIONALITY', key: 'nationalities' },
  { kind: 'DOCUMENT', key: 'documents' },
  { kind: 'PHONE', key: 'phones' },
  { kind: 'ADDRESS', key: 'addresses' },
  { kind: 'VEHICLE', key: 'vehicles' },
];

function FileDispute({ person }: { person: Person }) {
  const values = ATTRIBUTE_KINDS.flatMap(({ kind, key }) =>
    (person.attributes[key] as AttestedValue[]).map((v) => ({ kind, value: v.value })),
  );
  const records = person.records;
  const [target, setTarget] = useState<'ATTRIBUTE' | 'LINK'>('ATTRIBUTE');
  const [choice, setChoice] = useState(0);
  const [reason, setReason] = useState('');
  const [result, file] = useMutation(FileDisputeMutation);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const attribute = values[choice];
    const record = records[choice];
    void file({
      input: {
        personId: person.id,
        target,
        reason: reason.trim(),
        ...(target === 'ATTRIBUTE' && attribute
          ? { attribute: { kind: attribute.kind, value: attribute.value } }
          : {}),
        ...(target === 'LINK' && record
          ? { record: { source: record.source, recordId: record.recordId } }
          : {}),
      },
    });
  };
  const options =
    target === 'ATTRIBUTE'
      ? values.map((v) => `${v.kind}: ${v.value}`)
      : records.map((r) => `${r.source} ${r.recordId}`);

  return (
    <details className="file-dispute">
      <summary>File a dispute</summary>
      <form onSubmit={submit}>
        <fieldset className="inline">
          <legend>What is contested</legend>
          {(['ATTRIBUTE', 'LINK'] as const).map((t) => (
            <span key={t} className="radio-row">
              <input
                type="radio"
                id={`dispute-${t}`}
                name="dispute-target"
                checked={target === t}
                onChange={() => {
                  setTarget(t);
                  setChoice(0);
                }}
              />
              <label htmlFor={`dispute-${t}`}>
                {t === 'ATTRIBUTE' ? 'A value' : 'That a record belongs to this person'}
              </label>
            </span>
          ))}
        </fieldset>
        <label htmlFor="dispute-choice">{target === 'ATTRIBUTE' ? 'Value' : 'Record'}</label>
        <select
          id="dispute-choice"
          value={choice}
          onChange={(e) => setChoice(Number(e.target.value))}
        >
          {options.map((o, i) => (
            <option key={o} value={i}>
              {o}
            </option>
          ))}
        </select>
        <label htmlFor="dispute-reason">Reason</label>
        <textarea
          id="dispute-reason"
          rows={3}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
        />
        <button type="submit" disabled={result.fetching || reason.trim() === ''}>
          File dispute
        </button>
      </form>
      <RefusalNotice refusals={refusalsOf(result.error)} />
      {result.data ? (
        <p role="status">
          Dispute {result.data.fileDispute.id} filed ({result.data.fileDispute.state}).
        </p>
      ) : null}
    </details>
  );
}

function Disputes({ person }: { person: Person }) {
  return (
    <section aria-labelledby="disputes-heading" className="card">
      <h2 id="disputes-heading">Disputes</h2>
      {person.disputes.length === 0 ? <p className="muted">No dispute filed.</p> : null}
      <ul>
        {person.disputes.map((d) => (
          <li key={d.id}>
            <span className={`badge badge-${d.state.toLowerCase()}`}>{d.state}</span>{' '}
            {d.target === 'LINK' && d.record
              ? `Link of ${d.record.source} ${d.record.recordId}`
              : d.attribute
                ? `${d.attribute.kind} “${d.attribute.value}”`
                : d.target}{' '}
            — {d.reason}{' '}
            <span className="muted">
              (filed by {d.filedBy} on {formatDate(d.filedAt)}
              {d.resolvedBy ? `; resolved by ${d.resolvedBy}: ${d.resolutionNote ?? ''}` : ''})
            </span>
          </li>
        ))}
      </ul>
      <FileDispute person={person} />
    </section>
  );
}

export function ProfilePage({
  personId,
  purpose,
  viewer,
}: {
  personId: string;
  purpose: string;
  viewer: Viewer;
}) {
  const [{ data, error, fetching }] = useQuery({
    query: ProfileQuery,
    variables: { id: personId },
  });
  const person = data?.person;
  const name = person?.attributes.names[0]?.value;
  return (
    <main className="page" id="main">
      <h1>
        {name ?? 'Person'} <code className="muted small">{personId}</code>
      </h1>
      <RefusalNotice refusals={refusalsOf(error)} />
      {fetching && !person ? <Loading what="the profile" /> : null}
      {data && !person && !error ? <p role="alert">No person with this id.</p> : null}
      {person ? (
        <>
          <div className="profile-summary">
            <span className="badge">{person.status}</span>{' '}
            <VerificationBadge state={person.verification.state} />{' '}
            <span className="muted">
              {person.verification.verifiedLinks} of {person.verification.links} links verified
            </span>{' '}
            {person.underDispute ? (
              <span className="badge badge-disputed">under dispute</span>
            ) : null}{' '}
            {purpose === 'CASE_INVESTIGATION' || purpose === 'IDENTITY_VERIFICATION' ? (
              <a className="button-link" href={href.graph(person.id)}>
                Open link graph
              </a>
            ) : null}
          </div>
          <Attributes person={person} />
          <Timeline personId={person.id} />
          <MatchEvidence personId={person.id} viewer={viewer} />
          <Lineage person={person} />
          <Disputes person={person} />
        </>
      ) : null}
    </main>
  );
}
