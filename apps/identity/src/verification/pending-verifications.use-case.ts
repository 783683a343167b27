import { Inject, Injectable } from '@nestjs/common';
import { VerificationRepository, type VerificationRequestRow } from '@mosaic/identity-data';
import { badUserInputError, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource } from 'typeorm';
import { parseUuid } from '../person/person-ids';
import { requireRole, type Actor } from './acting-user';
import { REVIEWER_ROLES } from './confirm-verification.use-case';

export const PENDING_PAGE_LIMIT = 100;

export interface PendingVerificationsQuery {
  actor: Actor;
  /** 1–100. */
  first: number;
  /** The endCursor of the previous page. */
  after: string | null;
}

export interface PendingVerifications {
  requests: { request: VerificationRequestRow; recordKeys: string[] }[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * The verification requests waiting for reviewers, the longest-waiting first:
 * what a reviewer works through. Only the roles that may review read it.
 */
@Injectable()
export class PendingVerificationsUseCase {
  private readonly requests = new VerificationRepository();

  constructor(@Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async execute(query: PendingVerificationsQuery): Promise<PendingVerifications> {
    requireRole(query.actor, REVIEWER_ROLES, 'Query.pendingVerifications');
    if (!Number.isInteger(query.first) || query.first < 1 || query.first > PENDING_PAGE_LIMIT) {
      throw badUserInputError('first', `must be a whole number from 1 to ${PENDING_PAGE_LIMIT}`);
    }
    const after =
      query.after === null ? null : parseUuid(query.after, 'after', 'a cursor this query returned');
    const rows = await this.requests.pending(this.dataSource.manager, {
      after,
      limit: query.first + 1,
    });
    const page = rows.slice(0, query.first);
    return {
      requests: page,
      hasNextPage: rows.length > query.first,
      endCursor: page.length > 0 ? (page[page.length - 1]?.request.id ?? null) : null,
    };
  }
}
