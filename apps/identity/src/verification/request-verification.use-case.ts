import { Inject, Injectable } from '@nestjs/common';
import { VerificationRepository, type VerificationRequestRow } from '@mosaic/identity-data';
import { notFoundError, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { accountabilityError, sqlState } from './accountability-errors';
import { requireRole, type Actor } from './acting-user';

/** Roles that may ask for a verification (the matrix's rule for Mutation.requestVerification). */
export const REQUESTER_ROLES = ['ANALYST', 'OFFICER', 'REVIEWER', 'SUPERVISOR'] as const;

export type RequestVerificationCommand = { actor: Actor; note: string | null } & (
  | { target: 'LINK'; decisionId: string }
  | { target: 'IDENTIFICATION'; probeKey: string; personId: string }
);

/** A request as asked, with the records it is about. */
export interface RequestedVerification {
  request: VerificationRequestRow;
  /** LINK: the two linked records; IDENTIFICATION: the probe record. */
  recordKeys: string[];
}

/**
 * Asks that two different reviewers confirm a link or an identification. The
 * request records who asked, under which purpose and case. One live request
 * per subject: asking again while one is PENDING or VERIFIED is a CONFLICT
 * naming it (after a rejection a new one may be asked, with new evidence).
 */
@Injectable()
export class RequestVerificationUseCase {
  private readonly requests = new VerificationRepository();

  constructor(@Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async execute(command: RequestVerificationCommand): Promise<RequestedVerification> {
    requireRole(command.actor, REQUESTER_ROLES, 'Mutation.requestVerification');
    try {
      return await this.dataSource.transaction((manager) => this.request(manager, command));
    } catch (error) {
      // Two requests about one subject at once: the unique index lets one through.
      if (sqlState(error) === '23505') {
        throw accountabilityError(
          'CONFLICT',
          'Verification of this was requested at the same moment by someone else; read it and confirm that one',
        );
      }
      throw error;
    }
  }

  private async request(
    manager: EntityManager,
    command: RequestVerificationCommand,
  ): Promise<RequestedVerification> {
    let personId: string;
    let recordKeys: string[];
    if (command.target === 'LINK') {
      const link = await this.link(manager, command.decisionId);
      personId = link.personId;
      recordKeys = [link.aKey, link.bKey];
    } else {
      await this.identificationSubject(manager, command.probeKey, command.personId);
      personId = command.personId;
      recordKeys = [command.probeKey];
    }
    const live = await this.requests.liveRequest(
      manager,
      command.target === 'LINK'
        ? { decisionId: command.decisionId }
        : { probeKey: command.probeKey, personId: command.personId },
    );
    if (live) {
      throw accountabilityError(
        'CONFLICT',
        `Verification of this was already requested (request ${live.id}, ${live.state}); confirm or read that one`,
        { requestId: live.id, state: live.state },
      );
    }
    const request = await this.requests.insertRequest(manager, {
      id: uuidv7(),
      target: command.target,
      decisionId: command.target === 'LINK' ? command.decisionId : null,
      probeKey: command.target === 'IDENTIFICATION' ? command.probeKey : null,
      personId,
      requestedBy: command.actor.user,
      purpose: command.actor.purpose,
      caseNumber: command.actor.caseNumber,
      note: command.note,
    });
    return { request, recordKeys };
  }

  /** The link a decision made, as it holds a person together now. */
  private async link(manager: EntityManager, decisionId: string) {
    const [link] = (await manager.query(
      `SELECT l.person_id, l.a_key, l.b_key,
              EXISTS (SELECT 1 FROM dispute d
                       WHERE d.target = 'LINK' AND d.state = 'OPEN'
                         AND d.record_key IN (l.a_key, l.b_key)) AS disputed
         FROM person_link l WHERE l.decision_id = $1 ORDER BY l.id LIMIT 1`,
      [decisionId],
    )) as { person_id: string; a_key: string; b_key: string; disputed: boolean }[];
    if (!link) {
      const [decision] = (await manager.query(
        'SELECT outcome, blocked FROM link_decision WHERE id = $1',
        [decisionId],
      )) as { outcome: string; blocked: boolean }[];
      if (!decision) throw notFoundError('link decision', decisionId);
      throw accountabilityError(
        'CONFLICT',
        `Decision ${decisionId} (${decision.outcome}${decision.blocked ? ', blocked by a cannot-link pair' : ''}) holds no link together: there is nothing to verify`,
      );
    }
    if (link.disputed) {
      throw accountabilityError(
        'CONFLICT',
        `The link of decision ${decisionId} is under an open dispute; it can be verified once the dispute is resolved`,
        { reason: 'UNDER_DISPUTE' },
      );
    }
    return { personId: link.person_id, aKey: link.a_key, bKey: link.b_key };
  }

  private async identificationSubject(
    manager: EntityManager,
    probeKey: string,
    personId: string,
  ): Promise<void> {
    const [probe] = (await manager.query('SELECT 1 FROM identity_record WHERE key = $1', [
      probeKey,
    ])) as unknown[];
    if (!probe) throw notFoundError('resolved probe record', probeKey);
    const [person] = (await manager.query('SELECT status, merged_into FROM person WHERE id = $1', [
      personId,
    ])) as { status: string; merged_into: string | null }[];
    if (!person) throw notFoundError('person', personId);
    if (person.status === 'MERGED') {
      throw accountabilityError(
        'CONFLICT',
        `Person ${personId} was merged into ${person.merged_into}; ask about that person`,
        { mergedInto: person.merged_into },
      );
    }
    if (person.status !== 'ACTIVE') {
      throw accountabilityError('CONFLICT', `Person ${personId} is ${person.status}`);
    }
  }
}
