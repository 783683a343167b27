import type { IncomingHttpHeaders } from 'node:http';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  logger,
  ROLE_PATTERN,
  ROLES_HEADER,
  USER_HEADER,
  USER_PATTERN,
  type RequestIdentity,
} from '@mosaic/service-kit';
import { unauthenticated, type Authenticator } from './authenticator';

const MAX_ROLES = 20;

// Node joins a repeated header into one value ("a, b"), which then fails its pattern.
function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Development only: believes the `x-mosaic-user` (default `anonymous`) and
 * `x-mosaic-roles` (comma-separated) headers the caller sends, after checking
 * their shape. It proves nothing about the caller.
 */
@Injectable()
export class DevelopmentAuthenticator implements Authenticator, OnModuleInit {
  onModuleInit(): void {
    logger.warn(
      `gateway: development authenticator — ${USER_HEADER} and ${ROLES_HEADER} are believed as sent`,
    );
  }

  async authenticate(request: { headers: IncomingHttpHeaders }): Promise<RequestIdentity> {
    const user = header(request.headers, USER_HEADER)?.trim() || 'anonymous';
    if (!USER_PATTERN.test(user)) {
      throw unauthenticated(`${USER_HEADER} must be 1–100 letters, digits, '.', '_', '@' or '-'`);
    }
    const roles = [
      ...new Set(
        (header(request.headers, ROLES_HEADER) ?? '')
          .split(',')
          .map((role) => role.trim())
          .filter((role) => role !== ''),
      ),
    ];
    const bad = roles.find((role) => !ROLE_PATTERN.test(role));
    if (bad !== undefined) {
      throw unauthenticated(
        `${ROLES_HEADER}: "${bad.slice(0, 64)}" is not a role name (a letter, then up to 63 letters, digits, '_' or '-')`,
      );
    }
    if (roles.length > MAX_ROLES) {
      throw unauthenticated(`${ROLES_HEADER} may name at most ${MAX_ROLES} roles`);
    }
    return { user, roles };
  }
}
