import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The review band worked by people (issue 18). A review item is claimed
 * under a lease (one reviewer at a time; an expired lease is free again),
 * decided by two different reviewers (each verdict, with its evidence, a row
 * of review_verdict), escalated to a supervisor when they disagree or one is
 * unsure, and closed once: LINKED, NOT_LINKED, or CLOSED when another applied
 * decision settled it (the reason says which and why).
 *
 * Verdicts name the item by id without a foreign key: a retention purge
 * removes review items with their records, while who decided what stays for
 * oversight of reviewers (as verification and dispute history does).
 */
export class ReviewWorkflow1764800000000 implements MigrationInterface {
  name = 'ReviewWorkflow1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE review_item DROP CONSTRAINT review_item_state_check');
    // Nothing wrote the old closed states; should a row carry one, it keeps its meaning.
    await queryRunner.query(
      "UPDATE review_item SET state = CASE state WHEN 'CONFIRMED' THEN 'LINKED' ELSE 'NOT_LINKED' END WHERE state IN ('CONFIRMED', 'REJECTED')",
    );
    await queryRunner.query(`
      ALTER TABLE review_item
        ADD COLUMN claimed_by text,
        ADD COLUMN claimed_until timestamptz,
        ADD COLUMN escalated_at timestamptz,
        ADD COLUMN settled_by text,
        ADD COLUMN closed_at timestamptz,
        ADD COLUMN closed_by_item uuid,
        ADD CONSTRAINT review_item_state_check
          CHECK (state IN ('PENDING', 'ESCALATED', 'LINKED', 'NOT_LINKED', 'CLOSED')),
        ADD CONSTRAINT review_item_lease CHECK ((claimed_by IS NULL) = (claimed_until IS NULL)),
        ADD CONSTRAINT review_item_open_lease
          CHECK (claimed_by IS NULL OR state IN ('PENDING', 'ESCALATED')),
        ADD CONSTRAINT review_item_closed_at
          CHECK ((state IN ('PENDING', 'ESCALATED')) = (closed_at IS NULL)),
        ADD CONSTRAINT review_item_supervisor_not_reviewer
          CHECK (settled_by IS NULL OR (settled_by IS DISTINCT FROM first_reviewer
                                        AND settled_by IS DISTINCT FROM second_reviewer))`);
    await queryRunner.query(
      "UPDATE review_item SET closed_at = coalesce(second_at, created_at) WHERE state NOT IN ('PENDING', 'ESCALATED')",
    );
    // Open items by record: an applied decision finds the items it settles.
    await queryRunner.query(
      "CREATE INDEX review_item_open_a ON review_item (a_key) WHERE state IN ('PENDING', 'ESCALATED')",
    );
    await queryRunner.query(
      "CREATE INDEX review_item_open_b ON review_item (b_key) WHERE state IN ('PENDING', 'ESCALATED')",
    );
    // Whether an officer waits on an item's persons (the queue's priority).
    await queryRunner.query(
      "CREATE INDEX verification_request_pending_person ON verification_request (person_id) WHERE state = 'PENDING'",
    );

    await queryRunner.query(`
      CREATE TABLE review_verdict (
        item_id uuid NOT NULL,
        reviewer text NOT NULL,
        stage text NOT NULL CHECK (stage IN ('FIRST', 'SECOND', 'SUPERVISOR')),
        decision text NOT NULL CHECK (decision IN ('LINK', 'NOT_LINK', 'UNSURE')),
        evidence jsonb NOT NULL CHECK (jsonb_typeof(evidence) = 'array' AND jsonb_array_length(evidence) > 0),
        note text,
        roles text[] NOT NULL,
        purpose text NOT NULL,
        case_number text NOT NULL,
        decided_at timestamptz NOT NULL,
        PRIMARY KEY (item_id, reviewer),
        CONSTRAINT review_verdict_supervisor_settles CHECK (stage <> 'SUPERVISOR' OR decision <> 'UNSURE')
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX review_verdict_stage ON review_verdict (item_id, stage)',
    );
    await queryRunner.query(
      'CREATE INDEX review_verdict_reviewer ON review_verdict (reviewer, decided_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE review_verdict');
    await queryRunner.query('DROP INDEX verification_request_pending_person');
    await queryRunner.query('DROP INDEX review_item_open_b');
    await queryRunner.query('DROP INDEX review_item_open_a');
    await queryRunner.query(`
      ALTER TABLE review_item
        DROP CONSTRAINT review_item_supervisor_not_reviewer,
        DROP CONSTRAINT review_item_closed_at,
        DROP CONSTRAINT review_item_open_lease,
        DROP CONSTRAINT review_item_lease,
        DROP CONSTRAINT review_item_state_check,
        DROP COLUMN closed_by_item,
        DROP COLUMN closed_at,
        DROP COLUMN settled_by,
        DROP COLUMN escalated_at,
        DROP COLUMN claimed_until,
        DROP COLUMN claimed_by`);
    await queryRunner.query(
      "UPDATE review_item SET state = CASE state WHEN 'LINKED' THEN 'CONFIRMED' WHEN 'NOT_LINKED' THEN 'REJECTED' WHEN 'CLOSED' THEN 'REJECTED' ELSE 'PENDING' END",
    );
    await queryRunner.query(
      "ALTER TABLE review_item ADD CONSTRAINT review_item_state_check CHECK (state IN ('PENDING', 'CONFIRMED', 'REJECTED'))",
    );
  }
}
