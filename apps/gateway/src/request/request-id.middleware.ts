import { Injectable, type NestMiddleware } from '@nestjs/common';
import { REQUEST_ID_HEADER } from '@mosaic/service-kit';
import type { NextFunction, Request, Response } from 'express';
import { requestIdFor } from './request-id';

/** Gives every request its id before anything answers it, and echoes the id on the response. */
@Injectable()
export class RequestIdMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const requestId = requestIdFor(req.headers[REQUEST_ID_HEADER]);
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
