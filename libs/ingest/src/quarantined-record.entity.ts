import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FieldIssue } from '@mosaic/validation';

/**
 * An input line that could not be accepted, kept with why: nothing offered to
 * Mosaic is silently dropped. `lineHash` makes re-importing a file idempotent
 * for its bad lines too.
 */
@Entity({ name: 'quarantine' })
export class QuarantinedRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text' })
  origin!: string;

  @Column({ name: 'line_number', type: 'integer', nullable: true })
  lineNumber!: number | null;

  @Column({ type: 'text' })
  raw!: string;

  @Column({ name: 'line_hash', type: 'text', unique: true })
  lineHash!: string;

  @Column({ type: 'jsonb' })
  issues!: FieldIssue[];

  @Column({ name: 'quarantined_at', type: 'timestamptz', default: () => 'now()' })
  quarantinedAt!: Date;
}
