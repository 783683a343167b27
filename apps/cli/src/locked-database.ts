import { CommanderError } from 'commander';
import { EmbeddedDatabaseLockedError } from '@mosaic/persistence';

/** The exit code of a command refused because a running process holds the database it needs. */
export const DATABASE_LOCKED_EXIT_CODE = 3;

/**
 * Runs `open`; when an embedded database it needs is held by a running
 * service, prints the lock's explanation plainly (who holds it, since when,
 * what to do) and ends the command with DATABASE_LOCKED_EXIT_CODE instead of a
 * stack trace. Any other error goes on as it is.
 */
export async function openOrRefuse<T>(
  open: () => Promise<T>,
  stderr: (text: string) => void = (text) => process.stderr.write(text),
): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (!(error instanceof EmbeddedDatabaseLockedError)) throw error;
    stderr(`error: ${error.message}\n`);
    throw new CommanderError(DATABASE_LOCKED_EXIT_CODE, `mosaic.${error.code}`, error.message);
  }
}
