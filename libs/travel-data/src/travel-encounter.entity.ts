import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A traveler encounter at a port, keyed by the source's record id. */
@Entity({ name: 'travel_encounter' })
@Index('travel_encounter_document', ['documentNumber'])
@Index('travel_encounter_flight', ['flight', 'encounteredAt'])
export class TravelEncounterEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'encountered_at', type: 'timestamptz' })
  encounteredAt!: Date;

  @Column({ type: 'text' })
  port!: string;

  @Column({ type: 'text' })
  direction!: 'ARRIVAL' | 'DEPARTURE';

  @Column({ type: 'text' })
  carrier!: string;

  @Column({ type: 'text' })
  flight!: string;

  @Column({ name: 'document_type', type: 'text', nullable: true })
  documentType!: string | null;

  @Column({ name: 'document_number', type: 'text', nullable: true })
  documentNumber!: string | null;

  @Column({ name: 'document_country', type: 'text', nullable: true })
  documentCountry!: string | null;

  @Column({ name: 'given_names', type: 'text', nullable: true })
  givenNames!: string | null;

  @Column({ type: 'text', nullable: true })
  surname!: string | null;

  @Column({ name: 'date_of_birth', type: 'text', nullable: true })
  dateOfBirth!: string | null;

  @Column({ type: 'text', nullable: true })
  sex!: string | null;

  @Column({ type: 'text', nullable: true })
  nationality!: string | null;

  @Column({ name: 'contact_phone', type: 'text', nullable: true })
  contactPhone!: string | null;

  @Column({ name: 'contact_address', type: 'text', nullable: true })
  contactAddress!: string | null;

  /** Raw float32 LE; read only by the event payload, never by GraphQL. */
  @Column({ name: 'face_template', type: 'bytea', nullable: true, select: false })
  faceTemplate!: Buffer | null;

  @Column({ name: 'face_quality', type: 'real', nullable: true })
  faceQuality!: number | null;

  @Column({ name: 'face_captured_at', type: 'timestamptz', nullable: true })
  faceCapturedAt!: Date | null;

  @Column({ name: 'ingested_at', type: 'timestamptz', default: () => 'now()' })
  ingestedAt!: Date;
}
