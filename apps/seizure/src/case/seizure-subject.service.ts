import { Inject, Injectable } from '@nestjs/common';
import {
  SeizureCaseEntity,
  SeizureSubjectEntity,
  SeizureSubjectFingerEntity,
  SeizureSubjectIdentifierEntity,
} from '@mosaic/seizure-data';
import { SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import { In, type DataSource } from 'typeorm';
import { groupByKey } from './group-by-key';
import {
  SeizureBiometricModality,
  type SeizureFingerCapture,
  type SeizureSubject,
  type SeizureSubjectIdentifiers,
  type SeizureSubjectRole,
} from './seizure-subject.model';

/** Most subjects one document lookup returns; `truncated` says when there were more. */
export const DOCUMENT_LOOKUP_LIMIT = 500;

export function toSubject(e: SeizureSubjectEntity): SeizureSubject {
  return {
    id: e.id,
    role: e.role as SeizureSubjectRole,
    givenNames: e.givenNames,
    surname: e.surname,
    dateOfBirth: e.dateOfBirth,
    sex: e.sex,
    nationality: e.nationality,
    face:
      e.faceQuality !== null && e.faceCapturedAt !== null
        ? {
            modality: SeizureBiometricModality.FACE,
            quality: e.faceQuality,
            capturedAt: e.faceCapturedAt,
          }
        : null,
    caseId: e.caseId,
    fingerprintsTaken: e.fingerprintsTaken,
  };
}

function toIdentifiers(rows: readonly SeizureSubjectIdentifierEntity[]): SeizureSubjectIdentifiers {
  const sorted = [...rows].sort((a, b) => a.ordinal - b.ordinal);
  const values = (kind: SeizureSubjectIdentifierEntity['kind']) =>
    sorted.filter((r) => r.kind === kind).map((r) => r.value);
  return {
    phones: values('PHONE'),
    addresses: values('ADDRESS'),
    vehicles: values('VEHICLE'),
    documents: sorted
      .filter((r) => r.kind === 'DOCUMENT')
      .map((r) => ({
        type: r.documentType as string,
        number: r.value,
        issuingCountry: r.issuingCountry as string,
      })),
  };
}

/** Reads subjects and their identifiers and finger captures, one query per table for any number of subjects. */
@Injectable()
export class SeizureSubjectService {
  constructor(@Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** One query for the whole batch; results in the order of `ids`, null where unknown. */
  async findByIds(ids: readonly string[]): Promise<(SeizureSubject | null)[]> {
    const rows = await this.dataSource
      .getRepository(SeizureSubjectEntity)
      .findBy({ id: In([...ids]) });
    const byId = new Map(rows.map((r) => [r.id, toSubject(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** The subjects of each case, in recorded order: one query for the whole batch. */
  async findByCaseIds(caseIds: readonly string[]): Promise<SeizureSubject[][]> {
    const rows = await this.dataSource.getRepository(SeizureSubjectEntity).find({
      where: { caseId: In([...caseIds]) },
      order: { caseId: 'ASC', ordinal: 'ASC' },
    });
    return groupByKey(caseIds, rows, (r) => r.caseId).map((group) => group.map(toSubject));
  }

  /** Each subject's identifiers: one query for the whole batch. */
  async identifiersOf(subjectIds: readonly string[]): Promise<SeizureSubjectIdentifiers[]> {
    const rows = await this.dataSource
      .getRepository(SeizureSubjectIdentifierEntity)
      .findBy({ subjectId: In([...subjectIds]) });
    return groupByKey(subjectIds, rows, (r) => r.subjectId).map(toIdentifiers);
  }

  /** Each subject's finger capture metadata, by position: one query for the whole batch. */
  async fingerprintsOf(subjectIds: readonly string[]): Promise<SeizureFingerCapture[][]> {
    const rows = await this.dataSource.getRepository(SeizureSubjectFingerEntity).find({
      where: { subjectId: In([...subjectIds]) },
      order: { subjectId: 'ASC', position: 'ASC' },
    });
    return groupByKey(subjectIds, rows, (r) => r.subjectId).map((group) =>
      group.map((r) => ({
        modality: SeizureBiometricModality.FINGER,
        position: r.position,
        quality: r.quality,
      })),
    );
  }

  /** Subjects with this document recorded, by case opening time (at most DOCUMENT_LOOKUP_LIMIT). */
  async findByDocument(
    number: string,
    issuingCountry?: string,
  ): Promise<{ subjects: SeizureSubject[]; truncated: boolean }> {
    const query = this.dataSource
      .getRepository(SeizureSubjectEntity)
      .createQueryBuilder('s')
      .innerJoin(SeizureCaseEntity, 'c', 'c.id = s.caseId')
      .where(
        `EXISTS (SELECT 1 FROM seizure_subject_identifier i
           WHERE i.subject_id = s.id AND i.kind = 'DOCUMENT' AND i.value = :number
             AND (CAST(:country AS text) IS NULL OR i.issuing_country = :country))`,
        { number, country: issuingCountry ?? null },
      )
      .orderBy('c.openedAt', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .limit(DOCUMENT_LOOKUP_LIMIT + 1);
    const rows = await query.getMany();
    return {
      subjects: rows.slice(0, DOCUMENT_LOOKUP_LIMIT).map(toSubject),
      truncated: rows.length > DOCUMENT_LOOKUP_LIMIT,
    };
  }
}
