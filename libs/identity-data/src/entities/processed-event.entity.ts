import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event the resolver has handled, written in the transaction of its effect: redeliveries are skipped. */
@Entity({ name: 'processed_event' })
export class ProcessedEventEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'text' })
  outcome!: 'RESOLVED' | 'DEAD_LETTERED' | 'PURGED';

  @Column({ name: 'processed_at', type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}
