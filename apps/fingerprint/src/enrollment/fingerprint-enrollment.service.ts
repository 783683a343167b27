import { Inject, Injectable } from '@nestjs/common';
import {
  FingerprintEnrollmentEntity,
  FingerprintEnrollmentStore,
  fingerprintEnrollmentSchema,
} from '@mosaic/fingerprint-data';
import { SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import { parseRecord, RecordValidationError } from '@mosaic/validation';
import { In, type DataSource } from 'typeorm';
import {
  FingerprintBiometricModality,
  type FingerprintCaptures,
  type FingerprintEnrollment,
  type FingerprintEnrollmentReason,
  type FingerprintMissingFingerReason,
} from './fingerprint-enrollment.model';

export function toModel(e: FingerprintEnrollmentEntity): FingerprintEnrollment {
  return {
    id: e.id,
    enrollmentId: e.enrollmentId,
    enrolledAt: e.enrolledAt,
    agency: e.agency,
    reason: e.reason as FingerprintEnrollmentReason,
    subject: {
      givenNames: e.givenNames,
      surname: e.surname,
      dateOfBirth: e.dateOfBirth,
      sex: e.sex,
      nationality: e.nationality,
    },
    face:
      e.faceQuality !== null && e.faceCapturedAt !== null
        ? {
            modality: FingerprintBiometricModality.FACE,
            quality: e.faceQuality,
            capturedAt: e.faceCapturedAt,
          }
        : null,
  };
}

interface CaptureRow {
  enrollment_id: string;
  position: number;
  quality: number | null;
  reason: string | null;
}

@Injectable()
export class FingerprintEnrollmentService {
  private readonly store = new FingerprintEnrollmentStore();

  constructor(@Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** One query for the whole batch; results in the order of `ids`, null where unknown. */
  async findByIds(ids: readonly string[]): Promise<(FingerprintEnrollment | null)[]> {
    const rows = await this.dataSource
      .getRepository(FingerprintEnrollmentEntity)
      .findBy({ id: In([...ids]) });
    const byId = new Map(rows.map((r) => [r.id, toModel(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async findByEnrollmentId(enrollmentId: string): Promise<FingerprintEnrollment | null> {
    const row = await this.dataSource
      .getRepository(FingerprintEnrollmentEntity)
      .findOneBy({ enrollmentId });
    return row ? toModel(row) : null;
  }

  /**
   * Captured and missing fingers of many enrollments in one query (no
   * templates), in the order of `enrollmentIds`, by position.
   */
  async capturesFor(enrollmentIds: readonly string[]): Promise<FingerprintCaptures[]> {
    const placeholders = enrollmentIds.map((_, i) => `$${i + 1}`).join(', ');
    const rows = (await this.dataSource.query(
      `SELECT enrollment_id, position, quality, NULL AS reason
         FROM fingerprint_finger WHERE enrollment_id IN (${placeholders})
       UNION ALL
       SELECT enrollment_id, position, NULL AS quality, reason
         FROM fingerprint_missing_finger WHERE enrollment_id IN (${placeholders})
       ORDER BY enrollment_id, position`,
      [...enrollmentIds],
    )) as CaptureRow[];
    const byEnrollment = new Map<string, FingerprintCaptures>(
      enrollmentIds.map((id) => [id, { fingers: [], missingFingers: [] }]),
    );
    for (const row of rows) {
      const captures = byEnrollment.get(row.enrollment_id);
      if (!captures) continue;
      if (row.reason === null) {
        captures.fingers.push({ position: row.position, quality: row.quality as number });
      } else {
        captures.missingFingers.push({
          position: row.position,
          reason: row.reason as FingerprintMissingFingerReason,
        });
      }
    }
    return enrollmentIds.map((id) => byEnrollment.get(id) as FingerprintCaptures);
  }

  /**
   * Validates and stores one enrollment with its fingers and event; recording
   * the same record id again changes nothing. An enrollment id already
   * stored under another record id is refused, naming that record.
   */
  async record(input: unknown): Promise<{ enrollment: FingerprintEnrollment; created: boolean }> {
    const record = parseRecord(fingerprintEnrollmentSchema, input);
    const { inserted } = await this.dataSource.transaction((manager) =>
      this.store.storeBatch(manager, [record]),
    );
    const [enrollment] = await this.findByIds([record.recordId]);
    if (!enrollment) {
      const holder = await this.findByEnrollmentId(record.enrollmentId);
      throw new RecordValidationError([
        {
          field: 'enrollmentId',
          reason: `${record.enrollmentId} is already recorded under record id ${holder?.id ?? '(unknown)'}`,
        },
      ]);
    }
    return { enrollment, created: inserted === 1 };
  }
}
