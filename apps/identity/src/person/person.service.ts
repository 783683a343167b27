import { Inject, Injectable } from '@nestjs/common';
import {
  DisputeRepository,
  PersonProfileRepository,
  type DisputeRow,
  type LineageRow,
  type PersonLinkRow,
  type PersonRecordRow,
  type PersonRow,
} from '@mosaic/identity-data';
import { SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource } from 'typeorm';

/** The identity database's profile reads, each one query for a batch of persons. */
@Injectable()
export class PersonService {
  private readonly repository: PersonProfileRepository;
  private readonly disputeRepository = new DisputeRepository();

  constructor(@Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource) {
    this.repository = new PersonProfileRepository(dataSource.manager);
  }

  persons(ids: readonly string[]): Promise<PersonRow[]> {
    return this.repository.persons(ids);
  }

  recordPlacements(
    keys: readonly string[],
  ): Promise<Map<string, { personId: string; suspended: boolean }>> {
    return this.repository.recordPlacements(keys);
  }

  records(personIds: readonly string[]): Promise<PersonRecordRow[]> {
    return this.repository.records(personIds);
  }

  links(personIds: readonly string[]): Promise<PersonLinkRow[]> {
    return this.repository.links(personIds);
  }

  lineage(personIds: readonly string[]): Promise<LineageRow[]> {
    return this.repository.lineage(personIds);
  }

  disputes(personIds: readonly string[]): Promise<(DisputeRow & { forPerson: string })[]> {
    return this.disputeRepository.byPersons(this.dataSource.manager, personIds);
  }
}
