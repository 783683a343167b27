import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The analysis read model, the same in both modes (PGlite or PostgreSQL):
 * records as the sources described them, the identifiers they carry, and the
 * person identity resolved each record into. Person search runs on it in
 * embedded mode (pg_trgm) and is indexed from it into the search engine in
 * infra mode; link analysis runs on it in both. Everything here can be
 * rebuilt from the source and identity databases (`mosaic reindex`).
 */
export class CreateAnalysisReadModel1764500000000 implements MigrationInterface {
  name = 'CreateAnalysisReadModel1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE analysis_record (
        key text PRIMARY KEY,
        source text NOT NULL CHECK (source IN ('travel', 'seizure', 'fingerprint')),
        record_id text NOT NULL,
        person_id uuid,
        observed_at timestamptz NOT NULL,
        given_names text,
        surname text,
        date_of_birth text,
        sex text,
        nationality text,
        name_tokens text[] NOT NULL DEFAULT '{}',
        -- The folded tokens joined with spaces: what trigram similarity compares.
        name_folded text NOT NULL DEFAULT '',
        phonetic_keys text[] NOT NULL DEFAULT '{}',
        case_id text,
        case_number text,
        role text,
        carrier text,
        flight text,
        port text,
        direction text,
        event_id uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT analysis_record_key CHECK (key = source || ':' || record_id)
      )`);
    await queryRunner.query(
      'CREATE INDEX analysis_record_person ON analysis_record (person_id) WHERE person_id IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX analysis_record_case ON analysis_record (case_id) WHERE case_id IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX analysis_record_flight ON analysis_record (flight, observed_at) WHERE flight IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX analysis_record_port ON analysis_record (port, observed_at) WHERE port IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX analysis_record_name_trgm ON analysis_record USING gin (name_folded gin_trgm_ops)',
    );
    await queryRunner.query(
      'CREATE INDEX analysis_record_phonetic ON analysis_record USING gin (phonetic_keys)',
    );

    await queryRunner.query(`
      CREATE TABLE analysis_identifier (
        kind text NOT NULL CHECK (kind IN ('PHONE', 'ADDRESS', 'VEHICLE', 'DOCUMENT')),
        value text NOT NULL,
        record_key text NOT NULL REFERENCES analysis_record (key) ON DELETE CASCADE,
        display text NOT NULL,
        PRIMARY KEY (kind, value, record_key)
      )`);
    await queryRunner.query(
      'CREATE INDEX analysis_identifier_record ON analysis_identifier (record_key)',
    );

    // The person of each resolved record comes from identity.person.v1; a record may
    // arrive before or after the event that places it.
    await queryRunner.query(`
      CREATE TABLE analysis_person (
        id uuid PRIMARY KEY,
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'MERGED', 'SPLIT')),
        merged_into uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE analysis_membership (
        record_key text PRIMARY KEY,
        person_id uuid NOT NULL,
        event_id uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE INDEX analysis_membership_person ON analysis_membership (person_id)',
    );

    await queryRunner.query(`
      CREATE TABLE processed_event (
        event_id uuid PRIMARY KEY,
        topic text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('APPLIED', 'DEAD_LETTERED')),
        processed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE processed_event');
    await queryRunner.query('DROP TABLE analysis_membership');
    await queryRunner.query('DROP TABLE analysis_person');
    await queryRunner.query('DROP TABLE analysis_identifier');
    await queryRunner.query('DROP TABLE analysis_record');
  }
}
