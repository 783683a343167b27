import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Person search by document number compares the number part of DOCUMENT
 * identifiers (`TYPE:COUNTRY:NUMBER`); without this index every such search
 * reads every document of the read model.
 */
export class PersonSearchIndexes1764510000000 implements MigrationInterface {
  name = 'PersonSearchIndexes1764510000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX analysis_identifier_document_number
         ON analysis_identifier (split_part(value, ':', 3)) WHERE kind = 'DOCUMENT'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX analysis_identifier_document_number');
  }
}
