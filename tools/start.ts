// `npm start`: every Mosaic service in one process on embedded defaults (PGlite
// folders under .data/, the shared in-process event bus). One process, because
// the in-process bus only reaches services that live beside it.
import 'reflect-metadata';
import { closeEmbeddedBus, logger, type RunningService } from '@mosaic/service-kit';
import { startAnalysis } from '../apps/analysis/src/main';
import { startFingerprint } from '../apps/fingerprint/src/main';
import { startGateway } from '../apps/gateway/src/main';
import { startIdentity } from '../apps/identity/src/main';
import { startSeizure } from '../apps/seizure/src/main';
import { startTravel } from '../apps/travel/src/main';

const starters = {
  travel: startTravel,
  seizure: startSeizure,
  fingerprint: startFingerprint,
  identity: startIdentity,
  analysis: startAnalysis,
  gateway: startGateway,
};

async function main(): Promise<void> {
  const running: Array<[string, RunningService]> = [];
  const stop = async () => {
    for (const [, service] of running.reverse()) await service.app.close();
    await closeEmbeddedBus();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  for (const [name, start] of Object.entries(starters)) {
    running.push([name, await start()]);
  }
  const subgraphs = new Set(['travel', 'seizure', 'fingerprint']);
  const lines = running.map(
    ([name, s]) =>
      `  ${name.padEnd(12)} ${s.url}/health${subgraphs.has(name) ? `   GraphQL ${s.url}/graphql` : ''}`,
  );
  const mode =
    process.env['DATABASE_URL'] || process.env['KAFKA_BROKERS']
      ? 'infra mode'
      : `embedded mode, data under ${process.env['MOSAIC_DATA_DIR'] || '.data'}/`;
  logger.info(`Mosaic is up (${mode}). Endpoints:\n${lines.join('\n')}`);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'Mosaic failed to start');
  process.exit(1);
});
