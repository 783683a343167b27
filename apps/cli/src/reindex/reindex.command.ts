import { Command, InvalidArgumentError } from 'commander';
import { SingleBar } from 'cli-progress';
import { openReindexDatabases } from './reindex-databases';
import { reindexListeners } from './reindex-listeners';
import { reindexReadModel, type ReindexReport } from './reindex-read-model';

function positive(option: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1 || n > 10_000)
      throw new InvalidArgumentError(`${option} must be a whole number from 1 to 10000`);
    return n;
  };
}

export function formatReindexReport(report: ReindexReport, target: string | null): string {
  const { travel, seizure, fingerprint } = report.records;
  const records = travel + seizure + fingerprint;
  return [
    `reindex: ${records} records (travel ${travel}, seizure ${seizure}, fingerprint ${fingerprint}), ${report.recordsDeleted} deleted`,
    `reindex: ${report.persons} persons, ${report.personsDeleted} deleted; ${report.memberships} placed records, ${report.membershipsMoved} moved, ${report.membershipsDeleted} deleted`,
    target === null
      ? `reindex: done in ${report.seconds.toFixed(1)} s (embedded mode: person search reads the read model itself)`
      : `reindex: ${report.personsNotified} persons re-indexed into the ${target}; done in ${report.seconds.toFixed(1)} s`,
  ].join('\n');
}

export function reindexCommand(): Command {
  return new Command('reindex')
    .description(
      'Rebuild the analysis read model (and, in infra mode, the person search index) from the source and identity databases, in place: queries keep working throughout',
    )
    .option('--page-size <n>', 'rows per transaction', positive('--page-size'), 1_000)
    .option('--no-progress', 'do not draw a progress bar')
    .action(async (opts: { pageSize: number; progress: boolean }) => {
      const opened = await openReindexDatabases();
      const bar = new SingleBar({
        format:
          'reindex [{bar}] {percentage}% | {phase} | {value}/{total} rows | ETA {eta_formatted}',
        stream: process.stderr,
        hideCursor: true,
      });
      let listeners: Awaited<ReturnType<typeof reindexListeners>> | undefined;
      let started = false;
      const stop = () => {
        if (started) bar.stop();
        started = false;
      };
      try {
        listeners = await reindexListeners(opened.analysisConfig, opened.databases.analysis);
        const report = await reindexReadModel(opened.databases, {
          pageSize: opts.pageSize,
          listeners: listeners.listeners,
          onProgress: (p) => {
            if (!opts.progress) return;
            const phase =
              p.phase === 'listeners' ? `re-indexed ${p.personsNotified} persons` : p.phase;
            if (!started) {
              bar.start(p.total, p.done, { phase });
              started = true;
            } else bar.update(p.done, { phase });
          },
        });
        stop();
        process.stdout.write(`${formatReindexReport(report, listeners.target)}\n`);
      } finally {
        stop();
        await listeners?.close();
        await opened.close();
      }
    });
}
