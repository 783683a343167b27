// `mosaic`: the operator's command line (synth, import, publish, link, reindex, retention, token, audit).
import { Command, CommanderError } from 'commander';
import { SynthOptionsError } from '@mosaic/synth';
import { auditCommand } from './audit/audit.command';
import { importCommand, publishCommand } from './import/import.command';
import { LinkInputError } from './link/link-errors';
import { linkCommand } from './link/link.command';
import { reindexCommand } from './reindex/reindex.command';
import { retentionCommand } from './retention/retention.command';
import { synthCommand } from './synth/synth.command';
import { tokenCommand } from './token/token.command';
import { OutputExistsError } from './synth/synth-writer';

export function buildProgram(): Command {
  return new Command('mosaic')
    .description('Mosaic command line')
    .showHelpAfterError()
    .exitOverride()
    .addCommand(synthCommand().exitOverride())
    .addCommand(importCommand().exitOverride())
    .addCommand(publishCommand().exitOverride())
    .addCommand(linkCommand().exitOverride())
    .addCommand(reindexCommand().exitOverride())
    .addCommand(retentionCommand().exitOverride())
    .addCommand(tokenCommand().exitOverride())
    .addCommand(auditCommand().exitOverride());
}

/** Runs the CLI; returns the exit code instead of exiting so tests can call it. */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof SynthOptionsError) {
      for (const issue of error.issues)
        process.stderr.write(`error: option ${issue.option}: ${issue.reason}\n`);
      return 2;
    }
    if (error instanceof OutputExistsError || error instanceof LinkInputError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
