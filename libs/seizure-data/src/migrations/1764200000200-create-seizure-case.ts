import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSeizureCase1764200000200 implements MigrationInterface {
  name = 'CreateSeizureCase1764200000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE seizure_case (
        id text PRIMARY KEY,
        case_number text NOT NULL CONSTRAINT seizure_case_case_number_key UNIQUE,
        agency text NOT NULL,
        opened_at timestamptz NOT NULL,
        narrative text NOT NULL,
        ingested_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE seizure_event (
        case_id text NOT NULL REFERENCES seizure_case (id) ON DELETE CASCADE,
        event_id text NOT NULL,
        ordinal integer NOT NULL,
        type text NOT NULL CHECK (type IN ('SEIZURE', 'APPREHENSION', 'INTERDICTION')),
        occurred_at timestamptz NOT NULL,
        port text,
        location text NOT NULL,
        PRIMARY KEY (case_id, event_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE seizure_item (
        case_id text NOT NULL REFERENCES seizure_case (id) ON DELETE CASCADE,
        item_id text NOT NULL,
        ordinal integer NOT NULL,
        category text NOT NULL CHECK (category IN
          ('NARCOTICS', 'CURRENCY', 'WEAPON', 'FRAUDULENT_DOCUMENT', 'WILDLIFE', 'TOBACCO')),
        description text NOT NULL,
        quantity double precision NOT NULL CHECK (quantity > 0),
        unit text NOT NULL,
        PRIMARY KEY (case_id, item_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE seizure_subject (
        id text PRIMARY KEY,
        case_id text NOT NULL REFERENCES seizure_case (id) ON DELETE CASCADE,
        ordinal integer NOT NULL,
        role text NOT NULL CHECK (role IN ('SUSPECT', 'COURIER', 'DRIVER', 'ORGANIZER', 'ASSOCIATE')),
        given_names text,
        surname text,
        date_of_birth text,
        sex text,
        nationality text,
        face_template bytea,
        face_quality real,
        face_captured_at timestamptz,
        fingerprints_taken boolean NOT NULL
      )`);
    // Templates are random-looking floats: compressing them costs CPU on every insert and saves nothing.
    await queryRunner.query(
      'ALTER TABLE seizure_subject ALTER COLUMN face_template SET STORAGE EXTERNAL',
    );
    await queryRunner.query(
      'CREATE INDEX seizure_subject_case ON seizure_subject (case_id, ordinal)',
    );
    await queryRunner.query(`
      CREATE TABLE seizure_subject_identifier (
        subject_id text NOT NULL REFERENCES seizure_subject (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('PHONE', 'ADDRESS', 'VEHICLE', 'DOCUMENT')),
        ordinal integer NOT NULL,
        value text NOT NULL,
        document_type text,
        issuing_country text,
        PRIMARY KEY (subject_id, kind, ordinal),
        CHECK ((kind = 'DOCUMENT') = (document_type IS NOT NULL AND issuing_country IS NOT NULL))
      )`);
    await queryRunner.query(
      'CREATE INDEX seizure_subject_identifier_value ON seizure_subject_identifier (kind, value)',
    );
    await queryRunner.query(`
      CREATE TABLE seizure_subject_finger (
        subject_id text NOT NULL REFERENCES seizure_subject (id) ON DELETE CASCADE,
        position smallint NOT NULL CHECK (position BETWEEN 1 AND 10),
        template bytea NOT NULL,
        quality real NOT NULL,
        PRIMARY KEY (subject_id, position)
      )`);
    await queryRunner.query(
      'ALTER TABLE seizure_subject_finger ALTER COLUMN template SET STORAGE EXTERNAL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE seizure_subject_finger');
    await queryRunner.query('DROP TABLE seizure_subject_identifier');
    await queryRunner.query('DROP TABLE seizure_subject');
    await queryRunner.query('DROP TABLE seizure_item');
    await queryRunner.query('DROP TABLE seizure_event');
    await queryRunner.query('DROP TABLE seizure_case');
  }
}
