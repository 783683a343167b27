import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateQuarantine1764200000001 implements MigrationInterface {
  name = 'CreateQuarantine1764200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE quarantine (
        id bigserial PRIMARY KEY,
        source text NOT NULL,
        origin text NOT NULL,
        line_number integer,
        raw text NOT NULL,
        line_hash text NOT NULL UNIQUE,
        issues jsonb NOT NULL,
        quarantined_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE quarantine');
  }
}
