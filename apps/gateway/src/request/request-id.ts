import { randomUUID } from 'node:crypto';
import { saneRequestId } from '@mosaic/service-kit';

/**
 * The request id of one client request: the caller's `x-request-id` when it is
 * a sane token (so a client can correlate its own logs), a new UUID otherwise
 * (so nothing a client sends ends up unchecked in logs and headers).
 */
export function requestIdFor(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return saneRequestId(value) ?? randomUUID();
}
