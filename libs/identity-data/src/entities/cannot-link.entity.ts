import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Two records that must never be in one person (a rejected review, an upheld dispute). */
@Entity({ name: 'cannot_link' })
@Index('cannot_link_b', ['bKey'])
export class CannotLinkEntity {
  /** The smaller key of the pair (byte order). */
  @PrimaryColumn({ name: 'a_key', type: 'text' })
  aKey!: string;

  @PrimaryColumn({ name: 'b_key', type: 'text' })
  bKey!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
