import { Column, Entity, PrimaryColumn } from 'typeorm';

/** PURGED: every record was removed by retention; the row keeps the id for lineage and audit. */
export type PersonStatus = 'ACTIVE' | 'MERGED' | 'SPLIT' | 'PURGED';

/**
 * A resolved person. Ids are stable: a merged person stays, pointing at the
 * person it was merged into; a split keeps its id on one part.
 */
@Entity({ name: 'person' })
export class PersonEntity {
  /** UUIDv7. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** Creation order: the older person survives a merge. */
  @Column({ type: 'bigint', unique: true })
  sequence!: string;

  @Column({ type: 'text', default: 'ACTIVE' })
  status!: PersonStatus;

  @Column({ name: 'merged_into', type: 'uuid', nullable: true })
  mergedInto!: string | null;

  @Column({ name: 'split_from', type: 'uuid', nullable: true })
  splitFrom!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  /** Incremented by every batch that changes the person after its creation. */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}
