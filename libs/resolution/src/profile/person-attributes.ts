import type { Modality, ResolutionRecord, SourceName } from '../record';

/**
 * What a resolved person's records say about them, value by value. Records
 * disagree (a typo, a transliteration, a married name, an alias): every
 * recorded value is kept with the records that support it, ordered by support.
 * Nothing is collapsed into one "canonical" value behind the reader's back;
 * values differing only by surrounding or repeated white space are the same.
 */

/** The biographic part of a record and what tied it to the person. */
export interface AttributedRecord {
  record: Omit<ResolutionRecord, 'face' | 'fingers'>;
  /** Biometric modalities of the link decisions that joined this record to the person. */
  linkedBy: readonly Modality[];
}

export interface AttributeProvenance {
  source: SourceName;
  /** Source record ids, in order of observation. */
  recordIds: string[];
  firstSeen: string;
  lastSeen: string;
}

export interface AttributeSupport {
  /** Records that carry the value. */
  records: number;
  sources: SourceName[];
  /** Modalities that tie at least one of those records to the person. */
  modalities: Modality[];
}

export interface AttributeValue<T = string> {
  value: string;
  detail: T;
  support: AttributeSupport;
  provenance: AttributeProvenance[];
  firstSeen: string;
  lastSeen: string;
}

export interface NameDetail {
  givenNames: string | null;
  surname: string | null;
}

export interface DocumentDetail {
  type: string;
  number: string;
  issuingCountry: string;
}

export interface PersonAttributes {
  names: AttributeValue<NameDetail>[];
  datesOfBirth: AttributeValue<null>[];
  sexes: AttributeValue<null>[];
  nationalities: AttributeValue<null>[];
  documents: AttributeValue<DocumentDetail>[];
  phones: AttributeValue<null>[];
  addresses: AttributeValue<null>[];
  vehicles: AttributeValue<null>[];
}

const clean = (s: string): string => s.trim().replace(/\s+/g, ' ');

const SOURCE_ORDER: Record<SourceName, number> = {
  travel: 0,
  seizure: 1,
  fingerprint: 2,
  tabular: 3,
};

class Tally<T> {
  private readonly values = new Map<string, { detail: T; records: AttributedRecord[] }>();

  add(value: string, detail: T, record: AttributedRecord): void {
    const entry = this.values.get(value) ?? { detail, records: [] };
    if (!entry.records.includes(record)) entry.records.push(record);
    this.values.set(value, entry);
  }

  result(): AttributeValue<T>[] {
    const out = [...this.values].map(([value, { detail, records }]): AttributeValue<T> => {
      const ordered = [...records].sort(
        (x, y) =>
          x.record.observedAt.localeCompare(y.record.observedAt) ||
          x.record.key.localeCompare(y.record.key),
      );
      const bySource = new Map<SourceName, AttributedRecord[]>();
      for (const r of ordered) {
        const list = bySource.get(r.record.source) ?? [];
        list.push(r);
        bySource.set(r.record.source, list);
      }
      const provenance = [...bySource]
        .sort(([a], [b]) => SOURCE_ORDER[a] - SOURCE_ORDER[b])
        .map(([source, list]) => ({
          source,
          recordIds: list.map((r) => r.record.recordId),
          firstSeen: (list[0] as AttributedRecord).record.observedAt,
          lastSeen: (list[list.length - 1] as AttributedRecord).record.observedAt,
        }));
      const modalities = new Set<Modality>();
      for (const r of records) for (const m of r.linkedBy) modalities.add(m);
      return {
        value,
        detail,
        support: {
          records: records.length,
          sources: provenance.map((p) => p.source),
          modalities: (['FACE', 'FINGER'] as const).filter((m) => modalities.has(m)),
        },
        provenance,
        firstSeen: (ordered[0] as AttributedRecord).record.observedAt,
        lastSeen: (ordered[ordered.length - 1] as AttributedRecord).record.observedAt,
      };
    });
    // Most supported first; among equals the most recently seen, then the value, so the order is stable.
    return out.sort(
      (a, b) =>
        b.support.records - a.support.records ||
        b.lastSeen.localeCompare(a.lastSeen) ||
        a.value.localeCompare(b.value),
    );
  }
}

/** Every value the records give for each attribute, with its support and provenance. */
export function personAttributes(records: readonly AttributedRecord[]): PersonAttributes {
  const names = new Tally<NameDetail>();
  const datesOfBirth = new Tally<null>();
  const sexes = new Tally<null>();
  const nationalities = new Tally<null>();
  const documents = new Tally<DocumentDetail>();
  const phones = new Tally<null>();
  const addresses = new Tally<null>();
  const vehicles = new Tally<null>();
  const text = (tally: Tally<null>, value: string | null, r: AttributedRecord) => {
    if (value === null) return;
    const v = clean(value);
    if (v !== '') tally.add(v, null, r);
  };
  for (const r of records) {
    const { record } = r;
    const given = record.givenNames === null ? '' : clean(record.givenNames);
    const surname = record.surname === null ? '' : clean(record.surname);
    if (given !== '' || surname !== '') {
      names.add(
        [given, surname].filter((s) => s !== '').join(' '),
        {
          givenNames: given === '' ? null : given,
          surname: surname === '' ? null : surname,
        },
        r,
      );
    }
    text(datesOfBirth, record.dateOfBirth, r);
    text(sexes, record.sex, r);
    text(nationalities, record.nationality, r);
    for (const d of record.documents) {
      const detail = {
        type: clean(d.type),
        number: clean(d.number),
        issuingCountry: clean(d.issuingCountry),
      };
      documents.add(`${detail.type} ${detail.number} ${detail.issuingCountry}`, detail, r);
    }
    for (const p of record.phones) text(phones, p, r);
    for (const a of record.addresses) text(addresses, a, r);
    for (const v of record.vehicles) text(vehicles, v, r);
  }
  return {
    names: names.result(),
    datesOfBirth: datesOfBirth.result(),
    sexes: sexes.result(),
    nationalities: nationalities.result(),
    documents: documents.result(),
    phones: phones.result(),
    addresses: addresses.result(),
    vehicles: vehicles.result(),
  };
}
