import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTravelEncounter1764200000100 implements MigrationInterface {
  name = 'CreateTravelEncounter1764200000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE travel_encounter (
        id text PRIMARY KEY,
        encountered_at timestamptz NOT NULL,
        port text NOT NULL,
        direction text NOT NULL CHECK (direction IN ('ARRIVAL', 'DEPARTURE')),
        carrier text NOT NULL,
        flight text NOT NULL,
        document_type text,
        document_number text,
        document_country text,
        given_names text,
        surname text,
        date_of_birth text,
        sex text,
        nationality text,
        contact_phone text,
        contact_address text,
        face_template bytea,
        face_quality real,
        face_captured_at timestamptz,
        ingested_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Templates are random-looking floats: compressing them costs CPU on every insert and saves nothing.
    await queryRunner.query(
      'ALTER TABLE travel_encounter ALTER COLUMN face_template SET STORAGE EXTERNAL',
    );
    await queryRunner.query(
      'CREATE INDEX travel_encounter_document ON travel_encounter (document_number)',
    );
    await queryRunner.query(
      'CREATE INDEX travel_encounter_flight ON travel_encounter (flight, encountered_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE travel_encounter');
  }
}
