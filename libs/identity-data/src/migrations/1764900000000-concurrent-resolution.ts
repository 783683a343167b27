import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What lets several identity workers resolve at once (docs/adr/0013):
 * `resolution_batch` holds each batch's searchable form (keys, vectors,
 * blocking keys) from before its candidate search until every later search
 * is sure to find it in the candidate index; `resolution_ticket` numbers the
 * batches; `person_sequence_number` numbers persons as they are inserted, so
 * concurrent batches never hand out the same sequence.
 */
export class ConcurrentResolution1764900000000 implements MigrationInterface {
  name = 'ConcurrentResolution1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SEQUENCE resolution_ticket AS bigint MINVALUE 1');
    await queryRunner.query(`
      CREATE TABLE resolution_batch (
        ticket bigint PRIMARY KEY,
        records jsonb NOT NULL,
        finished boolean NOT NULL DEFAULT false,
        refreshed_through bigint,
        started_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE SEQUENCE person_sequence_number AS bigint MINVALUE 0');
    await queryRunner.query(
      `SELECT setval('person_sequence_number', coalesce((SELECT max(sequence) FROM person), 0), (SELECT count(*) > 0 FROM person))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP SEQUENCE person_sequence_number');
    await queryRunner.query('DROP TABLE resolution_batch');
    await queryRunner.query('DROP SEQUENCE resolution_ticket');
  }
}
