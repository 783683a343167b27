import {
  Catch,
  HttpException,
  Inject,
  Optional,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { BaseExceptionFilter, HttpAdapterHost } from '@nestjs/core';
import type { Request, Response } from 'express';

/** A request refused before GraphQL saw it (body too large, not JSON, wrong method…). */
export interface HttpRefusal {
  req: Request;
  status: number;
  /** The GraphQL error code the client got. */
  code: string;
  message: string;
}

/** Told of every HTTP-level refusal on /graphql (the gateway audits them). */
export interface HttpRefusalListener {
  refused(refusal: HttpRefusal): void;
}

export const HTTP_REFUSAL_LISTENER = Symbol('HTTP_REFUSAL_LISTENER');

const GRAPHQL_PATH = '/graphql';

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** What body-parser (via Express) hands on: an http-errors object with a status and a type. */
interface BodyParserError {
  status?: unknown;
  type?: unknown;
  limit?: unknown;
  message?: unknown;
}

/** The status, code and message a client gets for an error raised before GraphQL ran. */
export function describeHttpRefusal(
  exception: unknown,
): { status: number; code: string; message: string } | null {
  const raw = exception as BodyParserError | null;
  if (raw?.type === 'entity.too.large' || raw?.status === 413) {
    const limit = typeof raw.limit === 'number' ? ` of ${raw.limit} bytes` : '';
    return {
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: `The request body is larger than the limit${limit}; send a smaller operation`,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = CODE_BY_STATUS[status];
    if (!code) return null;
    // Nest turns body-parser's JSON SyntaxError into a 400 carrying the parser's message.
    const message =
      status === 400
        ? `The request body is not valid JSON (${exception.message}); send {"query": "…", "variables": {…}}`
        : exception.message;
    return { status, code, message };
  }
  if (raw?.type === 'entity.parse.failed' || raw?.type === 'encoding.unsupported') {
    return {
      status: 400,
      code: 'BAD_REQUEST',
      message: 'The request body could not be read as JSON',
    };
  }
  return null;
}

/**
 * Errors raised before GraphQL runs — a body over the size limit, a body that
 * is not JSON — answer as GraphQL errors (`{errors: [{message, extensions:
 * {code}}]}`), with their HTTP status, on /graphql, and are reported to the
 * HTTP_REFUSAL_LISTENER (the gateway audits them). Everything else, and every
 * other path, is answered as Nest would.
 */
@Catch()
export class GraphQLHttpRefusalFilter extends BaseExceptionFilter implements ExceptionFilter {
  constructor(
    adapterHost: HttpAdapterHost,
    @Optional()
    @Inject(HTTP_REFUSAL_LISTENER)
    private readonly listener?: HttpRefusalListener,
  ) {
    super(adapterHost.httpAdapter);
  }

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    // Resolver errors are GraphQL's to format; a filter only returns them.
    if (host.getType() !== 'http') return exception;
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const path = (req.originalUrl ?? req.url).split('?')[0];
    const refusal = path === GRAPHQL_PATH ? describeHttpRefusal(exception) : null;
    if (!refusal || res.headersSent) return super.catch(exception, host);
    res.status(refusal.status).json({
      errors: [{ message: refusal.message, extensions: { code: refusal.code } }],
    });
    this.listener?.refused({ req, ...refusal });
    return undefined;
  }
}
