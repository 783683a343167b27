import { randomUUID } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  realpathSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';

/**
 * The lock file inside a PGlite folder. PGlite has a single backend and no
 * cross-process lock of its own: two processes (or two instances in one
 * process) writing the same folder lose or corrupt each other's pages, silently.
 */
export const EMBEDDED_DATABASE_LOCK_FILE = 'mosaic-writer.lock';

/** Who holds an embedded database, as written in its lock file. */
export interface EmbeddedDatabaseHolder {
  pid: number;
  hostname: string;
  /** What the process is: a service name or a CLI command. */
  holder: string;
  /** When the lock was taken (ISO 8601). */
  since: string;
}

interface LockFileContent extends EmbeddedDatabaseHolder {
  /** Tells this lock apart from a later one of the same pid (release removes only its own). */
  token: string;
}

/**
 * An embedded database another opener holds. `sameProcess`: this very process
 * already has it open (a second PGlite instance on the folder corrupts it as
 * surely as a second process would).
 */
export class EmbeddedDatabaseLockedError extends Error {
  override readonly name = 'EmbeddedDatabaseLockedError';
  readonly code = 'DATABASE_LOCKED';

  constructor(
    readonly dataDir: string,
    readonly holder: EmbeddedDatabaseHolder,
    readonly sameProcess: boolean,
  ) {
    super(lockedMessage(dataDir, holder, sameProcess));
  }
}

/** A lock file that cannot be read or taken over (a file system error other than "exists"). */
export class EmbeddedDatabaseLockError extends Error {
  override readonly name = 'EmbeddedDatabaseLockError';
  readonly code = 'DATABASE_LOCK_FAILED';

  constructor(
    readonly dataDir: string,
    readonly reason: string,
  ) {
    super(`cannot lock the embedded database ${dataDir}: ${reason}`);
  }
}

function lockedMessage(dataDir: string, h: EmbeddedDatabaseHolder, sameProcess: boolean): string {
  const who = `${h.holder} (pid ${h.pid} on ${h.hostname}, since ${h.since})`;
  if (sameProcess) {
    return (
      `the embedded database ${dataDir} is already open in this process by ${who}; ` +
      'use that connection instead of opening the folder a second time'
    );
  }
  const remote = h.hostname !== hostname();
  return (
    `the embedded database ${dataDir} is in use by ${who}; ` +
    'only one process may open a PGlite folder. Stop that process first, or run the command ' +
    'through the running service' +
    (remote
      ? `. The lock was taken on another host; if nothing on ${h.hostname} uses the folder any more, delete ${join(dataDir, EMBEDDED_DATABASE_LOCK_FILE)}`
      : '')
  );
}

/** Locks this process holds, by the folder's real path; released on close and at exit. */
const held = new Map<string, { file: string; content: LockFileContent }>();
let exitHookInstalled = false;

function releaseAllAtExit(): void {
  for (const key of [...held.keys()]) releaseByKey(key);
}

function releaseByKey(key: string): void {
  const lock = held.get(key);
  if (!lock) return;
  held.delete(key);
  // Remove the file only if it is still ours: never delete a lock someone else took over.
  const current = readLock(lock.file);
  if (current.state === 'held' && current.content.token === lock.content.token) {
    try {
      unlinkSync(lock.file);
    } catch {
      // Already gone: nothing left to release.
    }
  }
}

type ReadLock =
  | { state: 'absent' }
  | { state: 'held'; content: LockFileContent; raw: string }
  | { state: 'unreadable'; raw: string };

function readLock(file: string): ReadLock {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'absent' };
    throw error;
  }
  try {
    const parsed = JSON.parse(raw) as Partial<LockFileContent> | null;
    if (
      parsed &&
      typeof parsed.pid === 'number' &&
      typeof parsed.hostname === 'string' &&
      typeof parsed.holder === 'string' &&
      typeof parsed.since === 'string' &&
      typeof parsed.token === 'string'
    ) {
      return { state: 'held', content: parsed as LockFileContent, raw };
    }
  } catch {
    // Not JSON: a lock being written at this very moment, or one a crash cut short.
  }
  return { state: 'unreadable', raw };
}

/** Whether a process with this pid runs on this host (EPERM: it runs, as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function sleep(ms: number): void {
  // The lock is taken at open, before any query: a short synchronous wait keeps it one call.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** A lock file may be empty for the microseconds between its creation and its write. */
const UNREADABLE_GRACE_MS = 2_000;
/** A takeover marker older than this belongs to a process that died while taking over. */
const TAKEOVER_STALE_MS = 10_000;
const ATTEMPTS = 200;

function tryCreate(file: string, content: LockFileContent): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(content)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes a stale lock, if it is still the one judged stale. Two processes may
 * find the same stale lock; a marker file (created atomically) lets one of
 * them remove it, so neither deletes the fresh lock the other just took.
 */
function removeStale(file: string, staleRaw: string): void {
  const marker = `${file}.takeover`;
  let fd: number;
  try {
    fd = openSync(marker, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    try {
      if (Date.now() - statSync(marker).mtimeMs > TAKEOVER_STALE_MS) unlinkSync(marker);
    } catch {
      // The other taker finished meanwhile.
    }
    return;
  }
  try {
    const current = readLock(file);
    if (current.state !== 'absent' && current.raw === staleRaw) unlinkSync(file);
  } finally {
    closeSync(fd);
    try {
      unlinkSync(marker);
    } catch {
      // Judged abandoned and removed by another taker: nothing left to remove.
    }
  }
}

export interface EmbeddedDatabaseLock {
  readonly file: string;
  readonly holder: EmbeddedDatabaseHolder;
  /** Gives the folder up; idempotent. Call once the database is closed. */
  release(): void;
}

/** What a process is, for a lock taken without a description: the script and its arguments. */
export function defaultHolderDescription(): string {
  const [, script, ...args] = process.argv;
  const name = script ? basename(script) : 'node';
  return [name, ...args].join(' ').slice(0, 200);
}

/**
 * Takes the exclusive lock of an embedded database folder: a lock file created
 * atomically (`open(…, 'wx')`) holding pid, host, holder and time. A lock left
 * by a process that no longer runs on this host is taken over; any other is
 * refused with EmbeddedDatabaseLockedError, also when this process holds it.
 * The folder must exist.
 */
export function lockEmbeddedDatabase(
  dataDir: string,
  holder: string = defaultHolderDescription(),
): EmbeddedDatabaseLock {
  const key = realpathSync(dataDir);
  const file = join(key, EMBEDDED_DATABASE_LOCK_FILE);
  const mine = held.get(key);
  if (mine) throw new EmbeddedDatabaseLockedError(dataDir, publicPart(mine.content), true);

  const content: LockFileContent = {
    pid: process.pid,
    hostname: hostname(),
    holder,
    since: new Date().toISOString(),
    token: randomUUID(),
  };
  let unreadableSince: number | null = null;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (tryCreate(file, content)) {
      held.set(key, { file, content });
      if (!exitHookInstalled) {
        // Signals that kill the process skip this; the lock is then stale and taken over.
        process.once('exit', releaseAllAtExit);
        exitHookInstalled = true;
      }
      return { file, holder: publicPart(content), release: () => releaseByKey(key) };
    }
    const existing = readLock(file);
    if (existing.state === 'absent') continue;
    if (existing.state === 'unreadable') {
      unreadableSince ??= Date.now();
      if (Date.now() - unreadableSince < UNREADABLE_GRACE_MS) {
        sleep(10);
        continue;
      }
      removeStale(file, existing.raw);
      continue;
    }
    const other = existing.content;
    const sameHost = other.hostname === content.hostname;
    // Our own pid in a lock this process does not hold: left by an earlier process
    // that had the same pid (a restarted container), so as stale as a dead one.
    const stale = sameHost && (other.pid === process.pid || !alive(other.pid));
    if (!stale) throw new EmbeddedDatabaseLockedError(dataDir, publicPart(other), false);
    removeStale(file, existing.raw);
    sleep(5);
  }
  throw new EmbeddedDatabaseLockError(
    dataDir,
    `the lock file ${file} kept changing while it was being taken`,
  );
}

function publicPart({ pid, hostname: host, holder, since }: LockFileContent) {
  return { pid, hostname: host, holder, since };
}

/**
 * Who holds an embedded database folder now, or null when nobody does (no lock,
 * or a stale one). For a caller deciding whether to go through the running
 * service instead of opening the folder.
 */
export function embeddedDatabaseHolder(dataDir: string): EmbeddedDatabaseHolder | null {
  let key: string;
  try {
    key = realpathSync(dataDir);
  } catch {
    return null;
  }
  const mine = held.get(key);
  if (mine) return publicPart(mine.content);
  const existing = readLock(join(key, EMBEDDED_DATABASE_LOCK_FILE));
  if (existing.state !== 'held') return null;
  const other = existing.content;
  if (other.hostname !== hostname()) return publicPart(other);
  return other.pid !== process.pid && alive(other.pid) ? publicPart(other) : null;
}
