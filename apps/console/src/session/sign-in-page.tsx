import { useState, type FormEvent } from 'react';
import { fetchDemoToken, type ConsoleConfig } from '../api/console-config';
import { identityFromToken, type Identity } from './identity';

export function SignInPage({
  config,
  onSignedIn,
}: {
  config: ConsoleConfig;
  onSignedIn: (identity: Identity) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pasted, setPasted] = useState('');

  const signInAs = async (user: string) => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(identityFromToken(await fetchDemoToken(user)));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const submitToken = (event: FormEvent) => {
    event.preventDefault();
    try {
      onSignedIn(identityFromToken(pasted));
    } catch (e) {
      setError(`That is not a usable token: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <main className="page narrow" id="main">
      <h1>Sign in to Mosaic</h1>
      <p>
        Every request you make is bound to your identity, a purpose and a case number, and is
        written to the audit log. All data is synthetic.
      </p>
      {config.signIn === 'demo' ? (
        <section aria-labelledby="demo-users">
          <h2 id="demo-users">Demo users (embedded mode)</h2>
          <p>Tokens are minted by the local server with this run’s development secret.</p>
          <ul className="user-list">
            {config.demoUsers.map((u) => (
              <li key={u.user}>
                <button type="button" disabled={busy} onClick={() => void signInAs(u.user)}>
                  Sign in as {u.user} <span className="muted">({u.role})</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <form onSubmit={submitToken} aria-labelledby="paste-token">
          <h2 id="paste-token">Paste a token</h2>
          <p>
            In infra mode the console does not mint tokens: paste a bearer token issued for you
            (e.g. <code>npm run mosaic -- token --user you --role ANALYST</code>). Signing in with
            an identity provider (OIDC) is not part of the console yet.
          </p>
          <label htmlFor="token">Bearer token</label>
          <textarea
            id="token"
            rows={4}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
          <button type="submit" disabled={pasted.trim() === ''}>
            Sign in
          </button>
        </form>
      )}
      {error ? (
        <p className="refusal" role="alert">
          {error}
        </p>
      ) : null}
    </main>
  );
}
