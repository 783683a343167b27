import { Inject, Injectable } from '@nestjs/common';
import {
  SeizureCaseEntity,
  SeizureCaseStore,
  SeizureEventEntity,
  SeizureItemEntity,
  seizureCaseSchema,
} from '@mosaic/seizure-data';
import { SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import { parseRecord } from '@mosaic/validation';
import { In, type DataSource } from 'typeorm';
import { groupByKey } from './group-by-key';
import {
  type SeizureCase,
  SeizureEvent,
  type SeizureEventType,
  SeizureItem,
  type SeizureItemCategory,
} from './seizure-case.model';

export function toCase(e: SeizureCaseEntity): SeizureCase {
  return {
    id: e.id,
    caseNumber: e.caseNumber,
    agency: e.agency,
    openedAt: e.openedAt,
    narrative: e.narrative,
  };
}

function toEvent(e: SeizureEventEntity): SeizureEvent {
  return {
    eventId: e.eventId,
    type: e.type as SeizureEventType,
    occurredAt: e.occurredAt,
    port: e.port,
    location: e.location,
  };
}

function toItem(e: SeizureItemEntity): SeizureItem {
  return {
    itemId: e.itemId,
    category: e.category as SeizureItemCategory,
    description: e.description,
    quantity: e.quantity,
    unit: e.unit,
  };
}

/** Reads cases and their events and items, one query per table for any number of cases; records cases. */
@Injectable()
export class SeizureCaseService {
  private readonly store = new SeizureCaseStore();

  constructor(@Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** One query for the whole batch; results in the order of `ids`, null where unknown. */
  async findByIds(ids: readonly string[]): Promise<(SeizureCase | null)[]> {
    const rows = await this.dataSource
      .getRepository(SeizureCaseEntity)
      .findBy({ id: In([...ids]) });
    const byId = new Map(rows.map((r) => [r.id, toCase(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async findByNumber(caseNumber: string): Promise<SeizureCase | null> {
    const row = await this.dataSource.getRepository(SeizureCaseEntity).findOneBy({ caseNumber });
    return row ? toCase(row) : null;
  }

  /** The events of each case, in recorded order: one query for the whole batch. */
  async eventsOf(caseIds: readonly string[]): Promise<SeizureEvent[][]> {
    const rows = await this.dataSource.getRepository(SeizureEventEntity).find({
      where: { caseId: In([...caseIds]) },
      order: { caseId: 'ASC', ordinal: 'ASC' },
    });
    return groupByKey(caseIds, rows, (r) => r.caseId).map((group) => group.map(toEvent));
  }

  /** The items of each case, in recorded order: one query for the whole batch. */
  async itemsOf(caseIds: readonly string[]): Promise<SeizureItem[][]> {
    const rows = await this.dataSource.getRepository(SeizureItemEntity).find({
      where: { caseId: In([...caseIds]) },
      order: { caseId: 'ASC', ordinal: 'ASC' },
    });
    return groupByKey(caseIds, rows, (r) => r.caseId).map((group) => group.map(toItem));
  }

  /**
   * Validates and stores one case with its subjects and events; recording the
   * same record id again changes nothing.
   */
  async record(input: unknown): Promise<{ case: SeizureCase; created: boolean }> {
    const record = parseRecord(seizureCaseSchema, input);
    const { inserted } = await this.dataSource.transaction((manager) =>
      this.store.storeBatch(manager, [record]),
    );
    const [stored] = await this.findByIds([record.recordId]);
    return { case: stored as SeizureCase, created: inserted === 1 };
  }
}
