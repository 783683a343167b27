import type { ApolloServerPlugin } from '@apollo/server';
import { CASE_HEADER, PURPOSE_HEADER } from '@mosaic/access';
import type { AuditLog, AuditRecordInput } from '@mosaic/audit-data';
import { logger, type HttpRefusal, type HttpRefusalListener } from '@mosaic/service-kit';
import type { NextFunction, Request, Response } from 'express';
import { requestIdFor } from './request-id';

/** Set on a response whose request reached Apollo's plugins: the audit plugin writes its entry. */
const AUDITED_BY_PLUGIN = 'mosaicAuditedByPlugin';

export interface RefusalAuditOptions {
  auditLog: Pick<AuditLog, 'append'>;
  clock: () => Date;
  /** One entry per address and code per window; the rest are counted into one summary entry. */
  windowMs?: number;
  /** Addresses × codes tracked at once; past it, the idlest are summarised and forgotten. */
  maxKeys?: number;
}

interface Window {
  address: string;
  code: string;
  start: number;
  /** Refusals after the first one of the window, not yet written. */
  suppressed: number;
  lastAt: Date;
}

/** A request header's first value, or null. */
export function headerOf(req: Request, name: string): string | null {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : null;
}

/**
 * Audits the requests refused before any GraphQL plugin ran (body too large
 * or not JSON, CSRF, batches, wrong method): the same log as every other
 * request, so a probe leaves a trace. A flood from one address cannot grow
 * the log without bound: the first refusal per address and code in a window
 * is written as it happens, the rest of the window as one summary entry
 * naming how many there were.
 */
export class RefusalAuditor implements HttpRefusalListener {
  private readonly windows = new Map<string, Window>();
  private readonly windowMs: number;
  private readonly maxKeys: number;
  private readonly timer: NodeJS.Timeout;
  private readonly log = logger.child({ component: 'refusal-audit' });
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: RefusalAuditOptions) {
    this.windowMs = options.windowMs ?? 60_000;
    this.maxKeys = options.maxKeys ?? 10_000;
    this.timer = setInterval(() => this.closeWindows(false), Math.max(this.windowMs, 1_000));
    this.timer.unref();
  }

  refused({ req, status, code, message }: HttpRefusal): void {
    const at = this.options.clock();
    const address = req.socket?.remoteAddress ?? 'unknown';
    const key = `${address}|${code}`;
    const open = this.windows.get(key);
    if (open && at.getTime() - open.start < this.windowMs) {
      // Within the window: counted, written later as part of one summary entry.
      open.suppressed += 1;
      open.lastAt = at;
      return;
    }
    if (open) this.summarise(open);
    this.windows.delete(key);
    this.windows.set(key, { address, code, start: at.getTime(), suppressed: 0, lastAt: at });
    this.evictIdlest();
    this.write({
      at,
      requestId: requestIdFor(req.headers['x-request-id']),
      user: null,
      roles: [],
      purpose: headerOf(req, PURPOSE_HEADER),
      caseNumber: headerOf(req, CASE_HEADER),
      operationName: null,
      operationType: 'http',
      documentHash: null,
      variablesDigest: null,
      personIds: [],
      decisionIds: [],
      outcome: 'DENIED',
      errorCodes: [code],
      detail: `HTTP ${status} ${req.method} from ${address} (token not checked): ${message}`,
    });
  }

  /** Writes what the open windows still hold back (at shutdown, and in tests). */
  async flush(): Promise<void> {
    this.closeWindows(true);
    await this.pending;
  }

  close(): Promise<void> {
    clearInterval(this.timer);
    return this.flush();
  }

  private closeWindows(all: boolean): void {
    const now = this.options.clock().getTime();
    for (const [key, window] of this.windows) {
      if (!all && now - window.start < this.windowMs) continue;
      this.summarise(window);
      this.windows.delete(key);
    }
  }

  private evictIdlest(): void {
    for (const [key, window] of this.windows) {
      if (this.windows.size <= this.maxKeys) return;
      this.summarise(window);
      this.windows.delete(key);
    }
  }

  private summarise(window: Window): void {
    if (window.suppressed === 0) return;
    const from = new Date(window.start).toISOString();
    this.write({
      at: window.lastAt,
      requestId: null,
      user: null,
      roles: [],
      purpose: null,
      caseNumber: null,
      operationName: null,
      operationType: 'http',
      documentHash: null,
      variablesDigest: null,
      personIds: [],
      decisionIds: [],
      outcome: 'DENIED',
      errorCodes: [window.code],
      detail: `${window.suppressed} more HTTP refusals (${window.code}) from ${window.address} between ${from} and ${window.lastAt.toISOString()}, summarised in this one entry`,
    });
    window.suppressed = 0;
  }

  private write(record: AuditRecordInput): void {
    // Appends are chained one after another, so the entries keep the order refusals came in.
    this.pending = this.pending
      .then(() => this.options.auditLog.append(record))
      .catch((error: unknown) => {
        // The refusal was already answered; what the log could not take goes to the log stream.
        this.log.error(
          { reason: error instanceof Error ? error.message : String(error), record },
          'audit entry of an HTTP refusal not written',
        );
      });
  }
}

/** Says a request's audit entry is written elsewhere (the audit plugin, the authentication gate). */
export function markAuditedByPlugin(res: Response): void {
  res.locals[AUDITED_BY_PLUGIN] = true;
}

/** Marks each request that reached Apollo's plugins: its entry is the audit plugin's to write. */
export function auditedByPluginMarker(): ApolloServerPlugin<{ req?: Request }> {
  return {
    async requestDidStart({ contextValue }) {
      const res = contextValue.req?.res;
      if (res) markAuditedByPlugin(res);
    },
  };
}

function errorOf(body: unknown): { code: string; message: string } | null {
  if (body === undefined || body === null) return null;
  try {
    const text = Buffer.isBuffer(body) ? body.toString('utf8') : String(body);
    const parsed = JSON.parse(text) as {
      errors?: { message?: unknown; extensions?: { code?: unknown } }[];
    };
    const first = parsed.errors?.[0];
    if (!first) return null;
    return {
      code: typeof first.extensions?.code === 'string' ? first.extensions.code : 'BAD_REQUEST',
      message: typeof first.message === 'string' ? first.message : '',
    };
  } catch {
    return null;
  }
}

/**
 * Express middleware on the gateway's /graphql: a request Apollo refused
 * before any plugin ran (CSRF, batch, method) is told to the auditor with the
 * code the client got.
 */
export function refusalAuditMiddleware(auditor: HttpRefusalListener) {
  return (req: Request, res: Response, next: NextFunction): void => {
    // Nest mounts middleware under its route, so `req.path` is relative to it; the URL is not.
    if (req.originalUrl.split('?')[0] !== '/graphql') {
      next();
      return;
    }
    let body: unknown;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      if (typeof args[0] !== 'function') body = args[0];
      return end(...args);
    }) as Response['end'];
    res.once('finish', () => {
      if (res.statusCode < 400 || res.locals[AUDITED_BY_PLUGIN] === true) return;
      const error = errorOf(body);
      auditor.refused({
        req,
        status: res.statusCode,
        code: error?.code ?? 'BAD_REQUEST',
        message: error?.message ?? `HTTP ${res.statusCode}`,
      });
    });
    next();
  };
}
