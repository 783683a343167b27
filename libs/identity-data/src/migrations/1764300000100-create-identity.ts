import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The identity service's own tables: resolved records, persons and their
 * links, every decision worth explaining, the review queue, cannot-link
 * pairs, processed events, and the versioned model and threshold sets the
 * decisions were made with.
 */
export class CreateIdentity1764300000100 implements MigrationInterface {
  name = 'CreateIdentity1764300000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE resolution_model (
        version text PRIMARY KEY,
        model jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        active boolean NOT NULL DEFAULT false
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX resolution_model_one_active ON resolution_model (active) WHERE active',
    );

    await queryRunner.query(`
      CREATE TABLE threshold_set (
        version text PRIMARY KEY,
        model_version text NOT NULL REFERENCES resolution_model (version),
        gallery_size bigint NOT NULL CHECK (gallery_size >= 1),
        policy jsonb NOT NULL,
        per_comparison_fmr jsonb NOT NULL,
        profiles jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        active boolean NOT NULL DEFAULT false
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX threshold_set_one_active ON threshold_set (active) WHERE active',
    );

    await queryRunner.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY,
        sequence bigint NOT NULL,
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'MERGED', 'SPLIT')),
        merged_into uuid REFERENCES person (id),
        split_from uuid REFERENCES person (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT person_sequence UNIQUE (sequence),
        CONSTRAINT person_merged_has_target CHECK ((status = 'MERGED') = (merged_into IS NOT NULL))
      )`);

    // seq: insertion order, which decides the part that keeps a person's id when it is split.
    await queryRunner.query(`
      CREATE TABLE identity_record (
        key text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        source text NOT NULL CHECK (source IN ('travel', 'seizure', 'fingerprint')),
        record_id text NOT NULL,
        person_id uuid NOT NULL REFERENCES person (id),
        observed_at timestamptz NOT NULL,
        biographic jsonb NOT NULL,
        face bytea,
        face_quality double precision,
        fingers bytea,
        flags text[] NOT NULL DEFAULT '{}',
        resolved_at timestamptz NOT NULL DEFAULT now(),
        event_id uuid NOT NULL,
        CONSTRAINT identity_record_source_record UNIQUE (source, record_id),
        CONSTRAINT identity_record_key CHECK (key = source || ':' || record_id),
        CONSTRAINT identity_record_face_quality CHECK ((face IS NULL) = (face_quality IS NULL))
      )`);
    // Templates are random-looking floats: compressing them costs CPU on every insert and saves nothing.
    await queryRunner.query('ALTER TABLE identity_record ALTER COLUMN face SET STORAGE EXTERNAL');
    await queryRunner.query(
      'ALTER TABLE identity_record ALTER COLUMN fingers SET STORAGE EXTERNAL',
    );
    await queryRunner.query(
      'CREATE INDEX identity_record_person ON identity_record (person_id, seq)',
    );

    // Decisions are kept for AUTO_LINK, REVIEW, and NO_LINK pairs with a biometric
    // comparison that spoke for a match: the rest (most scored pairs) explain nothing
    // anyone will ask about and would outgrow every other table.
    await queryRunner.query(`
      CREATE TABLE link_decision (
        id uuid PRIMARY KEY,
        a_key text NOT NULL,
        b_key text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('AUTO_LINK', 'REVIEW', 'NO_LINK')),
        blocked boolean NOT NULL DEFAULT false,
        llr double precision NOT NULL,
        biometric_llr double precision NOT NULL,
        probability double precision NOT NULL,
        profile text NOT NULL,
        thresholds jsonb NOT NULL,
        contributions jsonb NOT NULL,
        biometrics jsonb NOT NULL,
        flags text[] NOT NULL DEFAULT '{}',
        model_version text NOT NULL REFERENCES resolution_model (version),
        threshold_version text NOT NULL REFERENCES threshold_set (version),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX link_decision_a ON link_decision (a_key)');
    await queryRunner.query('CREATE INDEX link_decision_b ON link_decision (b_key)');

    await queryRunner.query(`
      CREATE TABLE person_link (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES person (id),
        a_key text NOT NULL,
        b_key text NOT NULL,
        reason text NOT NULL,
        decision_id uuid REFERENCES link_decision (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX person_link_person ON person_link (person_id, id)');
    await queryRunner.query('CREATE INDEX person_link_a ON person_link (a_key)');
    await queryRunner.query('CREATE INDEX person_link_b ON person_link (b_key)');

    // The reviewer columns are filled by the two-person review; a second review by
    // the first reviewer is refused here too, not only in the service.
    await queryRunner.query(`
      CREATE TABLE review_item (
        decision_id uuid PRIMARY KEY REFERENCES link_decision (id),
        a_key text NOT NULL,
        b_key text NOT NULL,
        state text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'CONFIRMED', 'REJECTED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        first_reviewer text,
        first_decision text,
        first_at timestamptz,
        second_reviewer text,
        second_decision text,
        second_at timestamptz,
        reason text,
        CONSTRAINT review_item_two_people CHECK (second_reviewer IS NULL OR second_reviewer <> first_reviewer)
      )`);
    await queryRunner.query(
      "CREATE INDEX review_item_pending ON review_item (created_at) WHERE state = 'PENDING'",
    );

    // One row per pair, smaller key first (byte order, as JavaScript compares keys).
    await queryRunner.query(`
      CREATE TABLE cannot_link (
        a_key text NOT NULL,
        b_key text NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (a_key, b_key),
        CONSTRAINT cannot_link_ordered CHECK (a_key < b_key COLLATE "C")
      )`);
    await queryRunner.query('CREATE INDEX cannot_link_b ON cannot_link (b_key)');

    await queryRunner.query(`
      CREATE TABLE processed_event (
        event_id uuid PRIMARY KEY,
        topic text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('RESOLVED', 'DEAD_LETTERED')),
        processed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'processed_event',
      'cannot_link',
      'review_item',
      'person_link',
      'link_decision',
      'identity_record',
      'person',
      'threshold_set',
      'resolution_model',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
