import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A record's link to its person can be suspended (disputed, or verified below
 * the threshold) without being removed: a SUSPENDED membership keeps the record
 * on its person for the profile's history, but contributes nothing to link
 * analysis until it is re-reviewed. Every membership starts ACTIVE.
 */
export class MembershipState1764500000100 implements MigrationInterface {
  name = 'MembershipState1764500000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE analysis_membership
        ADD COLUMN state text NOT NULL DEFAULT 'ACTIVE'
        CONSTRAINT analysis_membership_state CHECK (state IN ('ACTIVE', 'SUSPENDED'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE analysis_membership DROP COLUMN state');
  }
}
