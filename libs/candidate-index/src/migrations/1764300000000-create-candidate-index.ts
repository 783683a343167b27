import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Dimensions the embedded candidate tables are created with (DESIGN.md templates). */
export const PGVECTOR_FACE_DIMENSIONS = 512;
export const PGVECTOR_FINGER_DIMENSIONS = 256;

const positions = Array.from({ length: 10 }, (_, i) => i + 1);

/**
 * The embedded-mode candidate index (pgvector). Runs after the platform
 * migration, which installs pgvector wherever it is available. On a PostgreSQL
 * server without pgvector (infra mode, where candidates come from the search
 * engine) it creates nothing, so the identity service keeps one migration list
 * for both modes; PgvectorCandidateIndex then refuses to start with a
 * CandidateIndexSchemaError.
 */
export class CreateCandidateIndex1764300000000 implements MigrationInterface {
  name = 'CreateCandidateIndex1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const installed: unknown[] = await queryRunner.query(
      "SELECT 1 FROM pg_extension WHERE extname = 'vector'",
    );
    if (installed.length === 0) return;

    // One row per indexed record, so that `size` counts records that have only
    // blocking keys, and removing a record is one delete that cascades.
    await queryRunner.query(`
      CREATE TABLE candidate_record (
        key text PRIMARY KEY,
        indexed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE candidate_face (
        key text PRIMARY KEY REFERENCES candidate_record (key) ON DELETE CASCADE,
        embedding vector(${PGVECTOR_FACE_DIMENSIONS}) NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX candidate_face_hnsw ON candidate_face USING hnsw (embedding vector_cosine_ops)',
    );
    await queryRunner.query(`
      CREATE TABLE candidate_finger (
        key text NOT NULL REFERENCES candidate_record (key) ON DELETE CASCADE,
        position smallint NOT NULL CHECK (position BETWEEN 1 AND 10),
        embedding vector(${PGVECTOR_FINGER_DIMENSIONS}) NOT NULL,
        PRIMARY KEY (key, position)
      )`);
    // One partial graph per finger position. A single graph with a position
    // filter returned ~5 of 10 rows (the filter runs after the graph walk), and
    // with an iterative scan it was half as fast to search and to fill.
    for (const position of positions) {
      await queryRunner.query(
        `CREATE INDEX candidate_finger_${position}_hnsw ON candidate_finger
           USING hnsw (embedding vector_cosine_ops) WHERE position = ${position}`,
      );
    }
    await queryRunner.query(`
      CREATE TABLE candidate_block (
        block_key text NOT NULL,
        key text NOT NULL REFERENCES candidate_record (key) ON DELETE CASCADE,
        PRIMARY KEY (block_key, key)
      )`);
    await queryRunner.query('CREATE INDEX candidate_block_record ON candidate_block (key)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS candidate_block');
    await queryRunner.query('DROP TABLE IF EXISTS candidate_finger');
    await queryRunner.query('DROP TABLE IF EXISTS candidate_face');
    await queryRunner.query('DROP TABLE IF EXISTS candidate_record');
  }
}
