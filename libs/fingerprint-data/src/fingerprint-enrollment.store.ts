import type { RecordSink } from '@mosaic/ingest';
import { appendToOutbox } from '@mosaic/outbox';
import type { EntityManager } from 'typeorm';
import {
  FINGERPRINT_ENROLLMENT_EVENT,
  FINGERPRINT_ENROLLMENT_TOPIC,
  type FingerprintEnrollmentInput,
} from './fingerprint-enrollment.schema';

const ENROLLMENT_COLUMNS = [
  'id',
  'enrollment_id',
  'enrolled_at',
  'agency',
  'reason',
  'given_names',
  'surname',
  'date_of_birth',
  'sex',
  'nationality',
  'face_template',
  'face_quality',
  'face_captured_at',
] as const;

function enrollmentRow(r: FingerprintEnrollmentInput): unknown[] {
  return [
    r.recordId,
    r.enrollmentId,
    r.enrolledAt,
    r.agency,
    r.reason,
    r.subject.givenNames,
    r.subject.surname,
    r.subject.dateOfBirth,
    r.subject.sex,
    r.subject.nationality,
    r.face ? Buffer.from(r.face.template, 'base64') : null,
    r.face?.quality ?? null,
    r.face?.capturedAt ?? null,
  ];
}

/**
 * Parameters per statement: PostgreSQL caps a statement at 65,535; half of
 * that leaves room and keeps one statement's templates to a few megabytes.
 */
const PARAMETER_BUDGET = 32_000;

/** Multi-row INSERTs of `rows` into `table`, each statement below the parameter budget. */
async function insertRows(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  suffix = '',
): Promise<Record<string, unknown>[]> {
  const perStatement = Math.floor(PARAMETER_BUDGET / columns.length);
  const returned: Record<string, unknown>[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const params: unknown[] = [];
    const values = rows.slice(i, i + perStatement).map((row) => {
      const base = params.length;
      params.push(...row);
      return `(${columns.map((_, c) => `$${base + c + 1}`).join(', ')})`;
    });
    const result = (await manager.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')} ${suffix}`,
      params,
    )) as Record<string, unknown>[] | undefined;
    if (Array.isArray(result)) returned.push(...result);
  }
  return returned;
}

/** The first record for each record id and each enrollment id: later ones in the batch are duplicates. */
function firstOccurrences(
  records: readonly FingerprintEnrollmentInput[],
): FingerprintEnrollmentInput[] {
  const recordIds = new Set<string>();
  const enrollmentIds = new Set<string>();
  return records.filter((r) => {
    if (recordIds.has(r.recordId) || enrollmentIds.has(r.enrollmentId)) return false;
    recordIds.add(r.recordId);
    enrollmentIds.add(r.enrollmentId);
    return true;
  });
}

/**
 * Stores enrollments with their captured and missing fingers and, for each
 * enrollment not stored before, its `fingerprint.enrollment.v1` event — in the
 * caller's transaction. A record whose record id or enrollment id is already
 * stored is a duplicate: nothing is written and nothing is published.
 */
export class FingerprintEnrollmentStore implements RecordSink<FingerprintEnrollmentInput> {
  async storeBatch(
    manager: EntityManager,
    records: readonly FingerprintEnrollmentInput[],
  ): Promise<{ inserted: number }> {
    const candidates = firstOccurrences(records);
    // No conflict target: a clash on the record id or on the enrollment id both mean "already stored".
    const returned = await insertRows(
      manager,
      'fingerprint_enrollment',
      ENROLLMENT_COLUMNS,
      candidates.map(enrollmentRow),
      'ON CONFLICT DO NOTHING RETURNING id',
    );
    const inserted = new Set(returned.map((row) => row['id'] as string));
    const fresh = candidates.filter((r) => inserted.has(r.recordId));

    await insertRows(
      manager,
      'fingerprint_finger',
      ['enrollment_id', 'position', 'template', 'quality'],
      fresh.flatMap((r) =>
        r.fingers.map((f) => [
          r.enrollmentId,
          f.position,
          Buffer.from(f.template, 'base64'),
          f.quality,
        ]),
      ),
    );
    await insertRows(
      manager,
      'fingerprint_missing_finger',
      ['enrollment_id', 'position', 'reason'],
      fresh.flatMap((r) => r.missingFingers.map((m) => [r.enrollmentId, m.position, m.reason])),
    );
    await appendToOutbox(
      manager,
      fresh.map((r) => ({
        topic: FINGERPRINT_ENROLLMENT_TOPIC,
        type: FINGERPRINT_ENROLLMENT_EVENT,
        source: 'fingerprint',
        key: r.recordId,
        payload: r,
      })),
    );
    return { inserted: fresh.length };
  }
}
