import { useMemo, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { refusalsOf } from '../api/refusals';
import { formatDateTime } from '../components/chips';
import { Loading, RefusalNotice } from '../components/refusal-notice';
import type { AuditEntryFilter, AuditOutcome } from '../gql/graphql';
import { AuditEntriesQuery, AuditVerificationQuery } from './audit.operations';

const OUTCOMES: readonly AuditOutcome[] = ['OK', 'PARTIAL', 'DENIED', 'FAILED'];
const PAGE = 50;

function ChainStatus() {
  const [asked, setAsked] = useState(false);
  const [{ data, error, fetching }, verify] = useQuery({
    query: AuditVerificationQuery,
    pause: !asked,
    requestPolicy: 'network-only',
  });
  const v = data?.auditVerification;
  return (
    <section aria-labelledby="chain-heading" className="card">
      <h2 id="chain-heading">Chain verification</h2>
      <button
        type="button"
        onClick={() => (asked ? verify({ requestPolicy: 'network-only' }) : setAsked(true))}
      >
        Verify the hash chain now
      </button>
      <RefusalNotice refusals={refusalsOf(error)} />
      {fetching ? <Loading what="the chain check" /> : null}
      {v ? (
        <p role="status" data-testid="chain-status" className={v.ok ? 'ok' : 'refusal'}>
          {v.ok
            ? `Intact: ${v.entriesChecked} entries checked, head ${v.headSequence ?? '—'}.`
            : `Broken at entry ${v.problem?.sequence ?? '?'} (${v.problem?.kind ?? '?'}): ${v.problem?.message ?? ''}`}
        </p>
      ) : null}
    </section>
  );
}

export function AuditPage() {
  const [user, setUser] = useState('');
  const [purpose, setPurpose] = useState('');
  const [caseNumber, setCaseNumber] = useState('');
  const [outcome, setOutcome] = useState<AuditOutcome | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [filter, setFilter] = useState<AuditEntryFilter>({});
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }] = useQuery({
    query: AuditEntriesQuery,
    variables: { filter, after, limit: PAGE },
    requestPolicy: 'network-only',
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = (s: string) => (s.trim() === '' ? null : s.trim());
    const instant = (s: string) => (s ? new Date(s).toISOString() : null);
    setAfter(null);
    setFilter({
      user: value(user),
      purpose: value(purpose),
      caseNumber: value(caseNumber),
      outcome: outcome || null,
      from: instant(from),
      to: instant(to),
    });
  };
  const entries = data?.auditEntries.entries ?? [];
  const perUser = useMemo(() => {
    const counts = new Map<string, number>();
    for (const e of entries)
      counts.set(e.user ?? '(no valid token)', (counts.get(e.user ?? '(no valid token)') ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]);
  }, [entries]);

  return (
    <main className="page" id="main">
      <h1>Audit log</h1>
      <p className="muted">
        Every operation, answered or refused, newest first. No personal data is shown here: only who
        asked, why, for which case, and how many persons an answer touched. Reading this log is
        itself audited.
      </p>
      <form className="inline-form" onSubmit={submit} aria-label="Audit filters">
        <div>
          <label htmlFor="audit-user">User</label>
          <input id="audit-user" value={user} onChange={(e) => setUser(e.target.value)} />
        </div>
        <div>
          <label htmlFor="audit-purpose">Purpose</label>
          <input id="audit-purpose" value={purpose} onChange={(e) => setPurpose(e.target.value)} />
        </div>
        <div>
          <label htmlFor="audit-case">Case</label>
          <input
            id="audit-case"
            value={caseNumber}
            onChange={(e) => setCaseNumber(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="audit-outcome">Outcome</label>
          <select
            id="audit-outcome"
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as AuditOutcome | '')}
          >
            <option value="">any</option>
            {OUTCOMES.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-from">From</label>
          <input
            id="audit-from"
            type="datetime-local"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="audit-to">To</label>
          <input
            id="audit-to"
            type="datetime-local"
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
        </div>
        <button type="submit">Filter</button>
      </form>
      <RefusalNotice refusals={refusalsOf(error)} />
      <ChainStatus />
      <section aria-labelledby="per-user-heading" className="card">
        <h2 id="per-user-heading">Accesses per user (this page)</h2>
        <ul className="inline-list">
          {perUser.map(([u, n]) => (
            <li key={u}>
              {u}: <strong>{n}</strong>
            </li>
          ))}
        </ul>
      </section>
      {fetching && !data ? <Loading what="audit entries" /> : null}
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Audit entries">
        <table className="audit">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Time (UTC)</th>
              <th scope="col">User</th>
              <th scope="col">Roles</th>
              <th scope="col">Purpose</th>
              <th scope="col">Case</th>
              <th scope="col">Operation</th>
              <th scope="col">Outcome</th>
              <th scope="col">Codes</th>
              <th scope="col">Persons</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="audit-entry">
                <td>{e.sequence}</td>
                <td>{formatDateTime(e.at)}</td>
                <td>{e.user ?? '—'}</td>
                <td>{e.roles.join(', ')}</td>
                <td>{e.purpose ?? '—'}</td>
                <td>{e.caseNumber ?? '—'}</td>
                <td>
                  {e.operationName ?? '(anonymous)'}{' '}
                  <span className="muted">{e.operationType}</span>
                </td>
                <td>
                  <span className={`badge outcome-${e.outcome.toLowerCase()}`}>{e.outcome}</span>
                </td>
                <td>{e.errorCodes.join(', ')}</td>
                <td>{e.personIds.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data?.auditEntries.nextCursor ? (
        <button type="button" onClick={() => setAfter(data.auditEntries.nextCursor)}>
          Older entries
        </button>
      ) : null}
    </main>
  );
}
