import { href, type Route } from '../shell/router';
import type { WorkContext } from './context-page';
import type { Identity } from './identity';

/** On every screen: who is asking, why, for which case; and where to go. */
export function ContextBar({
  identity,
  context,
  route,
  onChangeContext,
  onSignOut,
}: {
  identity: Identity;
  context: WorkContext | null;
  route: Route;
  onChangeContext: () => void;
  onSignOut: () => void;
}) {
  const oversight = context?.purpose === 'OVERSIGHT_AUDIT';
  const links = oversight
    ? [{ label: 'Audit log', to: href.audit(), screen: 'audit' }]
    : [
        { label: 'Search', to: href.search(), screen: 'search' },
        { label: 'Identify', to: href.identify(), screen: 'identify' },
        { label: 'Link graph', to: href.graph(), screen: 'graph' },
        ...(identity.roles.some((r) => r === 'REVIEWER' || r === 'SUPERVISOR')
          ? [
              { label: 'Review queue', to: href.review(), screen: 'review' },
              { label: 'Verifications', to: href.verifications(), screen: 'verifications' },
            ]
          : []),
      ];
  return (
    <header className="context-bar">
      <div className="brand">Mosaic</div>
      <dl className="context" aria-label="Request context" data-testid="context-bar">
        <div>
          <dt>User</dt>
          <dd>
            {identity.user} <span className="muted">({identity.roles.join(', ')})</span>
          </dd>
        </div>
        <div>
          <dt>Purpose</dt>
          <dd data-testid="context-purpose">{context?.purpose ?? 'not chosen'}</dd>
        </div>
        <div>
          <dt>Case</dt>
          <dd data-testid="context-case">{context?.caseNumber ?? 'not chosen'}</dd>
        </div>
      </dl>
      <div className="context-actions">
        <button type="button" onClick={onChangeContext}>
          Change purpose or case
        </button>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </div>
      {context ? (
        <nav aria-label="Screens" className="screens">
          <ul>
            {links.map((l) => (
              <li key={l.screen}>
                <a href={l.to} aria-current={route.screen === l.screen ? 'page' : undefined}>
                  {l.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
