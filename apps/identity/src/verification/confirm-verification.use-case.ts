import { Inject, Injectable } from '@nestjs/common';
import {
  VerificationRepository,
  type CitedEvidence,
  type ReviewVerdict,
  type VerificationRequestRow,
} from '@mosaic/identity-data';
import { notFoundError, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { REQUIRED_CONFIRMATIONS } from '../person/person-views';
import { accountabilityError, sqlState } from './accountability-errors';
import { requireRole, type Actor } from './acting-user';
import { citedEvidence, type EvidenceInput } from './verification-evidence';

/** Roles that may review (the matrix's rule for Mutation.confirmVerification). */
export const REVIEWER_ROLES = ['REVIEWER', 'SUPERVISOR'] as const;

export interface ConfirmVerificationCommand {
  actor: Actor;
  requestId: string;
  decision: ReviewVerdict;
  /** As given: checked here (citedEvidence), a CONFIRM must cite non-biometric evidence. */
  evidence: readonly EvidenceInput[];
}

/** What a review did to its request, for the caller and the audit trail. */
export interface ReviewedVerification {
  request: VerificationRequestRow;
  /** LINK: the two linked records; IDENTIFICATION: the probe record. */
  recordKeys: string[];
}

function selfConfirmation(requestId: string) {
  return accountabilityError(
    'SELF_CONFIRMATION',
    `You asked for verification ${requestId}; two other reviewers must confirm it`,
  );
}

function duplicateConfirmation(requestId: string) {
  return accountabilityError(
    'DUPLICATE_CONFIRMATION',
    `You have already reviewed verification ${requestId}; a second, different reviewer must`,
  );
}

/**
 * One reviewer's verdict on a verification request (DESIGN.md
 * "Accountability controls" 3). Only a REVIEWER or SUPERVISOR reviews; never
 * the person who asked (SELF_CONFIRMATION); never twice
 * (DUPLICATE_CONFIRMATION). Two confirmations by different reviewers make it
 * VERIFIED; one rejection makes it REJECTED; either way it is then closed.
 * The request row is locked for the whole review, so reviewers acting at the
 * same moment are counted one after the other; the database refuses a
 * second review by one reviewer and a review by the requester as well.
 */
@Injectable()
export class ConfirmVerificationUseCase {
  private readonly requests = new VerificationRepository();

  constructor(@Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async execute(command: ConfirmVerificationCommand): Promise<ReviewedVerification> {
    requireRole(command.actor, REVIEWER_ROLES, 'Mutation.confirmVerification');
    const evidence = citedEvidence(command.decision, command.evidence);
    try {
      return await this.dataSource.transaction((manager) =>
        this.review(manager, command, evidence),
      );
    } catch (error) {
      const state = sqlState(error);
      if (state === '23505') throw duplicateConfirmation(command.requestId);
      if (state === '23514' && String((error as Error).message).includes('SELF_CONFIRMATION')) {
        throw selfConfirmation(command.requestId);
      }
      throw error;
    }
  }

  private async review(
    manager: EntityManager,
    command: ConfirmVerificationCommand,
    evidence: CitedEvidence[],
  ): Promise<ReviewedVerification> {
    const { actor, requestId } = command;
    const request = await this.requests.lock(manager, requestId);
    if (!request) throw notFoundError('verification request', requestId);
    if (request.requestedBy === actor.user) throw selfConfirmation(requestId);
    if (request.reviews.some((r) => r.reviewer === actor.user)) {
      throw duplicateConfirmation(requestId);
    }
    if (request.state !== 'PENDING') {
      throw accountabilityError(
        'CONFLICT',
        `Verification ${requestId} is already ${request.state}; it takes no more reviews`,
        { state: request.state },
      );
    }
    const recordKeys = await this.subjectRecords(manager, request);

    await this.requests.addReview(manager, {
      requestId,
      reviewer: actor.user,
      decision: command.decision,
      evidence,
      roles: [...actor.roles],
      purpose: actor.purpose,
      caseNumber: actor.caseNumber,
    });
    const confirmedBy = new Set(
      request.reviews.filter((r) => r.decision === 'CONFIRM').map((r) => r.reviewer),
    );
    if (command.decision === 'CONFIRM') confirmedBy.add(actor.user);
    if (command.decision === 'REJECT') await this.requests.close(manager, requestId, 'REJECTED');
    else if (confirmedBy.size >= REQUIRED_CONFIRMATIONS) {
      await this.requests.close(manager, requestId, 'VERIFIED');
    }
    const [updated] = await this.requests.requests(manager, [requestId]);
    return { request: updated as VerificationRequestRow, recordKeys };
  }

  /**
   * The records the request is about, as they stand: a link undone since it
   * was asked about, or one under an open dispute, is not reviewed.
   */
  private async subjectRecords(
    manager: EntityManager,
    request: VerificationRequestRow,
  ): Promise<string[]> {
    if (request.target === 'IDENTIFICATION') return [request.probeKey as string];
    const [link] = (await manager.query(
      `SELECT l.a_key, l.b_key,
              EXISTS (SELECT 1 FROM dispute d
                       WHERE d.target = 'LINK' AND d.state = 'OPEN'
                         AND d.record_key IN (l.a_key, l.b_key)) AS disputed
         FROM person_link l WHERE l.decision_id = $1 ORDER BY l.id LIMIT 1`,
      [request.decisionId],
    )) as { a_key: string; b_key: string; disputed: boolean }[];
    if (!link) {
      throw accountabilityError(
        'CONFLICT',
        `The link verification ${request.id} asks about no longer holds any person together (it was undone)`,
        { reason: 'LINK_REMOVED' },
      );
    }
    if (link.disputed) {
      throw accountabilityError(
        'CONFLICT',
        `The link verification ${request.id} asks about is under an open dispute; review it once the dispute is resolved`,
        { reason: 'UNDER_DISPUTE' },
      );
    }
    return [link.a_key, link.b_key];
  }
}
