import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AuditOutcome } from './audit-record';

/**
 * One row of the append-only audit log (migration CreateAuditLog1764600000000
 * owns the table, its guards and its indexes). AuditLog writes it with SQL of
 * its own, under the restricted writer role; this mapping lets the service's
 * DataSource know the table.
 */
@Entity({ name: 'audit_entry' })
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'bigint' })
  sequence!: string;

  @Column({ type: 'uuid', unique: true })
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  // `user` is reserved in SQL.
  @Column({ name: 'user_name', type: 'text', nullable: true })
  user!: string | null;

  @Column({ type: 'text', array: true })
  roles!: string[];

  @Column({ type: 'text', nullable: true })
  purpose!: string | null;

  @Column({ name: 'case_number', type: 'text', nullable: true })
  caseNumber!: string | null;

  @Column({ name: 'operation_name', type: 'text', nullable: true })
  operationName!: string | null;

  @Column({ name: 'operation_type', type: 'text', nullable: true })
  operationType!: string | null;

  @Column({ name: 'document_hash', type: 'text', nullable: true })
  documentHash!: string | null;

  @Column({ name: 'variables_digest', type: 'text', nullable: true })
  variablesDigest!: string | null;

  @Column({ name: 'person_ids', type: 'text', array: true })
  personIds!: string[];

  @Column({ name: 'decision_ids', type: 'text', array: true })
  decisionIds!: string[];

  @Column({ type: 'text' })
  outcome!: AuditOutcome;

  @Column({ name: 'error_codes', type: 'text', array: true })
  errorCodes!: string[];

  @Column({ type: 'text', nullable: true })
  detail!: string | null;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash!: string;

  @Column({ type: 'text', unique: true })
  hash!: string;
}
