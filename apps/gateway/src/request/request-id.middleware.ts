import { Injectable, type NestMiddleware } from '@nestjs/common';
import { currentLogContext, REQUEST_ID_HEADER } from '@mosaic/service-kit';
import type { NextFunction, Request, Response } from 'express';
import { requestIdFor } from './request-id';

/** Gives every request its id before anything answers it, and echoes the id on the response. */
@Injectable()
export class RequestIdMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    // The request log's id when the service's request logging gave one: one id per request.
    const logContext = currentLogContext();
    const requestId = logContext?.requestId ?? requestIdFor(req.headers[REQUEST_ID_HEADER]);
    if (logContext) logContext.requestId = requestId;
    res.locals['requestId'] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    next();
  }
}

/** The id RequestIdMiddleware gave this request. */
export function requestIdOf(res: Response): string {
  const requestId: unknown = res.locals['requestId'];
  if (typeof requestId !== 'string') {
    throw new Error('RequestIdMiddleware did not run before this handler');
  }
  return requestId;
}
