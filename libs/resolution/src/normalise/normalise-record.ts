import type { NameFeatures, RecordFeatures } from '../features';
import type { ResolutionRecord } from '../record';
import { blockingKeys } from './blocking-keys';
import {
  foldAddress,
  foldDocumentNumber,
  nameTokens,
  normalisePhone,
  parseDateOfBirth,
} from '@mosaic/normalise';
import { namePart } from './name-parts';

function unique<T>(values: T[]): T[] {
  return values.length < 2 ? values : [...new Set(values)];
}

/** Everything comparisons and blocking need from a record, computed once per record. */
export function normaliseRecord(record: ResolutionRecord): RecordFeatures {
  const given = namePart(nameTokens(record.givenNames), 'given');
  const surname = namePart(nameTokens(record.surname), 'surname');
  const name: NameFeatures | null =
    given || surname
      ? {
          given: given?.tokens ?? [],
          surnames: surname?.tokens ?? [],
          givenPhonetic: given?.codes ?? [],
          surnamePhonetic: surname?.codes ?? [],
        }
      : null;

  const documents: RecordFeatures['documents'] = [];
  const seen = new Set<string>();
  for (const document of record.documents) {
    const number = foldDocumentNumber(document.number);
    const country = document.issuingCountry.trim().toUpperCase();
    const type = document.type.trim().toUpperCase();
    const id = `${type}|${country}|${number}`;
    if (number === '' || seen.has(id)) continue;
    seen.add(id);
    documents.push({ number, country, type });
  }
  const phones = unique(record.phones.flatMap((p) => normalisePhone(p) ?? []));
  const addresses = unique(record.addresses.flatMap((a) => foldAddress(a) ?? []));

  const features: RecordFeatures = {
    record,
    name,
    nameParts: { given, surname },
    dob: parseDateOfBirth(record.dateOfBirth),
    sex: record.sex,
    nationality: record.nationality ? record.nationality.trim().toUpperCase() : null,
    documents,
    phones,
    addresses,
    blockingKeys: [],
  };
  features.blockingKeys = blockingKeys(features);
  return features;
}
