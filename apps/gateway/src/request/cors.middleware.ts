import type { NextFunction, Request, Response } from 'express';

/** The request headers a browser client may send: the token, purpose and case, and JSON. */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'x-mosaic-purpose',
  'x-mosaic-case',
  'x-request-id',
].join(', ');

/**
 * CORS for the origins configured in MOSAIC_GATEWAY_CORS_ORIGINS (the
 * console's) and no other: an allowed origin gets the CORS headers on its
 * preflight and on every answer, refusals included, so the page can read the
 * typed error; a preflight from any other origin is refused (403) and its
 * browser never sends the request. Requests without an Origin (curl, the CLI)
 * pass as before.
 */
export function corsMiddleware(allowedOrigins: ReadonlySet<string>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    const preflight =
      req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (origin === undefined || !allowedOrigins.has(origin)) {
      if (preflight) {
        res.status(403).end();
        return;
      }
      next();
      return;
    }
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'Origin');
    if (preflight) {
      res.setHeader('access-control-allow-methods', 'GET, POST');
      res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
      res.setHeader('access-control-max-age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}
