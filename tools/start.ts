// `npm start`: every Mosaic service in one process on embedded defaults (PGlite
// folders under .data/, the shared in-process event bus). One process, because
// the in-process bus only reaches services that live beside it. Empty source
// databases are seeded with a synthetic demo population first (tools/demo).
// The gateway allows introspection here (development), and the summary
// prints a development token per role, signed with the services' secret.
import 'reflect-metadata';
import { PURPOSE_ROLES } from '@mosaic/access';
import { ConfigValidationError } from '@mosaic/config';
import {
  closeEmbeddedBus,
  logger,
  SERVICE_DATA_SOURCE,
  type RunningService,
} from '@mosaic/service-kit';
import type { DataSource } from 'typeorm';
import { startAnalysis } from '../apps/analysis/src/main';
import { startFingerprint } from '../apps/fingerprint/src/main';
import { startGateway } from '../apps/gateway/src/main';
import { startIdentity } from '../apps/identity/src/main';
import { startSeizure } from '../apps/seizure/src/main';
import { startTravel } from '../apps/travel/src/main';
import { loadGatewayConfig } from '../apps/gateway/src/config/gateway.config';
import {
  buildConsole,
  consoleBuildIsStale,
  loadConsoleSettings,
  startConsoleServer,
  type RunningConsole,
} from '../apps/console/server/console-server';
import {
  DEMO_CASE,
  DEMO_TOKEN_TTL_SECONDS,
  DEMO_USERS,
  demoHeaders,
  mintDemoTokens,
  purposeLines,
  type DemoToken,
} from './demo/demo-access';
import {
  curlCommand,
  DEMO_REVIEW_QUEUE_QUERY,
  demoQueries,
  findDemoExample,
  loadDemoOptions,
  openReviewItems,
  seedDemoPopulation,
  type DemoExample,
} from './demo/seed-demo';

const starters = {
  travel: startTravel,
  seizure: startSeizure,
  fingerprint: startFingerprint,
  identity: startIdentity,
  analysis: startAnalysis,
  gateway: startGateway,
};
type ServiceName = keyof typeof starters;

const SUBGRAPHS = new Set<ServiceName>([
  'travel',
  'seizure',
  'fingerprint',
  'identity',
  'analysis',
]);

const say = (line: string) => process.stdout.write(`${line}\n`);

function endpoints(running: ReadonlyMap<ServiceName, RunningService>): string[] {
  return [...running].map(
    ([name, s]) =>
      `  ${name.padEnd(12)} ${s.url}/health${SUBGRAPHS.has(name) ? `   GraphQL ${s.url}/graphql` : ''}`,
  );
}

function accessLines(tokens: DemoToken[] | null): string[] {
  if (!tokens) {
    return [
      'Tokens come from the identity provider (MOSAIC_AUTH_JWKS_URL): no development tokens to print.',
    ];
  }
  return [
    `Development tokens (valid ${DEMO_TOKEN_TTL_SECONDS / 3600} h; more: npm run mosaic -- token --user <name> --role <ROLE>):`,
    ...tokens.map(({ user, role, token }) => `  ${user.padEnd(16)} ${role.padEnd(11)} ${token}`),
    'Every operation carries a token, a purpose and a case number:',
    `  authorization: Bearer <token>   x-mosaic-purpose: <purpose>   x-mosaic-case: ${DEMO_CASE}`,
    'Purposes, and the roles that may declare them:',
    ...purposeLines(),
  ];
}

function reviewLines(graphqlUrl: string, open: number, tokens: DemoToken[] | null): string[] {
  if (open === 0) return ['Review queue: no open items (resolution held no pair for people).'];
  const reviewer = tokens?.find((t) => t.role === 'REVIEWER');
  return [
    `Review queue: ${open} open items the resolver held for people. As a REVIEWER or SUPERVISOR (purpose DATA_QUALITY):`,
    `  ${DEMO_REVIEW_QUEUE_QUERY}`,
    ...(reviewer
      ? [
          `  ${curlCommand(graphqlUrl, DEMO_REVIEW_QUEUE_QUERY, demoHeaders(reviewer.token, 'DATA_QUALITY'))}`,
        ]
      : []),
    '  then claimReviewItem(id) and decideReviewItem(input: { itemId, decision, evidence }); two reviewers agreeing apply it.',
  ];
}

function tryIt(
  graphqlUrl: string,
  example: DemoExample | null,
  tokens: DemoToken[] | null,
): string[] {
  if (!example) {
    return [
      'No resolved person to show yet (no demo data: MOSAIC_DEMO_PERSONS=0, or identity holds no travel record).',
    ];
  }
  const { personByRecord, identify } = demoQueries(example.travelRecordId);
  const seen =
    example.sources.length === 3
      ? 'known from travel, seizure and fingerprint records'
      : `known only from ${example.sources.join(' and ')} records`;
  const analyst = tokens?.find((t) => t.role === 'ANALYST');
  return [
    `Try it: person ${example.personId} (${seen}), by travel record ${example.travelRecordId}.`,
    `Post a query to ${graphqlUrl} with the headers above:`,
    `  ${personByRecord}`,
    `  ${identify}`,
    ...(analyst
      ? [
          'or from a shell, as the analyst:',
          `  ${curlCommand(graphqlUrl, personByRecord, demoHeaders(analyst.token))}`,
        ]
      : []),
  ];
}

async function main(): Promise<void> {
  // Development: let GraphQL tools read the schema (the gateway's default is off).
  process.env['MOSAIC_GATEWAY_INTROSPECTION'] ??= 'true';
  // A bad demo variable stops here, before any database is opened.
  const demo = loadDemoOptions(process.env);
  // The console's origin is the one the gateway's CORS allows (apps/console).
  const consoleSettings = loadConsoleSettings(process.env);
  process.env['MOSAIC_GATEWAY_CORS_ORIGINS'] ??= consoleSettings.origin;
  let consoleServer: RunningConsole | null = null;
  const running = new Map<ServiceName, RunningService>();
  let stopping = false;
  const stop = async (code: number) => {
    stopping = true;
    await consoleServer?.close();
    for (const service of [...running.values()].reverse()) await service.app.close();
    await closeEmbeddedBus();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  try {
    for (const [name, start] of Object.entries(starters) as [
      ServiceName,
      () => Promise<RunningService>,
    ][]) {
      running.set(name, await start());
    }
    const dataSource = (name: ServiceName) =>
      (running.get(name) as RunningService).app.get<DataSource>(SERVICE_DATA_SOURCE);
    const identity = dataSource('identity');
    let example: DemoExample | null;
    if (demo.persons > 0) {
      const seeded = await seedDemoPopulation({
        sources: {
          travel: dataSource('travel'),
          seizure: dataSource('seizure'),
          fingerprint: dataSource('fingerprint'),
        },
        identity,
        persons: demo.persons,
        seed: demo.seed,
        progress: true,
        log: say,
      });
      example = seeded.example;
    } else {
      say('demo data: MOSAIC_DEMO_PERSONS=0, not seeding');
      example = await findDemoExample(identity);
    }

    const mode =
      process.env['DATABASE_URL'] || process.env['KAFKA_BROKERS']
        ? 'infra mode'
        : `embedded mode, data under ${process.env['MOSAIC_DATA_DIR'] || '.data'}/`;
    // The services' log lines are buffered: out first, so the summary below comes last.
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
    const graphqlUrl = `${(running.get('gateway') as RunningService).url}/graphql`;
    const auth = loadGatewayConfig(process.env).auth;
    const tokens = auth ? await mintDemoTokens(auth) : null;
    // The console: demo sign-in in embedded mode only; in infra mode the user pastes a token.
    if (consoleBuildIsStale()) await buildConsole(say);
    consoleServer = await startConsoleServer({
      settings: consoleSettings,
      gatewayUrl: graphqlUrl,
      purposes: PURPOSE_ROLES,
      demo:
        auth && tokens && mode.startsWith('embedded')
          ? {
              users: DEMO_USERS,
              exampleCase: DEMO_CASE,
              mint: async (user) =>
                (await mintDemoTokens(auth))?.find((t) => t.user === user)?.token ?? null,
            }
          : null,
    });
    say(
      [
        '',
        `Mosaic is up (${mode}).`,
        `Console (web app): ${consoleServer.url}`,
        `GraphQL API (gateway): ${graphqlUrl}`,
        'Services:',
        ...endpoints(running),
        '',
        ...accessLines(tokens),
        '',
        ...tryIt(graphqlUrl, example, tokens),
        '',
        ...reviewLines(graphqlUrl, await openReviewItems(identity), tokens),
        '',
        'Ctrl+C stops every service.',
      ].join('\n'),
    );
  } catch (error) {
    // Ctrl+C while booting or seeding closes the databases under the work in progress.
    if (stopping) return;
    if (error instanceof ConfigValidationError) {
      logger.fatal({ issues: error.issues }, error.message);
    } else {
      logger.fatal({ err: error }, 'Mosaic failed to start');
    }
    await stop(1);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigValidationError) logger.fatal({ issues: error.issues }, error.message);
  else logger.fatal({ err: error }, 'Mosaic failed to start');
  process.exit(1);
});
