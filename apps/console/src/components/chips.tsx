import type { ReactNode } from 'react';

export const formatDate = (iso: string) => iso.slice(0, 10);
export const formatDateTime = (iso: string) => iso.replace('T', ' ').slice(0, 19);

/** A source with its colour: the same everywhere (profile, timeline, graph evidence). */
export function SourceChip({ source, children }: { source: string; children?: ReactNode }) {
  return (
    <span className={`chip chip-${source.toLowerCase()}`}>
      {source}
      {children ? <> {children}</> : null}
    </span>
  );
}

const STATE_TEXT: Readonly<Record<string, string>> = {
  UNVERIFIED: 'Unverified — not actionable',
  PENDING: 'Verification pending — not actionable',
  VERIFIED: 'Verified by two reviewers',
  REJECTED: 'Rejected — not actionable',
};

/** A verification state, never shown as a bare colour. */
export function VerificationBadge({
  state,
  confirmations,
  required,
}: {
  state: string | null;
  confirmations?: number;
  required?: number;
}) {
  const key = state ?? 'NONE';
  return (
    <span className={`badge badge-${key.toLowerCase()}`} data-testid="verification-state">
      {state ? (STATE_TEXT[state] ?? state) : 'No link to verify'}
      {confirmations !== undefined && required !== undefined && state !== null
        ? ` (${confirmations}/${required})`
        : ''}
    </span>
  );
}
