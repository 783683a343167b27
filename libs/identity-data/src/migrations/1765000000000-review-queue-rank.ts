import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The review queue's order, kept on the item (issue 18: a page of 50 at
 * p99 ≤ 100 ms at 100k persons). Scoring every open item per page grew with
 * the queue; the parts of an item's priority (the sizes of its two persons,
 * whether an officer waits on one) are stored with `rank`, its priority less
 * the age term's moment of reference, so a page is an index range scan.
 * Items whose persons changed since the last read are ranked again before
 * the next page (the watermark row says since when), found through the
 * index on person.updated_at that every change to a person bumps.
 */
export class ReviewQueueRank1765000000000 implements MigrationInterface {
  name = 'ReviewQueueRank1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE review_item
        ADD COLUMN a_size integer,
        ADD COLUMN b_size integer,
        ADD COLUMN officer_waiting boolean,
        ADD COLUMN rank double precision,
        ADD COLUMN ranked_at timestamptz`);
    await queryRunner.query(
      `CREATE INDEX review_item_rank ON review_item (rank DESC NULLS LAST, decision_id DESC)
        WHERE state IN ('PENDING', 'ESCALATED')`,
    );
    await queryRunner.query(
      "CREATE INDEX review_item_unranked ON review_item (decision_id) WHERE rank IS NULL AND state IN ('PENDING', 'ESCALATED')",
    );
    await queryRunner.query('CREATE INDEX person_updated_at ON person (updated_at)');
    await queryRunner.query(`
      CREATE TABLE review_rank_watermark (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        ranked_until timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE review_rank_watermark');
    await queryRunner.query('DROP INDEX person_updated_at');
    await queryRunner.query('DROP INDEX review_item_unranked');
    await queryRunner.query('DROP INDEX review_item_rank');
    await queryRunner.query(`
      ALTER TABLE review_item
        DROP COLUMN ranked_at, DROP COLUMN rank, DROP COLUMN officer_waiting,
        DROP COLUMN b_size, DROP COLUMN a_size`);
  }
}
