import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A seizure case, keyed by the source's record id. */
@Entity({ name: 'seizure_case' })
export class SeizureCaseEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Index('seizure_case_case_number_key', { unique: true })
  @Column({ name: 'case_number', type: 'text' })
  caseNumber!: string;

  @Column({ type: 'text' })
  agency!: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ type: 'text' })
  narrative!: string;

  @Column({ name: 'ingested_at', type: 'timestamptz', default: () => 'now()' })
  ingestedAt!: Date;
}

/** A seizure, apprehension or interdiction within a case; `ordinal` keeps the recorded order. */
@Entity({ name: 'seizure_event' })
export class SeizureEventEntity {
  @PrimaryColumn({ name: 'case_id', type: 'text' })
  caseId!: string;

  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ type: 'int' })
  ordinal!: number;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'text', nullable: true })
  port!: string | null;

  @Column({ type: 'text' })
  location!: string;
}

/** An item seized in a case; `ordinal` keeps the recorded order. */
@Entity({ name: 'seizure_item' })
export class SeizureItemEntity {
  @PrimaryColumn({ name: 'case_id', type: 'text' })
  caseId!: string;

  @PrimaryColumn({ name: 'item_id', type: 'text' })
  itemId!: string;

  @Column({ type: 'int' })
  ordinal!: number;

  @Column({ type: 'text' })
  category!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'double precision' })
  quantity!: number;

  @Column({ type: 'text' })
  unit!: string;
}
