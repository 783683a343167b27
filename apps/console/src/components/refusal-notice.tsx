import type { Refusal } from '../api/refusals';

/** A refusal as a person reads it: what happened, the gateway's words, what to do. */
export function RefusalNotice({ refusals }: { refusals: readonly Refusal[] }) {
  if (refusals.length === 0) return null;
  return (
    <div className="refusal" role="alert">
      {refusals.map((r, i) => (
        <div key={`${r.code}-${i}`} className="refusal-item">
          <p className="refusal-title">
            <strong>{r.title}</strong> <code className="code-badge">{r.code}</code>
          </p>
          <p className="refusal-detail">{r.detail}</p>
          <p className="refusal-advice">{r.advice}</p>
        </div>
      ))}
    </div>
  );
}

/** One field the gateway withheld, in place of its value, saying why. */
export function HiddenField({ refusal, what }: { refusal: Refusal; what: string }) {
  return (
    <p className="hidden-field" data-testid="hidden-field">
      <strong>{what} hidden</strong> ({refusal.code}): {refusal.detail}
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}
