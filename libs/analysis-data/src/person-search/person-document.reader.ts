import type { PersonSearchDocument } from '@mosaic/analysis-model';
import type { DataSource, EntityManager } from 'typeorm';

/** Where the read model lives: the analysis DataSource, or a caller's transaction. */
export type ReadModelSession = DataSource | EntityManager;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface RecordRow {
  person_id: string;
  given_names: string | null;
  surname: string | null;
  date_of_birth: string | null;
  nationality: string | null;
  name_tokens: string[];
  phonetic_keys: string[];
  documents: { number: string; display: string }[] | string;
}

// A DOCUMENT identifier's value is `TYPE:COUNTRY:NUMBER` (documentValue in
// @mosaic/analysis-model); type and country are folded text without colons.
export const DOCUMENT_NUMBER_SQL = "split_part(i.value, ':', 3)";

/**
 * The records (alias `r`) that speak for their person in search: not those of
 * a person merged or split away, nor a record whose link to its person is
 * suspended (disputed, or verified below the threshold): a person is never
 * found through a link under dispute.
 */
export const SEARCHABLE_RECORD_SQL = `
  NOT EXISTS (SELECT 1 FROM analysis_person p WHERE p.id = r.person_id AND p.status <> 'ACTIVE')
  AND NOT EXISTS (
    SELECT 1 FROM analysis_membership m WHERE m.record_key = r.key AND m.state = 'SUSPENDED'
  )`;

const READ_SQL = `
  SELECT r.person_id::text AS person_id, r.given_names, r.surname, r.date_of_birth,
         r.nationality, r.name_tokens, r.phonetic_keys,
         coalesce(d.documents, '[]'::json) AS documents
  FROM analysis_record r
  LEFT JOIN LATERAL (
    SELECT json_agg(json_build_object('number', ${DOCUMENT_NUMBER_SQL}, 'display', i.display)
                    ORDER BY i.value) AS documents
    FROM analysis_identifier i
    WHERE i.record_key = r.key AND i.kind = 'DOCUMENT'
  ) d ON true
  WHERE r.person_id = ANY ($1::uuid[]) AND ${SEARCHABLE_RECORD_SQL}
  ORDER BY r.person_id, r.observed_at, r.key`;

const distinct = <T>(values: Iterable<T>): T[] => [...new Set(values)];

/**
 * Builds the search documents of persons from the read model: every record
 * resolved into the person (analysis_record.person_id) with the documents it
 * carries. A person that has no records, or that was merged or split away,
 * or whose only records are suspended from it, has no document: syncing it
 * removes it from the index.
 */
export class PersonDocumentReader {
  constructor(
    private readonly session: ReadModelSession,
    /** Persons per query. */
    private readonly batchSize = 1_000,
  ) {}

  async read(personIds: readonly string[]): Promise<PersonSearchDocument[]> {
    // Anything that is not a person id cannot have records; it is simply absent.
    const ids = distinct(personIds.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()));
    const documents: PersonSearchDocument[] = [];
    for (let i = 0; i < ids.length; i += this.batchSize) {
      const rows = (await this.session.query(READ_SQL, [
        ids.slice(i, i + this.batchSize),
      ])) as RecordRow[];
      documents.push(...toDocuments(rows));
    }
    return documents;
  }
}

function toDocuments(rows: readonly RecordRow[]): PersonSearchDocument[] {
  const byPerson = new Map<string, RecordRow[]>();
  for (const row of rows) {
    const records = byPerson.get(row.person_id);
    if (records) records.push(row);
    else byPerson.set(row.person_id, [row]);
  }
  return [...byPerson].map(([personId, records]) => {
    const documents = records.flatMap((r) =>
      typeof r.documents === 'string'
        ? (JSON.parse(r.documents) as { number: string; display: string }[])
        : r.documents,
    );
    const byNumber = new Map<string, { number: string; display: string }>();
    for (const d of documents) if (!byNumber.has(d.number)) byNumber.set(d.number, d);
    return {
      personId,
      names: distinct(
        records
          .map((r) => [r.given_names, r.surname].filter((p) => p && p.trim() !== '').join(' '))
          .filter((n) => n !== ''),
      ),
      nameTokens: distinct(records.flatMap((r) => r.name_tokens)),
      phoneticKeys: distinct(records.flatMap((r) => r.phonetic_keys)),
      datesOfBirth: distinct(records.flatMap((r) => (r.date_of_birth ? [r.date_of_birth] : []))),
      nationalities: distinct(records.flatMap((r) => (r.nationality ? [r.nationality] : []))),
      documentNumbers: [...byNumber.keys()],
      documents: [...byNumber.values()],
    };
  });
}
