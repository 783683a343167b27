import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { traceIdOf, withLogContext, type LogContext } from './logging';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

/** Paths scraped or probed every few seconds: their requests are not logged. */
const QUIET_PATHS = new Set(['/health', '/metrics']);

const contexts = new WeakMap<IncomingMessage, LogContext>();

function pathOf(url: string | undefined): string {
  // The query string is never logged: a GET request could carry GraphQL variables in it.
  return (url ?? '/').split('?')[0] ?? '/';
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Express middleware for every service: one JSON line per request (method,
 * path without its query, status, time taken, request id, trace id), and a log
 * context so every line logged while serving the request carries its request
 * id and trace id. Headers, bodies and query strings are never logged.
 */
export function requestLoggingMiddleware(
  log: Logger,
): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void {
  const http = pinoHttp({
    logger: log,
    // The id is the request's own (x-request-id when sane); pino-http's counter is not used.
    genReqId: (req) => contexts.get(req)?.requestId ?? randomUUID(),
    autoLogging: { ignore: (req) => QUIET_PATHS.has(pathOf(req.url)) },
    quietReqLogger: true,
    serializers: {
      req: (req: { method?: string; url?: string }) => ({
        method: req.method,
        path: pathOf(req.url),
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: (err: unknown) => err,
    },
    // Refusals and bad requests are the client's doing: info. Server failures: error.
    customLogLevel: (_req, res, error) =>
      error !== undefined || res.statusCode >= 500 ? 'error' : 'info',
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
  });
  return (req, res, next) => {
    const requestId = first(req.headers['x-request-id']);
    const context: LogContext = {
      requestId: requestId && REQUEST_ID_PATTERN.test(requestId) ? requestId : randomUUID(),
    };
    const traceId = traceIdOf(req.headers['traceparent']);
    if (traceId) context.traceId = traceId;
    contexts.set(req, context);
    withLogContext(context, () => http(req, res, next));
  };
}
