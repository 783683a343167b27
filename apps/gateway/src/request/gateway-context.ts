import type { RequestIdentity } from '@mosaic/service-kit';
import type { Request, Response } from 'express';
import type { Authenticator } from './authenticator';
import { requestIdOf } from './request-id.middleware';

/** What the gateway knows about one client request; forwarded to every subgraph it calls. */
export interface GatewayContext {
  req: Request;
  requestId: string;
  identity: RequestIdentity;
  /** The caller's `authorization` header, forwarded unchanged for subgraphs that check tokens. */
  authorization: string | undefined;
}

export function gatewayContextFactory(authenticator: Authenticator) {
  return async ({ req, res }: { req: Request; res: Response }): Promise<GatewayContext> => ({
    req,
    requestId: requestIdOf(res),
    identity: await authenticator.authenticate(req),
    authorization: req.headers.authorization,
  });
}
