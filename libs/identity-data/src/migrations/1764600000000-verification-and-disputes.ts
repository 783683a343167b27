import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-person verification and disputes (DESIGN.md "Accountability controls"
 * 3 and 4). A verification request asks people to confirm a link (its
 * decision) or an identification (a probe record belongs to a candidate
 * person); each reviewer's verdict, with the non-biometric evidence it
 * cites, is a row of its own. A dispute contests a link or an attribute
 * value of a person; it is resolved, never deleted.
 *
 * The rules the use cases check are also held here, so no code path can
 * break them: one review per reviewer and request, never by the requester;
 * a dispute resolved by someone other than who filed it, once, and kept.
 * Person and record ids are plain columns, not foreign keys: a retention
 * purge removes records and persons, while the accountability history of
 * what was decided about them stays.
 */
export class VerificationAndDisputes1764600000000 implements MigrationInterface {
  name = 'VerificationAndDisputes1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE verification_request (
        id uuid PRIMARY KEY,
        target text NOT NULL CHECK (target IN ('LINK', 'IDENTIFICATION')),
        decision_id uuid,
        probe_key text,
        person_id uuid,
        state text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'VERIFIED', 'REJECTED')),
        requested_by text NOT NULL,
        purpose text NOT NULL,
        case_number text NOT NULL,
        note text,
        requested_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        CONSTRAINT verification_request_subject CHECK (
          (target = 'LINK' AND decision_id IS NOT NULL AND probe_key IS NULL)
          OR (target = 'IDENTIFICATION' AND decision_id IS NULL AND probe_key IS NOT NULL
              AND person_id IS NOT NULL)),
        CONSTRAINT verification_request_closed CHECK ((state = 'PENDING') = (closed_at IS NULL))
      )`);
    // One live request per subject: a rejected one may be asked again, with new evidence.
    await queryRunner.query(
      `CREATE UNIQUE INDEX verification_request_live_link ON verification_request (decision_id)
        WHERE target = 'LINK' AND state <> 'REJECTED'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX verification_request_live_identification
         ON verification_request (probe_key, person_id)
        WHERE target = 'IDENTIFICATION' AND state <> 'REJECTED'`,
    );
    await queryRunner.query(
      'CREATE INDEX verification_request_decision ON verification_request (decision_id, id) WHERE decision_id IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX verification_request_probe ON verification_request (probe_key, person_id, id) WHERE probe_key IS NOT NULL',
    );

    await queryRunner.query(`
      CREATE TABLE verification_review (
        request_id uuid NOT NULL REFERENCES verification_request (id),
        reviewer text NOT NULL,
        decision text NOT NULL CHECK (decision IN ('CONFIRM', 'REJECT')),
        evidence jsonb NOT NULL CHECK (jsonb_typeof(evidence) = 'array' AND jsonb_array_length(evidence) > 0),
        roles text[] NOT NULL,
        purpose text NOT NULL,
        case_number text NOT NULL,
        reviewed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (request_id, reviewer)
      )`);
    await queryRunner.query(`
      CREATE FUNCTION verification_review_not_requester() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM verification_request r
                    WHERE r.id = NEW.request_id AND r.requested_by = NEW.reviewer) THEN
          RAISE EXCEPTION 'SELF_CONFIRMATION: % requested verification %', NEW.reviewer, NEW.request_id
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER verification_review_not_requester
        BEFORE INSERT OR UPDATE ON verification_review
        FOR EACH ROW EXECUTE FUNCTION verification_review_not_requester()`);

    await queryRunner.query(`
      CREATE TABLE dispute (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL,
        target text NOT NULL CHECK (target IN ('LINK', 'ATTRIBUTE')),
        record_key text,
        attribute_kind text,
        attribute_value text,
        reason text NOT NULL,
        state text NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'UPHELD', 'REJECTED')),
        filed_by text NOT NULL,
        filed_purpose text NOT NULL,
        filed_case text NOT NULL,
        filed_at timestamptz NOT NULL DEFAULT now(),
        resolved_by text,
        resolved_purpose text,
        resolved_case text,
        resolution_note text,
        resolved_at timestamptz,
        separated_into uuid,
        CONSTRAINT dispute_subject CHECK (
          (target = 'LINK' AND record_key IS NOT NULL AND attribute_kind IS NULL AND attribute_value IS NULL)
          OR (target = 'ATTRIBUTE' AND record_key IS NULL AND attribute_kind IS NOT NULL
              AND attribute_value IS NOT NULL)),
        CONSTRAINT dispute_resolution CHECK (
          (state = 'OPEN') = (resolved_by IS NULL)
          AND (resolved_by IS NULL) = (resolved_at IS NULL)
          AND (resolved_by IS NULL) = (resolution_note IS NULL)),
        CONSTRAINT dispute_two_people CHECK (resolved_by IS NULL OR resolved_by <> filed_by)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX dispute_open_link ON dispute (record_key)
        WHERE target = 'LINK' AND state = 'OPEN'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX dispute_open_attribute ON dispute (person_id, attribute_kind, attribute_value)
        WHERE target = 'ATTRIBUTE' AND state = 'OPEN'`,
    );
    await queryRunner.query('CREATE INDEX dispute_person ON dispute (person_id, id)');
    await queryRunner.query(
      'CREATE INDEX dispute_record ON dispute (record_key, id) WHERE record_key IS NOT NULL',
    );
    // History is kept: a dispute is resolved once and never deleted.
    await queryRunner.query(`
      CREATE FUNCTION dispute_history_kept() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'disputes are never deleted (dispute %)', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.state <> 'OPEN' THEN
          RAISE EXCEPTION 'dispute % is already resolved (%)', OLD.id, OLD.state
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF (NEW.id, NEW.person_id, NEW.target, NEW.record_key, NEW.attribute_kind,
            NEW.attribute_value, NEW.reason, NEW.filed_by, NEW.filed_purpose, NEW.filed_case,
            NEW.filed_at)
           IS DISTINCT FROM
           (OLD.id, OLD.person_id, OLD.target, OLD.record_key, OLD.attribute_kind,
            OLD.attribute_value, OLD.reason, OLD.filed_by, OLD.filed_purpose, OLD.filed_case,
            OLD.filed_at) THEN
          RAISE EXCEPTION 'what dispute % contests cannot change', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER dispute_history_kept
        BEFORE UPDATE OR DELETE ON dispute
        FOR EACH ROW EXECUTE FUNCTION dispute_history_kept()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE dispute');
    await queryRunner.query('DROP FUNCTION dispute_history_kept()');
    await queryRunner.query('DROP TABLE verification_review');
    await queryRunner.query('DROP FUNCTION verification_review_not_requester()');
    await queryRunner.query('DROP TABLE verification_request');
  }
}
