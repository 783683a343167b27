import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Extensions every service database gets. pg_trgm ships with PostgreSQL's
 * contrib; pgvector is required in embedded mode (it backs the candidate index)
 * and optional on a PostgreSQL server, where kNN runs in the search engine.
 */
export class PlatformExtensions1732600000000 implements MigrationInterface {
  name = 'PlatformExtensions1732600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    const available: Array<{ name: string }> = await queryRunner.query(
      "SELECT name FROM pg_available_extensions WHERE name = 'vector'",
    );
    if (available.length > 0) await queryRunner.query('CREATE EXTENSION IF NOT EXISTS vector');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP EXTENSION IF EXISTS vector');
    await queryRunner.query('DROP EXTENSION IF EXISTS pg_trgm');
  }
}
