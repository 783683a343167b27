import { Inject, Injectable } from '@nestjs/common';
import {
  activeVersions,
  ClusterRepository,
  DisputeRepository,
  personChangeEvents,
  recordStateEvent,
  RecordSeparator,
  type DisputeRow,
  type RecordSeparation,
} from '@mosaic/identity-data';
import { appendToOutbox, type OutboxEvent } from '@mosaic/outbox';
import { notFoundError, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { accountabilityError } from '../verification/accountability-errors';
import { requireRole, type Actor } from '../verification/acting-user';

/** Roles that may resolve a dispute (the matrix's rule for Mutation.resolveDispute). */
export const RESOLVER_ROLES = ['SUPERVISOR'] as const;

export interface ResolveDisputeCommand {
  actor: Actor;
  disputeId: string;
  outcome: 'UPHELD' | 'REJECTED';
  note: string;
}

export interface ResolvedDispute {
  dispute: DisputeRow;
  /** UPHELD LINK: what separating the record did (null when nothing held it to others any more). */
  separation: RecordSeparation | null;
}

/**
 * Resolves an open dispute, once, by a SUPERVISOR who did not file it
 * (SELF_CONFIRMATION otherwise: nobody settles their own claim).
 *
 * A LINK dispute upheld unmerges: the record becomes a person of its own,
 * split from the person (CREATED and SPLIT events as any split), its links
 * are removed, and it is cannot-link with every record of the person, so the
 * resolver never joins them again whatever evidence comes later. Rejected, the
 * link counts again (a RESTORED event). An ATTRIBUTE dispute changes no
 * link: upheld, the value stays marked as contested; rejected, the mark goes.
 * The dispute row keeps who filed and who resolved it, when, and why.
 */
@Injectable()
export class ResolveDisputeUseCase {
  private readonly disputes = new DisputeRepository();
  private readonly separator = new RecordSeparator();
  private readonly clusters = new ClusterRepository();

  constructor(@Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async execute(command: ResolveDisputeCommand): Promise<ResolvedDispute> {
    requireRole(command.actor, RESOLVER_ROLES, 'Mutation.resolveDispute');
    return this.dataSource.transaction(async (manager) => {
      const dispute = await this.disputes.lock(manager, command.disputeId);
      if (!dispute) throw notFoundError('dispute', command.disputeId);
      // Unmerging changes a person: its row is locked, as a resolver batch locks the persons it
      // touches (docs/adr/0013-resolution-without-a-global-lock.md).
      if (dispute.recordKey) await this.clusters.lockSlice(manager, [dispute.recordKey]);
      if (dispute.filedBy === command.actor.user) {
        throw accountabilityError(
          'SELF_CONFIRMATION',
          `You filed dispute ${dispute.id}; another supervisor must resolve it`,
        );
      }
      if (dispute.state !== 'OPEN') {
        throw accountabilityError(
          'CONFLICT',
          `Dispute ${dispute.id} was already resolved (${dispute.state}) by ${dispute.resolvedBy}`,
          { state: dispute.state },
        );
      }
      const events: OutboxEvent[] = [];
      let separation: RecordSeparation | null = null;
      if (dispute.target === 'LINK') {
        const recordKey = dispute.recordKey as string;
        const versions = await activeVersions(manager);
        if (command.outcome === 'UPHELD') {
          separation = await this.separator.separate(
            manager,
            recordKey,
            `DISPUTE_UPHELD:${dispute.id}`,
            () => uuidv7(),
          );
          if (separation) {
            events.push(...personChangeEvents(separation.changes, versions));
            events.push(...(await this.stillSuspended(manager, separation, recordKey, versions)));
          } else {
            events.push(...(await this.alreadyAlone(manager, dispute, recordKey, versions)));
          }
        } else {
          const holder = await this.holder(manager, recordKey);
          if (holder) events.push(recordStateEvent('RESTORED', holder, [recordKey], versions));
        }
      }
      await this.disputes.resolve(manager, dispute.id, {
        state: command.outcome,
        resolvedBy: command.actor.user,
        resolvedPurpose: command.actor.purpose,
        resolvedCase: command.actor.caseNumber,
        note: command.note,
        separatedInto: separation?.separatedInto ?? null,
      });
      await appendToOutbox(manager, events);
      return { dispute: (await this.disputes.find(manager, dispute.id)) as DisputeRow, separation };
    });
  }

  private async holder(manager: EntityManager, recordKey: string): Promise<string | null> {
    const [row] = (await manager.query('SELECT person_id FROM identity_record WHERE key = $1', [
      recordKey,
    ])) as { person_id: string }[];
    return row?.person_id ?? null;
  }

  /**
   * Records of the parts split off that are themselves under an open dispute:
   * their new persons' CREATED events would make them count again downstream,
   * so they are suspended again on their new persons.
   */
  private async stillSuspended(
    manager: EntityManager,
    separation: RecordSeparation,
    recordKey: string,
    versions: { modelVersion: string; thresholdVersion: string },
  ): Promise<OutboxEvent[]> {
    const moved = separation.changes
      .filter((c) => c.kind === 'CREATED')
      .flatMap((c) => c.records.map((key) => ({ key, personId: c.personId })))
      .filter((m) => m.key !== recordKey);
    const disputed = await this.disputes.suspendedRecords(
      manager,
      moved.map((m) => m.key),
    );
    return moved
      .filter((m) => disputed.has(m.key))
      .map((m) => recordStateEvent('SUSPENDED', m.personId, [m.key], versions));
  }

  /**
   * The record no longer shares its person with anything (another dispute
   * separated the rest first): nothing to split, but the pairs with the
   * disputed person's records are still made cannot-link, and the record
   * counts again on the person it is alone on.
   */
  private async alreadyAlone(
    manager: EntityManager,
    dispute: DisputeRow,
    recordKey: string,
    versions: { modelVersion: string; thresholdVersion: string },
  ): Promise<OutboxEvent[]> {
    const others = (await manager.query(
      'SELECT key FROM identity_record WHERE person_id = $1 AND key <> $2',
      [dispute.personId, recordKey],
    )) as { key: string }[];
    await this.clusters.addCannotLinks(
      manager,
      others.map((o) => ({ a: recordKey, b: o.key, reason: `DISPUTE_UPHELD:${dispute.id}` })),
    );
    const holder = await this.holder(manager, recordKey);
    return holder ? [recordStateEvent('RESTORED', holder, [recordKey], versions)] : [];
  }
}
