import type { RebuiltRecord } from '@mosaic/analysis-data';
import {
  ANALYSIS_SOURCE_TOPICS,
  analysisRecordFromEvent,
  type AnalysisSource,
} from '@mosaic/analysis-model';
import { FingerprintEnrollmentEntity } from '@mosaic/fingerprint-data';
import { OutboxMessage } from '@mosaic/outbox';
import {
  SeizureCaseEntity,
  SeizureSubjectEntity,
  SeizureSubjectIdentifierEntity,
} from '@mosaic/seizure-data';
import { TravelEncounterEntity } from '@mosaic/travel-data';
import { In, MoreThan, type DataSource, type ObjectLiteral } from 'typeorm';

/**
 * Reads a source database's records back as analysis records, a page at a
 * time in id order. No source keeps a function from a stored row to its event
 * payload (they publish what they were given), so each row is mapped to the
 * payload shape its topic's schema describes and goes through the same
 * `analysisRecordFromEvent` the projection uses: both paths fold names and
 * identifiers the same way.
 */
export interface SourceRecordReader {
  source: AnalysisSource;
  count(): Promise<number>;
  pages(pageSize: number): AsyncGenerator<RebuiltRecord[]>;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** Rows of one entity in primary-key order, a page at a time (keyset: no OFFSET scans). */
async function* byId<T extends ObjectLiteral & { id: string }>(
  dataSource: DataSource,
  entity: new () => T,
  pageSize: number,
): AsyncGenerator<T[]> {
  const repository = dataSource.getRepository(entity);
  let after: string | null = null;
  for (;;) {
    const rows: T[] = await repository.find({
      where: (after === null ? {} : { id: MoreThan(after) }) as never,
      order: { id: 'ASC' } as never,
      take: pageSize,
    });
    if (rows.length === 0) return;
    yield rows;
    after = (rows[rows.length - 1] as T).id;
    if (rows.length < pageSize) return;
  }
}

/** The id of the event that published each record, while the source's outbox still holds it. */
async function publishedEventIds(
  dataSource: DataSource,
  topic: string,
): Promise<Map<string, string>> {
  const rows = await dataSource.getRepository(OutboxMessage).find({
    select: { key: true, eventId: true },
    where: { topic },
  });
  return new Map(rows.map((r) => [r.key, r.eventId]));
}

function reader<T extends ObjectLiteral & { id: string }>(
  source: AnalysisSource,
  dataSource: DataSource,
  entity: new () => T,
  payloads: (rows: T[]) => Promise<{ id: string; payload: unknown }[]>,
): SourceRecordReader {
  const topic = ANALYSIS_SOURCE_TOPICS[source];
  return {
    source,
    count: () => dataSource.getRepository(entity).count(),
    async *pages(pageSize) {
      const events = await publishedEventIds(dataSource, topic);
      for await (const rows of byId(dataSource, entity, pageSize)) {
        yield (await payloads(rows)).map(({ id, payload }) => ({
          record: analysisRecordFromEvent(topic, payload),
          eventId: events.get(id) ?? null,
        }));
      }
    },
  };
}

export function travelRecords(dataSource: DataSource): SourceRecordReader {
  return reader('travel', dataSource, TravelEncounterEntity, async (rows) =>
    rows.map((e) => ({
      id: e.id,
      payload: {
        recordId: e.id,
        encounteredAt: iso(e.encounteredAt),
        port: e.port,
        direction: e.direction,
        carrier: e.carrier,
        flight: e.flight,
        document:
          e.documentNumber === null
            ? null
            : {
                type: e.documentType ?? '',
                number: e.documentNumber,
                issuingCountry: e.documentCountry ?? '',
              },
        traveler: {
          givenNames: e.givenNames,
          surname: e.surname,
          dateOfBirth: e.dateOfBirth,
          sex: e.sex,
          nationality: e.nationality,
        },
        contact:
          e.contactPhone === null && e.contactAddress === null
            ? null
            : { phone: e.contactPhone, address: e.contactAddress },
      },
    })),
  );
}

export function seizureRecords(dataSource: DataSource): SourceRecordReader {
  return reader('seizure', dataSource, SeizureSubjectEntity, async (subjects) => {
    const cases = new Map(
      (
        await dataSource
          .getRepository(SeizureCaseEntity)
          .find({ where: { id: In([...new Set(subjects.map((s) => s.caseId))]) } })
      ).map((c) => [c.id, c]),
    );
    const identifiers = await dataSource.getRepository(SeizureSubjectIdentifierEntity).find({
      where: { subjectId: In(subjects.map((s) => s.id)) },
      order: { subjectId: 'ASC', kind: 'ASC', ordinal: 'ASC' },
    });
    const ofSubject = new Map<string, SeizureSubjectIdentifierEntity[]>();
    for (const i of identifiers) {
      ofSubject.set(i.subjectId, [...(ofSubject.get(i.subjectId) ?? []), i]);
    }
    return subjects.map((s) => {
      const held = ofSubject.get(s.id) ?? [];
      const values = (kind: SeizureSubjectIdentifierEntity['kind']) =>
        held.filter((i) => i.kind === kind).map((i) => i.value);
      const c = cases.get(s.caseId);
      if (!c)
        throw new Error(`seizure subject ${s.id} names case ${s.caseId}, which is not stored`);
      return {
        id: s.id,
        payload: {
          subjectId: s.id,
          role: s.role,
          caseId: c.id,
          caseNumber: c.caseNumber,
          openedAt: iso(c.openedAt),
          givenNames: s.givenNames,
          surname: s.surname,
          dateOfBirth: s.dateOfBirth,
          sex: s.sex,
          nationality: s.nationality,
          identifiers: {
            phones: values('PHONE'),
            addresses: values('ADDRESS'),
            vehicles: values('VEHICLE'),
            documents: held
              .filter((i) => i.kind === 'DOCUMENT')
              .map((i) => ({
                type: i.documentType ?? '',
                number: i.value,
                issuingCountry: i.issuingCountry ?? '',
              })),
          },
        },
      };
    });
  });
}

export function fingerprintRecords(dataSource: DataSource): SourceRecordReader {
  return reader('fingerprint', dataSource, FingerprintEnrollmentEntity, async (rows) =>
    rows.map((e) => ({
      id: e.id,
      payload: {
        recordId: e.id,
        enrolledAt: iso(e.enrolledAt),
        subject: {
          givenNames: e.givenNames,
          surname: e.surname,
          dateOfBirth: e.dateOfBirth,
          sex: e.sex,
          nationality: e.nationality,
        },
      },
    })),
  );
}
