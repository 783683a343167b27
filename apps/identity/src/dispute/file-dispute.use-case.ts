import { Inject, Injectable } from '@nestjs/common';
import {
  activeVersions,
  ClusterRepository,
  DisputeRepository,
  PersonProfileRepository,
  recordStateEvent,
  type DisputeRow,
} from '@mosaic/identity-data';
import { appendToOutbox } from '@mosaic/outbox';
import { badUserInputError, notFoundError, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  ATTRIBUTE_FIELDS,
  attributesView,
  countingLinks,
  countingRecords,
  type AttributeKindName,
} from '../person/person-views';
import { accountabilityError, sqlState } from '../verification/accountability-errors';
import { requireRole, type Actor } from '../verification/acting-user';

/** Roles that may file a dispute (the matrix's rule for Mutation.fileDispute). */
export const FILER_ROLES = ['ANALYST', 'OFFICER', 'REVIEWER', 'SUPERVISOR', 'OVERSIGHT'] as const;

export type FileDisputeCommand = { actor: Actor; personId: string; reason: string } & (
  | { target: 'LINK'; recordKey: string }
  | { target: 'ATTRIBUTE'; kind: AttributeKindName; value: string }
);

/**
 * Files a dispute against a link or an attribute value of a person
 * (DESIGN.md "Accountability controls" 4). A disputed link is suspended at
 * once: the record is left out of the person's profile, and a SUSPENDED
 * `identity.person.v1` event takes it out of link analysis and search, in
 * the same transaction. A disputed value is marked on the profile. Either
 * flags the person (underDispute). One open dispute per link or value.
 *
 * Holds the person's row lock, as a resolver batch that moves the record does
 * (docs/adr/0013-resolution-without-a-global-lock.md): the two would
 * otherwise publish their events in an order that says something else than
 * what happened.
 */
@Injectable()
export class FileDisputeUseCase {
  private readonly disputes = new DisputeRepository();
  private readonly clusters = new ClusterRepository();

  constructor(@Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async execute(command: FileDisputeCommand): Promise<DisputeRow> {
    requireRole(command.actor, FILER_ROLES, 'Mutation.fileDispute');
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.clusters.lockPersons(manager, [command.personId]);
        await this.activePerson(manager, command.personId);
        return command.target === 'LINK'
          ? this.disputeLink(manager, command)
          : this.disputeAttribute(manager, command);
      });
    } catch (error) {
      if (sqlState(error) === '23505') {
        throw accountabilityError(
          'CONFLICT',
          'The same thing was disputed at the same moment by someone else; see Person.disputes',
        );
      }
      throw error;
    }
  }

  private async activePerson(manager: EntityManager, personId: string): Promise<void> {
    const [person] = (await manager.query('SELECT status, merged_into FROM person WHERE id = $1', [
      personId,
    ])) as { status: string; merged_into: string | null }[];
    if (!person) throw notFoundError('person', personId);
    if (person.status === 'MERGED') {
      throw accountabilityError(
        'CONFLICT',
        `Person ${personId} was merged into ${person.merged_into}; file the dispute against that person`,
        { mergedInto: person.merged_into },
      );
    }
    if (person.status !== 'ACTIVE') {
      throw accountabilityError('CONFLICT', `Person ${personId} is ${person.status}`);
    }
  }

  private async disputeLink(
    manager: EntityManager,
    command: FileDisputeCommand & { target: 'LINK' },
  ): Promise<DisputeRow> {
    const { personId, recordKey } = command;
    const rows = (await manager.query(
      'SELECT key FROM identity_record WHERE person_id = $1 ORDER BY seq',
      [personId],
    )) as { key: string }[];
    if (!rows.some((r) => r.key === recordKey)) {
      throw badUserInputError(
        'input.record',
        `${recordKey} is not one of person ${personId}'s records`,
      );
    }
    if (rows.length < 2) {
      throw accountabilityError(
        'CONFLICT',
        `${recordKey} is person ${personId}'s only record: no link ties it to anything`,
      );
    }
    const open = await this.disputes.openLinkDispute(manager, recordKey);
    if (open) {
      throw accountabilityError(
        'CONFLICT',
        `The link of ${recordKey} is already under dispute ${open.id}`,
        { disputeId: open.id },
      );
    }
    const dispute = await this.disputes.insert(manager, {
      id: uuidv7(),
      personId,
      target: 'LINK',
      recordKey,
      attributeKind: null,
      attributeValue: null,
      reason: command.reason,
      filedBy: command.actor.user,
      filedPurpose: command.actor.purpose,
      filedCase: command.actor.caseNumber,
    });
    await appendToOutbox(manager, [
      recordStateEvent('SUSPENDED', personId, [recordKey], await activeVersions(manager)),
    ]);
    return dispute;
  }

  private async disputeAttribute(
    manager: EntityManager,
    command: FileDisputeCommand & { target: 'ATTRIBUTE' },
  ): Promise<DisputeRow> {
    const { personId, kind, value } = command;
    const profiles = new PersonProfileRepository(manager);
    const [records, links] = await Promise.all([
      profiles.records([personId]),
      profiles.links([personId]),
    ]);
    const attributes = attributesView(countingRecords(records), countingLinks(links));
    const values = attributes[ATTRIBUTE_FIELDS[kind]].map((v) => v.value);
    if (!values.includes(value)) {
      throw badUserInputError(
        'input.attribute.value',
        `person ${personId} has no ${kind} value ${JSON.stringify(value)}; give it exactly as Person.attributes shows it`,
      );
    }
    const open = await this.disputes.openAttributeDispute(manager, personId, kind, value);
    if (open) {
      throw accountabilityError('CONFLICT', `That value is already under dispute ${open.id}`, {
        disputeId: open.id,
      });
    }
    return this.disputes.insert(manager, {
      id: uuidv7(),
      personId,
      target: 'ATTRIBUTE',
      recordKey: null,
      attributeKind: kind,
      attributeValue: value,
      reason: command.reason,
      filedBy: command.actor.user,
      filedPurpose: command.actor.purpose,
      filedCase: command.actor.caseNumber,
    });
  }
}
