import { Inject, Injectable } from '@nestjs/common';
import {
  PersonProfileRepository,
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

  constructor(@Inject(SERVICE_DATA_SOURCE) dataSource: DataSource) {
    this.repository = new PersonProfileRepository(dataSource.manager);
  }

  persons(ids: readonly string[]): Promise<PersonRow[]> {
    return this.repository.persons(ids);
  }

  personIdsByRecord(keys: readonly string[]): Promise<Map<string, string>> {
    return this.repository.personIdsByRecord(keys);
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
}
