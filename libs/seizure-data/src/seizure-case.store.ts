import { RecordConflictError, type RecordSink } from '@mosaic/ingest';
import { appendToOutbox, type OutboxEvent } from '@mosaic/outbox';
import type { FieldIssue } from '@mosaic/validation';
import type { EntityManager } from 'typeorm';
import type { SeizureCaseInput, SeizureSubjectInput } from './seizure-case.schema';
import {
  SEIZURE_CASE_EVENT,
  SEIZURE_CASE_TOPIC,
  SEIZURE_SUBJECT_EVENT,
  SEIZURE_SUBJECT_TOPIC,
  seizureCaseEvent,
  seizureSubjectEvents,
} from './seizure-events';

/**
 * A case that cannot be stored because it collides with another case: a
 * different record id with the same case number, or a subject id that
 * already belongs to another case. Its transaction rolls back; a bulk import
 * quarantines the case with these issues and stores the rest of the batch.
 */
export class SeizureCaseConflictError extends RecordConflictError {
  constructor(recordId: string, issues: readonly FieldIssue[]) {
    super(recordId, issues);
    this.name = 'SeizureCaseConflictError';
    this.message = `case ${recordId}: ${this.message}`;
  }
}

/** Parameters per statement: well below PostgreSQL's limit of 65,535. */
const MAX_PARAMETERS = 30_000;

/**
 * A bytea column whose value is bound as base64 text and decoded by
 * PostgreSQL: cheaper than binding a Buffer, which the driver sends as hex.
 */
interface Base64Column {
  base64: string;
}
type Column = string | Base64Column;

const nameOf = (column: Column) => (typeof column === 'string' ? column : column.base64);

/**
 * One multi-row INSERT per chunk of rows, chunked so no statement exceeds
 * MAX_PARAMETERS; returns the rows of every `RETURNING` clause in `suffix`.
 */
async function insertRows<R>(
  manager: EntityManager,
  table: string,
  columns: readonly Column[],
  rows: readonly unknown[][],
  suffix = '',
): Promise<R[]> {
  const returned: R[] = [];
  const perStatement = Math.floor(MAX_PARAMETERS / columns.length);
  for (let i = 0; i < rows.length; i += perStatement) {
    const params: unknown[] = [];
    const values = rows.slice(i, i + perStatement).map((row) => {
      const base = params.length;
      params.push(...row);
      const placeholders = columns.map((column, c) =>
        typeof column === 'string' ? `$${base + c + 1}` : `decode($${base + c + 1}, 'base64')`,
      );
      return `(${placeholders.join(', ')})`;
    });
    const result = (await manager.query(
      `INSERT INTO ${table} (${columns.map(nameOf).join(', ')}) VALUES ${values.join(', ')} ${suffix}`,
      params,
    )) as R[];
    if (suffix) returned.push(...result);
  }
  return returned;
}

interface PlacedSubject {
  c: SeizureCaseInput;
  s: SeizureSubjectInput;
  /** Index in the case's subject list. */
  i: number;
}

/**
 * Stores cases with their events, items, subjects, identifiers and finger
 * captures and, for each case not stored before, one `seizure.case.v1` event
 * and one `seizure.subject.v1` event per subject — all in the caller's
 * transaction. A record id seen before is a duplicate: nothing is written and
 * nothing is published.
 */
export class SeizureCaseStore implements RecordSink<SeizureCaseInput> {
  async storeBatch(
    manager: EntityManager,
    records: readonly SeizureCaseInput[],
  ): Promise<{ inserted: number }> {
    if (records.length === 0) return { inserted: 0 };
    // No conflict target: a clash on case_number must not abort the batch with a bare
    // constraint error; it is told apart from a duplicate record id just below.
    const inserted = new Set(
      (
        await insertRows<{ id: string }>(
          manager,
          'seizure_case',
          ['id', 'case_number', 'agency', 'opened_at', 'narrative'],
          records.map((r) => [r.recordId, r.caseNumber, r.agency, r.openedAt, r.narrative]),
          'ON CONFLICT DO NOTHING RETURNING id',
        )
      ).map((r) => r.id),
    );
    // A file may repeat a record id: only its first occurrence was inserted and gets children and events.
    const fresh = records.filter((r) => inserted.delete(r.recordId));
    if (fresh.length < records.length) {
      const freshSet = new Set(fresh);
      const skipped = records.filter((r) => !freshSet.has(r));
      await this.assertCaseNumbersFree(manager, skipped);
    }
    if (fresh.length === 0) return { inserted: 0 };

    await this.insertChildren(manager, fresh);
    await appendToOutbox(
      manager,
      fresh.flatMap((r): OutboxEvent[] => [
        {
          topic: SEIZURE_CASE_TOPIC,
          type: SEIZURE_CASE_EVENT,
          source: 'seizure',
          key: r.recordId,
          payload: seizureCaseEvent(r),
        },
        ...seizureSubjectEvents(r).map((payload) => ({
          topic: SEIZURE_SUBJECT_TOPIC,
          type: SEIZURE_SUBJECT_EVENT,
          source: 'seizure',
          key: payload.subjectId,
          payload,
        })),
      ]),
    );
    return { inserted: fresh.length };
  }

  /** Each skipped record must be a repeat of a stored record id, not a new case reusing a case number. */
  private async assertCaseNumbersFree(
    manager: EntityManager,
    skipped: readonly SeizureCaseInput[],
  ): Promise<void> {
    const existing = (await manager.query(
      'SELECT id, case_number FROM seizure_case WHERE id = ANY($1) OR case_number = ANY($2)',
      [skipped.map((r) => r.recordId), skipped.map((r) => r.caseNumber)],
    )) as { id: string; case_number: string }[];
    const ids = new Set(existing.map((e) => e.id));
    const byNumber = new Map(existing.map((e) => [e.case_number, e.id]));
    const clash = skipped.find((r) => !ids.has(r.recordId));
    if (clash) {
      throw new SeizureCaseConflictError(clash.recordId, [
        {
          field: 'caseNumber',
          reason: `case number ${clash.caseNumber} is already recorded as case ${byNumber.get(clash.caseNumber) ?? '(unknown)'}`,
        },
      ]);
    }
  }

  private async insertChildren(
    manager: EntityManager,
    cases: readonly SeizureCaseInput[],
  ): Promise<void> {
    await insertRows(
      manager,
      'seizure_event',
      ['case_id', 'event_id', 'ordinal', 'type', 'occurred_at', 'port', 'location'],
      cases.flatMap((c) =>
        c.events.map((e, i) => [
          c.recordId,
          e.eventId,
          i,
          e.type,
          e.occurredAt,
          e.port,
          e.location,
        ]),
      ),
    );
    await insertRows(
      manager,
      'seizure_item',
      ['case_id', 'item_id', 'ordinal', 'category', 'description', 'quantity', 'unit'],
      cases.flatMap((c) =>
        c.items.map((t, i) => [
          c.recordId,
          t.itemId,
          i,
          t.category,
          t.description,
          t.quantity,
          t.unit,
        ]),
      ),
    );

    const subjects = cases.flatMap((c) => c.subjects.map((s, i): PlacedSubject => ({ c, s, i })));
    // Subject ids are global: one reused from another case is refused rather than silently skipped.
    const stored = await insertRows<{ id: string }>(
      manager,
      'seizure_subject',
      [
        'id',
        'case_id',
        'ordinal',
        'role',
        'given_names',
        'surname',
        'date_of_birth',
        'sex',
        'nationality',
        { base64: 'face_template' },
        'face_quality',
        'face_captured_at',
        'fingerprints_taken',
      ],
      subjects.map(({ c, s, i }) => [
        s.subjectId,
        c.recordId,
        i,
        s.role,
        s.givenNames,
        s.surname,
        s.dateOfBirth,
        s.sex,
        s.nationality,
        s.face?.template ?? null,
        s.face?.quality ?? null,
        s.face?.capturedAt ?? null,
        s.fingerprints !== null,
      ]),
      'ON CONFLICT (id) DO NOTHING RETURNING id',
    );
    if (stored.length < subjects.length) await this.reportSubjectClash(manager, subjects, stored);

    await insertRows(
      manager,
      'seizure_subject_identifier',
      ['subject_id', 'kind', 'ordinal', 'value', 'document_type', 'issuing_country'],
      subjects.flatMap(({ s }) => {
        const { phones, addresses, vehicles, documents } = s.identifiers;
        const plain = (kind: string, values: readonly string[]) =>
          values.map((value, i) => [s.subjectId, kind, i, value, null, null]);
        return [
          ...plain('PHONE', phones),
          ...plain('ADDRESS', addresses),
          ...plain('VEHICLE', vehicles),
          ...documents.map((d, i) => [
            s.subjectId,
            'DOCUMENT',
            i,
            d.number,
            d.type,
            d.issuingCountry,
          ]),
        ];
      }),
    );
    await insertRows(
      manager,
      'seizure_subject_finger',
      ['subject_id', 'position', { base64: 'template' }, 'quality'],
      subjects.flatMap(({ s }) =>
        (s.fingerprints ?? []).map((f) => [s.subjectId, f.position, f.template, f.quality]),
      ),
    );
  }

  private async reportSubjectClash(
    manager: EntityManager,
    subjects: readonly PlacedSubject[],
    stored: readonly { id: string }[],
  ): Promise<never> {
    const storedIds = new Set(stored.map((r) => r.id));
    const clashing = subjects.filter(({ s }) => !storedIds.delete(s.subjectId));
    const first = clashing[0] as PlacedSubject;
    const owners = (await manager.query(
      'SELECT id, case_id FROM seizure_subject WHERE id = ANY($1)',
      [clashing.map(({ s }) => s.subjectId)],
    )) as { id: string; case_id: string }[];
    const owner = new Map(owners.map((o) => [o.id, o.case_id]));
    throw new SeizureCaseConflictError(
      first.c.recordId,
      clashing
        .filter(({ c }) => c === first.c)
        .map(({ s, i }) => ({
          field: `subjects.${i}.subjectId`,
          reason: `subject id ${s.subjectId} is already recorded in case ${owner.get(s.subjectId) ?? '(unknown)'}`,
        })),
    );
  }
}
