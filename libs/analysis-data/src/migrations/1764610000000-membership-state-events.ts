import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Disputes and retention reach the read model through identity.person.v1.
 * A membership's state (ACTIVE, or SUSPENDED while its link is disputed) is
 * decided by the newest event that says something about it, as its person is
 * by the newest event that places it; `state_event_id` is that event, so
 * events arriving out of order across persons cannot undo a newer state.
 * Records purged by retention leave a tombstone: a late or replayed source
 * event cannot bring them back.
 */
export class MembershipStateEvents1764610000000 implements MigrationInterface {
  name = 'MembershipStateEvents1764610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE analysis_membership ADD COLUMN state_event_id uuid');
    await queryRunner.query(`
      CREATE TABLE analysis_removed_record (
        record_key text PRIMARY KEY,
        event_id uuid NOT NULL,
        removed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE analysis_removed_record');
    await queryRunner.query('ALTER TABLE analysis_membership DROP COLUMN state_event_id');
  }
}
