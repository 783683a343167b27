import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * States a retention purge leaves behind. A person whose every record was
 * purged stays as a row with status PURGED (ids in audit entries, events and
 * lineage still say what became of it; the row holds no personal data). A
 * source event whose record was purged before identity resolved it is
 * claimed as PURGED, so its late delivery cannot bring the record back.
 */
export class RetentionPurgedStates1764700000000 implements MigrationInterface {
  name = 'RetentionPurgedStates1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE person DROP CONSTRAINT person_status_check,
        ADD CONSTRAINT person_status_check CHECK (status IN ('ACTIVE', 'MERGED', 'SPLIT', 'PURGED'))`);
    await queryRunner.query(`
      ALTER TABLE processed_event DROP CONSTRAINT processed_event_outcome_check,
        ADD CONSTRAINT processed_event_outcome_check
          CHECK (outcome IN ('RESOLVED', 'DEAD_LETTERED', 'PURGED'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE processed_event DROP CONSTRAINT processed_event_outcome_check,
        ADD CONSTRAINT processed_event_outcome_check CHECK (outcome IN ('RESOLVED', 'DEAD_LETTERED'))`);
    await queryRunner.query(`
      ALTER TABLE person DROP CONSTRAINT person_status_check,
        ADD CONSTRAINT person_status_check CHECK (status IN ('ACTIVE', 'MERGED', 'SPLIT'))`);
  }
}
