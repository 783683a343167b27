import { Command, InvalidArgumentError } from 'commander';
import { SingleBar } from 'cli-progress';
import { importNdjson } from '@mosaic/ingest';
import { OutboxRelay } from '@mosaic/outbox';
import { closeEmbeddedBus, eventBusFor } from '@mosaic/service-kit';
import { openSourceDatabase } from './source-database';
import { SOURCES, type ImportableSource } from './sources';

function sourceOption(value: string): string {
  if (!(value in SOURCES)) {
    throw new InvalidArgumentError(
      `--source must be one of ${Object.keys(SOURCES).join(', ')}, got "${value}"`,
    );
  }
  return value;
}

function positive(option: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1)
      throw new InvalidArgumentError(`${option} must be a positive whole number`);
    return n;
  };
}

/** Publishes the source's outbox to the bus of its mode until it is empty. */
async function publishOutbox(
  source: ImportableSource,
  dataSource: Awaited<ReturnType<typeof openSourceDatabase>>,
  batchSize: number,
  progress: boolean,
): Promise<number> {
  const { config } = dataSource;
  if (!config.bus) return 0;
  const bus = eventBusFor(config.bus);
  const relay = new OutboxRelay(dataSource.dataSource, bus, { batchSize });
  const backlog = await relay.backlog();
  const bar = new SingleBar({
    format: `publish ${source.service.name} [{bar}] {value}/{total} events`,
    stream: process.stderr,
    hideCursor: true,
  });
  if (progress) bar.start(backlog, 0);
  try {
    return await relay.drain((published) => {
      if (progress) bar.update(published);
    });
  } finally {
    if (progress) bar.stop();
    if (config.bus.kind === 'kafka') await bus.close();
    else await closeEmbeddedBus();
  }
}

export function importCommand(): Command {
  return new Command('import')
    .description(
      'Import an NDJSON file into a source: bad lines are quarantined with their reason; re-running is idempotent',
    )
    .argument('<file>', 'NDJSON file, one record per line (e.g. the output of mosaic synth)')
    .requiredOption(
      '--source <name>',
      `source to import into (${Object.keys(SOURCES).join(', ')})`,
      sourceOption,
    )
    .option('--batch-size <n>', 'records per transaction', positive('--batch-size'), 1_000)
    .option('--publish', 'also publish the outbox afterwards (default in infra mode)')
    .option('--no-publish', 'leave events in the outbox for the service relay')
    .option('--no-progress', 'do not draw a progress bar')
    .action(
      async (
        file: string,
        opts: { source: string; batchSize: number; publish?: boolean; progress: boolean },
      ) => {
        const source = SOURCES[opts.source] as ImportableSource;
        const opened = await openSourceDatabase(source);
        const bar = new SingleBar({
          format: `import ${opts.source} [{bar}] {percentage}% | {accepted} accepted, {duplicates} duplicates, {rejected} rejected | ETA {eta_formatted}`,
          stream: process.stderr,
          hideCursor: true,
        });
        try {
          if (opts.progress) bar.start(100, 0, { accepted: 0, duplicates: 0, rejected: 0 });
          const started = Date.now();
          const report = await importNdjson({
            dataSource: opened.dataSource,
            source: opts.source,
            file,
            validate: source.validate,
            sink: source.sink(),
            batchSize: opts.batchSize,
            onProgress: (p) => {
              if (opts.progress)
                bar.update(Math.floor((100 * p.bytesRead) / Math.max(1, p.bytesTotal)), p);
            },
          });
          if (opts.progress) bar.stop();
          const seconds = (Date.now() - started) / 1000;
          process.stdout.write(
            `${opts.source}: ${report.lines} lines in ${seconds.toFixed(1)} s — accepted ${report.accepted}, duplicates ${report.duplicates}, rejected ${report.rejected}` +
              (report.rejected > 0 ? ' (kept in the quarantine table with their reasons)' : '') +
              '\n',
          );
          // Embedded mode: the in-process bus only reaches services in this process, so the running service's relay publishes instead.
          const publish = opts.publish ?? opened.config.bus?.kind === 'kafka';
          if (publish) {
            const published = await publishOutbox(source, opened, 500, opts.progress);
            process.stdout.write(`${opts.source}: published ${published} events\n`);
          }
        } finally {
          await opened.dataSource.destroy();
        }
      },
    );
}

export function publishCommand(): Command {
  return new Command('publish')
    .description(
      "Publish a source's outbox to the event bus until it is empty (at-least-once; safe to kill and rerun)",
    )
    .requiredOption(
      '--source <name>',
      `source whose outbox to publish (${Object.keys(SOURCES).join(', ')})`,
      sourceOption,
    )
    .option('--batch-size <n>', 'events per round', positive('--batch-size'), 500)
    .option('--no-progress', 'do not draw a progress bar')
    .action(async (opts: { source: string; batchSize: number; progress: boolean }) => {
      const source = SOURCES[opts.source] as ImportableSource;
      const opened = await openSourceDatabase(source, process.env, 'publish');
      try {
        const started = Date.now();
        const published = await publishOutbox(source, opened, opts.batchSize, opts.progress);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        process.stdout.write(`${opts.source}: published ${published} events in ${seconds} s\n`);
      } finally {
        await opened.dataSource.destroy();
      }
    });
}
