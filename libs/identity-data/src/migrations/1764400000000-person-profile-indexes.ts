import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the profile reads need: a person's lineage (who was merged into it,
 * what was split from it) and the review state of the decisions behind its
 * links, each looked up for a batch of persons in one query.
 */
export class PersonProfileIndexes1764400000000 implements MigrationInterface {
  name = 'PersonProfileIndexes1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX person_merged_into ON person (merged_into) WHERE merged_into IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX person_split_from ON person (split_from) WHERE split_from IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX person_split_from');
    await queryRunner.query('DROP INDEX person_merged_into');
  }
}
