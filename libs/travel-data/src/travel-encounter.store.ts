import type { RecordSink } from '@mosaic/ingest';
import { appendToOutbox } from '@mosaic/outbox';
import type { EntityManager } from 'typeorm';
import {
  TRAVEL_ENCOUNTER_EVENT,
  TRAVEL_ENCOUNTER_TOPIC,
  type TravelEncounterInput,
} from './travel-encounter.schema';

const COLUMNS = [
  'id',
  'encountered_at',
  'port',
  'direction',
  'carrier',
  'flight',
  'document_type',
  'document_number',
  'document_country',
  'given_names',
  'surname',
  'date_of_birth',
  'sex',
  'nationality',
  'contact_phone',
  'contact_address',
  'face_template',
  'face_quality',
  'face_captured_at',
] as const;

/** Templates travel as base64 text and PostgreSQL decodes them: cheaper than binding a Buffer as hex. */
function row(r: TravelEncounterInput): unknown[] {
  return [
    r.recordId,
    r.encounteredAt,
    r.port,
    r.direction,
    r.carrier,
    r.flight,
    r.document?.type ?? null,
    r.document?.number ?? null,
    r.document?.issuingCountry ?? null,
    r.traveler.givenNames,
    r.traveler.surname,
    r.traveler.dateOfBirth,
    r.traveler.sex,
    r.traveler.nationality,
    r.contact?.phone ?? null,
    r.contact?.address ?? null,
    r.face?.template ?? null,
    r.face?.quality ?? null,
    r.face?.capturedAt ?? null,
  ];
}

/** Rows per INSERT: 19 columns × 1,000 stays far below PostgreSQL's 65,535 parameters. */
const CHUNK = 1_000;

/**
 * Stores encounters and, for each one not stored before, its
 * `travel.encounter.v1` event — in the caller's transaction. A record id seen
 * before is a duplicate: nothing is written and nothing is published.
 */
export class TravelEncounterStore implements RecordSink<TravelEncounterInput> {
  async storeBatch(
    manager: EntityManager,
    records: readonly TravelEncounterInput[],
  ): Promise<{ inserted: number }> {
    const inserted = new Set<string>();
    for (let i = 0; i < records.length; i += CHUNK) {
      const chunk = records.slice(i, i + CHUNK);
      const params: unknown[] = [];
      const values = chunk.map((r) => {
        const base = params.length;
        params.push(...row(r));
        return `(${COLUMNS.map((column, c) => (column === 'face_template' ? `decode($${base + c + 1}, 'base64')` : `$${base + c + 1}`)).join(', ')})`;
      });
      const rows = (await manager.query(
        `INSERT INTO travel_encounter (${COLUMNS.join(', ')}) VALUES ${values.join(', ')}
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        params,
      )) as { id: string }[];
      for (const { id } of rows) inserted.add(id);
    }
    // A file may repeat a record id: only its first occurrence was inserted and gets an event.
    const fresh = records.filter((r) => inserted.delete(r.recordId));
    await appendToOutbox(
      manager,
      fresh.map((r) => ({
        topic: TRAVEL_ENCOUNTER_TOPIC,
        type: TRAVEL_ENCOUNTER_EVENT,
        source: 'travel',
        key: r.recordId,
        payload: r,
      })),
    );
    return { inserted: fresh.length };
  }
}
