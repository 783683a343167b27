import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFingerprintEnrollment1764200000300 implements MigrationInterface {
  name = 'CreateFingerprintEnrollment1764200000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE fingerprint_enrollment (
        id text PRIMARY KEY,
        enrollment_id text NOT NULL UNIQUE,
        enrolled_at timestamptz NOT NULL,
        agency text NOT NULL,
        reason text NOT NULL CHECK (reason IN
          ('BORDER_ENCOUNTER', 'VISA_APPLICATION', 'ARREST', 'ASYLUM_CLAIM', 'RESIDENCE_PERMIT')),
        given_names text,
        surname text,
        date_of_birth text,
        sex text,
        nationality text,
        face_template bytea,
        face_quality real,
        face_captured_at timestamptz,
        ingested_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Templates are random-looking floats: compressing them costs CPU on every insert and saves nothing.
    await queryRunner.query(
      'ALTER TABLE fingerprint_enrollment ALTER COLUMN face_template SET STORAGE EXTERNAL',
    );
    await queryRunner.query(
      'CREATE INDEX fingerprint_enrollment_enrolled_at ON fingerprint_enrollment (enrolled_at)',
    );
    // Retention deletes enrollments; their finger rows must go with them.
    await queryRunner.query(`
      CREATE TABLE fingerprint_finger (
        enrollment_id text NOT NULL
          REFERENCES fingerprint_enrollment (enrollment_id) ON DELETE CASCADE,
        position smallint NOT NULL CHECK (position BETWEEN 1 AND 10),
        template bytea NOT NULL,
        quality real NOT NULL CHECK (quality BETWEEN 0 AND 1),
        PRIMARY KEY (enrollment_id, position)
      )`);
    // Templates are random-looking floats: compressing them costs CPU on every insert and saves nothing.
    await queryRunner.query(
      'ALTER TABLE fingerprint_finger ALTER COLUMN template SET STORAGE EXTERNAL',
    );
    await queryRunner.query(`
      CREATE TABLE fingerprint_missing_finger (
        enrollment_id text NOT NULL
          REFERENCES fingerprint_enrollment (enrollment_id) ON DELETE CASCADE,
        position smallint NOT NULL CHECK (position BETWEEN 1 AND 10),
        reason text NOT NULL CHECK (reason IN ('AMPUTATED', 'BANDAGED', 'UNPRINTABLE')),
        PRIMARY KEY (enrollment_id, position)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE fingerprint_missing_finger');
    await queryRunner.query('DROP TABLE fingerprint_finger');
    await queryRunner.query('DROP TABLE fingerprint_enrollment');
  }
}
