import { useState, type FormEvent } from 'react';
import type { ConsoleConfig } from '../api/console-config';
import { CASE_NUMBER, purposesFor, type Identity } from './identity';

export interface WorkContext {
  purpose: string;
  caseNumber: string;
}

const PURPOSE_TEXT: Readonly<Record<string, string>> = {
  CASE_INVESTIGATION: 'Investigating a case: profiles, identification, link analysis',
  IDENTITY_VERIFICATION: 'Verifying who someone is: profiles and identification, one hop',
  DATA_QUALITY: 'Checking and correcting resolution',
  OVERSIGHT_AUDIT: 'Reading the audit log (no personal data)',
};

/** Purpose and case come before anything else: no screen loads data without them. */
export function ContextPage({
  config,
  identity,
  current,
  onChosen,
}: {
  config: ConsoleConfig;
  identity: Identity;
  current: WorkContext | null;
  onChosen: (context: WorkContext) => void;
}) {
  const allowed = purposesFor(identity.roles, config.purposes);
  const [purpose, setPurpose] = useState(current?.purpose ?? allowed[0] ?? '');
  const [caseNumber, setCaseNumber] = useState(current?.caseNumber ?? '');
  const [touched, setTouched] = useState(false);
  const caseValid = CASE_NUMBER.test(caseNumber);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (purpose && caseValid) onChosen({ purpose, caseNumber });
  };

  return (
    <main className="page narrow" id="main">
      <h1>Why are you looking?</h1>
      <p>
        Signed in as <strong>{identity.user}</strong> ({identity.roles.join(', ') || 'no role'}).
        Choose the purpose and the case number first: they are sent with every request and recorded
        in the audit log with what you see.
      </p>
      {allowed.length === 0 ? (
        <p className="refusal" role="alert">
          Your roles may declare no purpose, so the gateway will answer nothing.
        </p>
      ) : null}
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>Purpose</legend>
          {Object.keys(config.purposes).map((p) => (
            <div key={p} className="radio-row">
              <input
                type="radio"
                id={`purpose-${p}`}
                name="purpose"
                value={p}
                checked={purpose === p}
                disabled={!allowed.includes(p)}
                onChange={() => setPurpose(p)}
              />
              <label htmlFor={`purpose-${p}`}>
                <code>{p}</code> — {PURPOSE_TEXT[p] ?? p}
                {!allowed.includes(p) ? (
                  <span className="muted"> (not open to your role)</span>
                ) : null}
              </label>
            </div>
          ))}
        </fieldset>
        <label htmlFor="case-number">Case number</label>
        <input
          id="case-number"
          value={caseNumber}
          onChange={(e) => setCaseNumber(e.target.value.toUpperCase())}
          placeholder={config.exampleCase ?? 'CASE-2026-000123'}
          aria-describedby="case-help"
          aria-invalid={touched && !caseValid}
          autoComplete="off"
        />
        <p id="case-help" className="muted">
          Format AGENCY-YEAR-NUMBER, e.g. {config.exampleCase ?? 'CASE-2026-000123'}.
        </p>
        {touched && !caseValid ? (
          <p className="refusal" role="alert">
            A case number looks like CASE-2026-000123.
          </p>
        ) : null}
        <button type="submit" disabled={!purpose}>
          Continue
        </button>
      </form>
    </main>
  );
}
