import { writeFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { emptyTruth, syntheticRecords } from '@mosaic/evaluation';
import { resolveSynthOptions } from '@mosaic/synth';

export const SYNTHETIC_MAP =
  'id=record_id,given_name=given_names,surname=family_name,dob=birth_date,sex=gender,' +
  'nationality=citizenship,document=passport_no,phone=phone,phone=phone_2,address=address';

export interface SyntheticCsv {
  /** Record id → true person id. */
  truth: Map<string, string>;
  header: string[];
  rows: string[][];
}

/**
 * A synthetic population (every source's records) flattened into one table
 * with the ground truth kept apart: names, date of birth, sex, nationality,
 * the first document number, up to two phones and the first address.
 */
export function syntheticTable(persons: number, seed: number): SyntheticCsv {
  const truth = emptyTruth();
  const header = [
    'record_id',
    'given_names',
    'family_name',
    'birth_date',
    'gender',
    'citizenship',
    'passport_no',
    'phone',
    'phone_2',
    'address',
  ];
  const rows: string[][] = [];
  for (const block of syntheticRecords(resolveSynthOptions({ persons, seed }), truth)) {
    for (const r of block.records) {
      rows.push([
        r.key,
        r.givenNames ?? '',
        r.surname ?? '',
        r.dateOfBirth ?? '',
        r.sex ?? '',
        r.nationality ?? '',
        r.documents[0]?.number ?? '',
        r.phones[0] ?? '',
        r.phones[1] ?? '',
        r.addresses[0] ?? '',
      ]);
    }
  }
  return { truth: truth.personOf, header, rows };
}

export async function writeTable(path: string, header: string[], rows: string[][]): Promise<void> {
  await writeFile(path, stringify([header, ...rows]));
}
