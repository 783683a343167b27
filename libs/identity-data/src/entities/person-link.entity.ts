import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One edge that holds a person together: two of its records and the decision that linked them. */
@Entity({ name: 'person_link' })
@Index('person_link_person', ['personId', 'id'])
@Index('person_link_a', ['aKey'])
@Index('person_link_b', ['bKey'])
export class PersonLinkEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ name: 'a_key', type: 'text' })
  aKey!: string;

  @Column({ name: 'b_key', type: 'text' })
  bKey!: string;

  /** AUTO_LINK, or the review outcome that made the link. */
  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'decision_id', type: 'uuid', nullable: true })
  decisionId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
