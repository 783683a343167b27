import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Provider } from 'urql';
import { loadConsoleConfig, type ConsoleConfig } from './api/console-config';
import { createGatewayClient } from './api/gateway-client';
import { AuditPage } from './audit/audit-page';
import { Loading } from './components/refusal-notice';
import { IdentifyPage } from './identify/identify-page';
import { PendingVerificationsPage } from './profile/pending-verifications-page';
import { ProfilePage } from './profile/profile-page';
import { mayReview } from './profile/review-verification';
import { ReviewItemPage } from './review/review-item-page';
import { ReviewQueuePage } from './review/review-queue-page';
import { SearchPage } from './search/search-page';
import { ContextBar } from './session/context-bar';
import { ContextPage, type WorkContext } from './session/context-page';
import type { Identity } from './session/identity';
import { SignInPage } from './session/sign-in-page';
import { useRoute, type Route } from './shell/router';

// The graph screen carries cytoscape: loaded only when it is opened.
const GraphPage = lazy(() => import('./graph/graph-page'));

function Screen({
  route,
  context,
  identity,
}: {
  route: Route;
  context: WorkContext;
  identity: Identity;
}) {
  if (context.purpose === 'OVERSIGHT_AUDIT') return <AuditPage />;
  switch (route.screen) {
    case 'person':
      return (
        <ProfilePage
          personId={route.id}
          purpose={context.purpose}
          viewer={{ user: identity.user, roles: identity.roles }}
        />
      );
    case 'identify':
      return <IdentifyPage />;
    case 'graph':
      return (
        <Suspense fallback={<Loading what="the graph view" />}>
          <GraphPage personId={route.id} purpose={context.purpose} />
        </Suspense>
      );
    case 'audit':
      return (
        <main className="page" id="main">
          <h1>Audit log</h1>
          <p className="refusal" role="alert">
            The audit log is read under the purpose OVERSIGHT_AUDIT, by the OVERSIGHT role only.
          </p>
        </main>
      );
    case 'verifications':
      return mayReview(identity.roles) ? (
        <PendingVerificationsPage user={identity.user} />
      ) : (
        <main className="page" id="main">
          <h1>Verification requests</h1>
          <p className="refusal" role="alert">
            Verification requests are reviewed by the REVIEWER and SUPERVISOR roles.
          </p>
        </main>
      );
    case 'review':
      if (!mayReview(identity.roles)) {
        return (
          <main className="page" id="main">
            <h1>Review queue</h1>
            <p className="refusal" role="alert">
              The review queue is worked by the REVIEWER and SUPERVISOR roles.
            </p>
          </main>
        );
      }
      return route.id ? (
        <ReviewItemPage itemId={route.id} user={identity.user} roles={identity.roles} />
      ) : (
        <ReviewQueuePage user={identity.user} />
      );
    case 'search':
    case 'home':
      return <SearchPage />;
  }
}

export function App() {
  const [config, setConfig] = useState<ConsoleConfig | null>(null);
  const [configError, setConfigError] = useState<string | null>(null);
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [context, setContext] = useState<WorkContext | null>(null);
  const [choosingContext, setChoosingContext] = useState(false);
  const route = useRoute();

  useEffect(() => {
    loadConsoleConfig().then(setConfig, (e: unknown) =>
      setConfigError(e instanceof Error ? e.message : String(e)),
    );
  }, []);

  // One client per identity and context: every request carries both, none leaves without them.
  const client = useMemo(
    () =>
      config && identity && context
        ? createGatewayClient(config.gatewayUrl, {
            token: identity.token,
            purpose: context.purpose,
            caseNumber: context.caseNumber,
          })
        : null,
    [config, identity, context],
  );

  if (configError) {
    return (
      <main className="page narrow" id="main">
        <h1>Mosaic console</h1>
        <p className="refusal" role="alert">
          The console could not load its settings: {configError}
        </p>
      </main>
    );
  }
  if (!config) {
    return (
      <main className="page narrow" id="main">
        <Loading what="the console" />
      </main>
    );
  }
  if (!identity) {
    return <SignInPage config={config} onSignedIn={setIdentity} />;
  }
  const signOut = () => {
    setIdentity(null);
    setContext(null);
    setChoosingContext(false);
  };
  const bar = (
    <ContextBar
      identity={identity}
      context={choosingContext ? null : context}
      route={route}
      onChangeContext={() => setChoosingContext(true)}
      onSignOut={signOut}
    />
  );
  if (!context || !client || choosingContext) {
    return (
      <>
        {bar}
        <ContextPage
          config={config}
          identity={identity}
          current={context}
          onChosen={(chosen) => {
            setContext(chosen);
            setChoosingContext(false);
          }}
        />
      </>
    );
  }
  return (
    <Provider value={client}>
      {bar}
      <Screen route={route} context={context} identity={identity} />
    </Provider>
  );
}
