import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A person involved in a case, as recorded there, keyed by the source's subject id. */
@Entity({ name: 'seizure_subject' })
@Index('seizure_subject_case', ['caseId', 'ordinal'])
export class SeizureSubjectEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'case_id', type: 'text' })
  caseId!: string;

  @Column({ type: 'int' })
  ordinal!: number;

  @Column({ type: 'text' })
  role!: string;

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

  /** Raw float32 LE; read only by the event payload, never by GraphQL. */
  @Column({ name: 'face_template', type: 'bytea', nullable: true, select: false })
  faceTemplate!: Buffer | null;

  @Column({ name: 'face_quality', type: 'real', nullable: true })
  faceQuality!: number | null;

  @Column({ name: 'face_captured_at', type: 'timestamptz', nullable: true })
  faceCapturedAt!: Date | null;

  /** Prints were taken (the finger rows may still be none, if no finger was usable). */
  @Column({ name: 'fingerprints_taken', type: 'boolean' })
  fingerprintsTaken!: boolean;
}

export type SeizureIdentifierKind = 'PHONE' | 'ADDRESS' | 'VEHICLE' | 'DOCUMENT';

/** A phone, address, vehicle or document recorded for a subject: the ties link analysis follows. */
@Entity({ name: 'seizure_subject_identifier' })
@Index('seizure_subject_identifier_value', ['kind', 'value'])
export class SeizureSubjectIdentifierEntity {
  @PrimaryColumn({ name: 'subject_id', type: 'text' })
  subjectId!: string;

  @PrimaryColumn({ type: 'text' })
  kind!: SeizureIdentifierKind;

  /** Position in the subject's recorded list of this kind. */
  @PrimaryColumn({ type: 'int' })
  ordinal!: number;

  @Column({ type: 'text' })
  value!: string;

  @Column({ name: 'document_type', type: 'text', nullable: true })
  documentType!: string | null;

  @Column({ name: 'issuing_country', type: 'text', nullable: true })
  issuingCountry!: string | null;
}

/** One finger capture of a subject (ANSI/NIST-ITL position 1–10). */
@Entity({ name: 'seizure_subject_finger' })
export class SeizureSubjectFingerEntity {
  @PrimaryColumn({ name: 'subject_id', type: 'text' })
  subjectId!: string;

  @PrimaryColumn({ type: 'smallint' })
  position!: number;

  /** Raw float32 LE; read only by the event payload, never by GraphQL. */
  @Column({ type: 'bytea', select: false })
  template!: Buffer;

  @Column({ type: 'real' })
  quality!: number;
}
