import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOutbox1764200000000 implements MigrationInterface {
  name = 'CreateOutbox1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox (
        position bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        topic text NOT NULL,
        key text NOT NULL,
        envelope json NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    // Envelopes carry base64 templates and are read once: out-of-line storage without compression is cheapest.
    await queryRunner.query('ALTER TABLE outbox ALTER COLUMN envelope SET STORAGE EXTERNAL');
    await queryRunner.query(
      'CREATE INDEX outbox_unpublished ON outbox (position) WHERE published_at IS NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE outbox');
  }
}
