import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/** What every log line written while serving one request carries. */
export interface LogContext {
  /** The request id (`x-request-id`, or the gateway's credential on a subgraph). */
  requestId?: string;
  /** The W3C trace id of the request's `traceparent`, when it has one. */
  traceId?: string;
}

const requestContext = new AsyncLocalStorage<LogContext>();

/** Runs `run` with `context` attached to every line logged inside it (async continuations too). */
export function withLogContext<T>(context: LogContext, run: () => T): T {
  return requestContext.run(context, run);
}

/** The context of the request being served, if any: mutable, so a later step can fill it in. */
export function currentLogContext(): LogContext | undefined {
  return requestContext.getStore();
}

const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** The trace id of a W3C `traceparent` header, or undefined when the header is absent or malformed. */
export function traceIdOf(traceparent: string | string[] | undefined): string | undefined {
  const value = Array.isArray(traceparent) ? traceparent[0] : traceparent;
  const match = value === undefined ? null : TRACEPARENT.exec(value.trim());
  return match && !/^0+$/.test(match[1]!) ? match[1] : undefined;
}

/**
 * Keys whose values are never written, wherever they sit in a logged object
 * (one and two levels down, and under `variables`, `payload`, `input`, `args`,
 * `record` and `parameters`). Log call sites log ids, counts and codes; this is
 * the net under them for an object logged whole by mistake.
 */
const PERSONAL_KEYS = [
  'name',
  'names',
  'givenName',
  'givenNames',
  'familyName',
  'fullName',
  'surname',
  'alias',
  'aliases',
  'dateOfBirth',
  'birthDate',
  'documentNumber',
  'document',
  'documents',
  'phone',
  'phones',
  'address',
  'addresses',
  'email',
  'plate',
  'vehicles',
  'nationality',
  'narrative',
  'template',
  'templates',
];

const WHOLE_KEYS = [
  'variables',
  'payload',
  'input',
  'args',
  'record',
  'parameters',
  'query',
  'body',
  'authorization',
  'cookie',
];

function redactPaths(): string[] {
  const paths: string[] = [];
  for (const key of WHOLE_KEYS) paths.push(key, `*.${key}`);
  for (const key of PERSONAL_KEYS) {
    // A top-level `name` is the logger's own (pino's `name` option): nested ones are redacted.
    if (key !== 'name') paths.push(key);
    paths.push(`*.${key}`, `*.*.${key}`);
  }
  paths.push('req.headers', 'res.headers');
  return paths;
}

/** What a logged error keeps: never the SQL parameters, the row a constraint names, or a request. */
export function errorForLog(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: 'non-Error value thrown' };
  const out: Record<string, unknown> = { type: error.name, message: error.message };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out['code'] = code;
  if (error.stack) out['stack'] = error.stack;
  if (depth < 3 && error.cause !== undefined) out['cause'] = errorForLog(error.cause, depth + 1);
  return out;
}

/** The options of every Mosaic logger: JSON lines, ISO time, request context, redaction. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    name: 'mosaic',
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    base: { pid: process.pid },
    mixin: () => {
      const context = requestContext.getStore();
      if (!context) return {};
      const fields: Record<string, string> = {};
      if (context.requestId) fields['requestId'] = context.requestId;
      if (context.traceId) fields['traceId'] = context.traceId;
      return fields;
    },
    redact: { paths: redactPaths(), censor: '[redacted]' },
    serializers: { err: errorForLog, error: errorForLog },
  };
}

/**
 * Where the process's log lines go: stdout unless a test or tool points it
 * elsewhere with setLogDestination (every logger, children made earlier
 * included, writes through this one sink).
 */
class SwitchableDestination implements DestinationStream {
  target: DestinationStream = pino.destination({ dest: 1, sync: true });
  write(line: string): void {
    this.target.write(line);
  }
  flush(callback?: (error?: Error) => void): void {
    const target = this.target as DestinationStream & {
      flush?: (cb?: (error?: Error) => void) => void;
    };
    if (typeof target.flush === 'function') target.flush(callback);
    else callback?.();
  }
}

const destination = new SwitchableDestination();

/** The process's root logger; services log through `serviceLogger(name)`. */
export const logger: Logger = pino(loggerOptions(process.env['LOG_LEVEL'] ?? 'info'), destination);

/** Sends every log line of the process to `target` (tests capture logs this way); returns the undo. */
export function setLogDestination(target: DestinationStream): () => void {
  const previous = destination.target;
  destination.target = target;
  return () => {
    destination.target = previous;
  };
}

/** Sets the level of the root logger (children made afterwards inherit it). */
export function setLogLevel(level: string): void {
  logger.level = level;
}

/** A logger for one service: `service` on every line, at the service's configured level. */
export function serviceLogger(service: string, level?: string): Logger {
  return logger.child({ service }, level ? { level } : {});
}

/**
 * Nest's LoggerService on pino, so framework messages (module init, route
 * mapping, uncaught exceptions) are JSON lines like everything else.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly target: Logger = logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(
    level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace',
    message: unknown,
    rest: unknown[],
  ): void {
    // Nest passes the context (the class that logged) last, and an error's stack before it.
    const strings = rest.filter((r): r is string => typeof r === 'string');
    const context = strings.length > 0 ? strings[strings.length - 1] : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (message instanceof Error) {
      this.target[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'string') {
      if (level === 'error' && strings.length > 1) fields['stack'] = strings[0];
      this.target[level](fields, message);
    } else {
      this.target[level](fields, 'nest: non-text log message');
    }
  }
}

const KAFKA_FIELDS = [
  'broker',
  'clientId',
  'groupId',
  'memberId',
  'topic',
  'partition',
  'retryCount',
  'retryTime',
  'error',
];

/**
 * kafkajs' messages as pino lines (component `kafkajs`), keeping only fields
 * that describe the connection: never a message's key or value.
 */
export function kafkaLogCreator(log: Logger = logger) {
  const target = log.child({ component: 'kafkajs' });
  // kafkajs' levels: 0 nothing, 1 error, 2 warn, 4 info, 5 debug.
  const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
    0: 'error',
    1: 'error',
    2: 'warn',
    4: 'info',
    5: 'debug',
  };
  return () =>
    ({
      namespace,
      level,
      log: entry,
    }: {
      namespace: string;
      level: number;
      log: { message: string } & Record<string, unknown>;
    }): void => {
      const fields: Record<string, unknown> = { namespace };
      for (const key of KAFKA_FIELDS) if (entry[key] !== undefined) fields[key] = entry[key];
      target[levels[level] ?? 'info'](fields, entry.message);
    };
}
