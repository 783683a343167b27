import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The role appends run under: it may add to the log and read it, never change or remove it. */
export const AUDIT_WRITER_ROLE = 'mosaic_audit_writer';

/**
 * The audit log: an append-only, hash-chained table. Two independent guards
 * keep UPDATE, DELETE and TRUNCATE out: a trigger that refuses them for every
 * role (the owner included), and the restricted role appends switch to.
 * Roles are cluster-wide while databases are not (test runs share a server
 * under their own prefixes), so the role is created only if absent and dropped
 * only once no database grants it anything.
 */
export class CreateAuditLog1764600000000 implements MigrationInterface {
  name = 'CreateAuditLog1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_entry (
        sequence bigint PRIMARY KEY CHECK (sequence > 0),
        id uuid NOT NULL UNIQUE,
        at timestamptz NOT NULL,
        request_id text,
        user_name text,
        roles text[] NOT NULL,
        purpose text,
        case_number text,
        operation_name text,
        operation_type text,
        document_hash text,
        variables_digest text,
        person_ids text[] NOT NULL,
        decision_ids text[] NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('OK', 'PARTIAL', 'DENIED', 'FAILED')),
        error_codes text[] NOT NULL,
        detail text,
        prev_hash text NOT NULL,
        hash text NOT NULL UNIQUE
      )`);
    // Oversight asks "who looked at this person / what did this user do / this case", newest first.
    await queryRunner.query(
      'CREATE INDEX audit_entry_user ON audit_entry (user_name, sequence DESC)',
    );
    await queryRunner.query(
      'CREATE INDEX audit_entry_case ON audit_entry (case_number, sequence DESC)',
    );
    await queryRunner.query(
      'CREATE INDEX audit_entry_person ON audit_entry USING gin (person_ids)',
    );
    await queryRunner.query('CREATE INDEX audit_entry_at ON audit_entry (at)');

    await queryRunner.query(`
      CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
      FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
      FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change()`);

    // Two databases migrating at once may both see the role missing: the loser's CREATE fails
    // with duplicate_object or, racing on the catalog, unique_violation; either means it exists.
    // Appends switch to the role, so a non-superuser owner must be able to SET it: from
    // PostgreSQL 16 a role's creator holds it without SET unless granted so.
    await queryRunner.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${AUDIT_WRITER_ROLE}') THEN
          BEGIN
            CREATE ROLE ${AUDIT_WRITER_ROLE} NOLOGIN;
          EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
          END;
        END IF;
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
          IF current_setting('server_version_num')::int >= 160000 THEN
            EXECUTE format('GRANT ${AUDIT_WRITER_ROLE} TO %I WITH SET TRUE', current_user);
          ELSIF NOT pg_has_role(current_user, '${AUDIT_WRITER_ROLE}', 'MEMBER') THEN
            EXECUTE format('GRANT ${AUDIT_WRITER_ROLE} TO %I', current_user);
          END IF;
        END IF;
      END
      $$`);
    await queryRunner.query(`GRANT SELECT, INSERT ON audit_entry TO ${AUDIT_WRITER_ROLE}`);
    // The audit.access.v1 event goes through the outbox in the same transaction.
    await queryRunner.query(`GRANT INSERT ON outbox TO ${AUDIT_WRITER_ROLE}`);
    await queryRunner.query(`GRANT USAGE ON SEQUENCE outbox_position_seq TO ${AUDIT_WRITER_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `REVOKE USAGE ON SEQUENCE outbox_position_seq FROM ${AUDIT_WRITER_ROLE}`,
    );
    await queryRunner.query(`REVOKE INSERT ON outbox FROM ${AUDIT_WRITER_ROLE}`);
    await queryRunner.query('DROP TABLE audit_entry');
    await queryRunner.query('DROP FUNCTION audit_entry_refuse_change()');
    // Another database (another prefix) may still grant the role privileges: then it stays.
    await queryRunner.query(`
      DO $$
      BEGIN
        DROP ROLE IF EXISTS ${AUDIT_WRITER_ROLE};
      EXCEPTION WHEN dependent_objects_still_exist THEN NULL;
      END
      $$`);
  }
}
