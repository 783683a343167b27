// The services the profile bench queries, in one process: the identity,
// travel, seizure and fingerprint subgraphs and the gateway, on the
// environment it is given (infra mode, the population's database prefix, the
// bench's ports). Prints `READY {"name":"url",...}` once all listen; closes
// them, gateway first, on a `stop` line on stdin or when stdin closes (the
// bench process is gone). Not on a signal: every service also closes itself
// on SIGTERM (Nest shutdown hooks), and two closes of one app end its
// database pool twice. Started by profile.bench.ts. The gateway runs with a
// rate limit no bench reaches (one user sends every request) and its audit
// database made on first use.
import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { databaseName } from '@mosaic/config';
import { logger, startService, type RunningService } from '@mosaic/service-kit';
import { Client } from 'pg';
import { startFingerprint } from '../../apps/fingerprint/src/main';
import { gatewayService } from '../../apps/gateway/src/config/gateway.config';
import { startGateway as startGatewayWith } from '../../apps/gateway/src/main';
import { IdentityAppModule } from '../../apps/identity/src/app.module';
import { loadIdentityConfig } from '../../apps/identity/src/config/identity.config';
import { startSeizure } from '../../apps/seizure/src/main';
import { startTravel } from '../../apps/travel/src/main';

/**
 * The identity service as startIdentity starts it, except for its bus: the
 * shared Kafka topics carry whatever other work on the machine publishes, and
 * the bench's identity service must resolve none of it into the population
 * it measures. Lookups never touch the bus.
 */
function startIdentity(env: Record<string, string | undefined>): Promise<RunningService> {
  const config = loadIdentityConfig(env);
  const isolated = { ...config, bus: { kind: 'in-process' as const } };
  return startService(IdentityAppModule.register(isolated), isolated);
}

/** Creates the gateway's audit database beside the population's when it is not there yet. */
async function ensureAuditDatabase(env: Record<string, string | undefined>): Promise<void> {
  const server = env['DATABASE_URL'];
  if (!server) return;
  const name = databaseName(
    gatewayService.database ?? gatewayService.name,
    env['MOSAIC_DATABASE_PREFIX'] || undefined,
  );
  const url = new URL(server);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

async function startGateway(env: Record<string, string | undefined>): Promise<RunningService> {
  await ensureAuditDatabase(env);
  return startGatewayWith({
    ...env,
    MOSAIC_GATEWAY_RATE_LIMIT_PER_MINUTE: env['MOSAIC_GATEWAY_RATE_LIMIT_PER_MINUTE'] ?? '1000000',
  });
}

// Subgraphs first: the gateway composes from them as it starts.
const starters = {
  travel: startTravel,
  seizure: startSeizure,
  fingerprint: startFingerprint,
  identity: startIdentity,
  gateway: startGateway,
};

async function main(): Promise<void> {
  const running: Array<[string, RunningService]> = [];
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const [, service] of running.reverse()) await service.app.close();
    process.exit(0);
  };
  // A `stop` line, or stdin closing because the bench process is gone.
  createInterface({ input: process.stdin })
    .on('line', (line) => {
      if (line.trim() === 'stop') void stop();
    })
    .on('close', () => void stop());
  for (const [name, start] of Object.entries(starters)) {
    running.push([name, await start(process.env)]);
  }
  process.stdout.write(
    `READY ${JSON.stringify(Object.fromEntries(running.map(([name, s]) => [name, s.url])))}\n`,
  );
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'profile bench services failed to start');
  process.exit(1);
});
