import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import {
  TravelEncounterEntity,
  TravelEncounterStore,
  travelEncounterSchema,
} from '@mosaic/travel-data';
import { parseRecord } from '@mosaic/validation';
import { In, type DataSource } from 'typeorm';
import {
  BiometricModality,
  type TravelDirection,
  type TravelEncounter,
} from './travel-encounter.model';

/** Most encounters one document lookup returns. */
export const DOCUMENT_LOOKUP_LIMIT = 500;

export function toModel(e: TravelEncounterEntity): TravelEncounter {
  return {
    id: e.id,
    encounteredAt: e.encounteredAt,
    port: e.port,
    direction: e.direction as TravelDirection,
    carrier: e.carrier,
    flight: e.flight,
    document:
      e.documentNumber !== null
        ? {
            type: e.documentType as string,
            number: e.documentNumber,
            issuingCountry: e.documentCountry as string,
          }
        : null,
    traveler: {
      givenNames: e.givenNames,
      surname: e.surname,
      dateOfBirth: e.dateOfBirth,
      sex: e.sex,
      nationality: e.nationality,
    },
    contact:
      e.contactPhone !== null || e.contactAddress !== null
        ? { phone: e.contactPhone, address: e.contactAddress }
        : null,
    face:
      e.faceQuality !== null && e.faceCapturedAt !== null
        ? { modality: BiometricModality.FACE, quality: e.faceQuality, capturedAt: e.faceCapturedAt }
        : null,
  };
}

@Injectable()
export class TravelEncounterService {
  private readonly store = new TravelEncounterStore();

  constructor(@Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** One query for the whole batch; results in the order of `ids`, null where unknown. */
  async findByIds(ids: readonly string[]): Promise<(TravelEncounter | null)[]> {
    const rows = await this.dataSource
      .getRepository(TravelEncounterEntity)
      .findBy({ id: In([...ids]) });
    const byId = new Map(rows.map((r) => [r.id, toModel(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Encounters that read a document, oldest first; `truncated` says when there were more than the limit. */
  async findByDocument(
    number: string,
    issuingCountry?: string,
  ): Promise<{ encounters: TravelEncounter[]; truncated: boolean }> {
    const rows = await this.dataSource.getRepository(TravelEncounterEntity).find({
      where: {
        documentNumber: number,
        ...(issuingCountry ? { documentCountry: issuingCountry } : {}),
      },
      order: { encounteredAt: 'ASC', id: 'ASC' },
      take: DOCUMENT_LOOKUP_LIMIT + 1,
    });
    return {
      encounters: rows.slice(0, DOCUMENT_LOOKUP_LIMIT).map(toModel),
      truncated: rows.length > DOCUMENT_LOOKUP_LIMIT,
    };
  }

  /** Validates and stores one encounter with its event; recording the same id again changes nothing. */
  async record(input: unknown): Promise<{ encounter: TravelEncounter; created: boolean }> {
    const record = parseRecord(travelEncounterSchema, input);
    const { inserted } = await this.dataSource.transaction((manager) =>
      this.store.storeBatch(manager, [record]),
    );
    const [encounter] = await this.findByIds([record.recordId]);
    return { encounter: encounter as TravelEncounter, created: inserted === 1 };
  }
}
