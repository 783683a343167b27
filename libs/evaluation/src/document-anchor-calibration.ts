// Measures the document-anchored profile (ADR 0014) on a labelled synthetic
// population of its own seed, the way the biometric calibration is fitted on
// one: every pair of records that carries the same document number of the same
// issuing country is decided on its biographic evidence alone, and the
// auto-links the anchor rule would make are counted against the truth.
import {
  measureDocumentAnchor,
  normaliseRecord,
  prepareRecord,
  type DocumentAnchorCalibration,
  type LabelledPair,
  type PreparedRecord,
  type ResolutionModel,
  type ResolutionRecord,
  type ThresholdSet,
} from '@mosaic/resolution';
import { resolveSynthOptions } from '@mosaic/synth';
import { emptyTruth, syntheticRecords } from './synthetic-records';

/**
 * Labelled pairs of records sharing a document number and issuing country.
 * A number carried by more than `maxPerDocument` records (a recycled series)
 * contributes the pairs of its first `maxPerDocument` records only.
 */
export function* sharedDocumentPairs(
  records: readonly ResolutionRecord[],
  personOf: (key: string) => string | undefined,
  model: ResolutionModel,
  maxPerDocument = 40,
): Generator<LabelledPair> {
  const prepared = new Map<string, PreparedRecord>();
  const byDocument = new Map<string, string[]>();
  for (const record of records) {
    const features = normaliseRecord(record);
    const keys = new Set<string>();
    for (const d of features.documents) {
      if (d.country !== '' && d.number !== '') keys.add(`${d.country}|${d.number}`);
    }
    if (keys.size === 0) continue;
    prepared.set(record.key, prepareRecord(features, model));
    for (const key of keys) {
      const list = byDocument.get(key) ?? byDocument.set(key, []).get(key);
      if (list && list.length < maxPerDocument) list.push(record.key);
    }
  }
  const seen = new Set<string>();
  for (const keys of byDocument.values()) {
    for (let i = 0; i < keys.length; i++) {
      for (let j = i + 1; j < keys.length; j++) {
        const a = keys[i] as string;
        const b = keys[j] as string;
        const id = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const pa = personOf(a);
        yield {
          a: prepared.get(a) as PreparedRecord,
          b: prepared.get(b) as PreparedRecord,
          samePerson: pa !== undefined && pa === personOf(b),
        };
      }
    }
  }
}

/**
 * The anchor's measured precision on a separate labelled synthetic population
 * (`persons`, `seed`): the calibration that decides whether the profile may
 * auto-link under `thresholds`.
 */
export function syntheticDocumentAnchorCalibration(
  model: ResolutionModel,
  thresholds: ThresholdSet,
  options: { persons: number; seed: number; minPrecision?: number },
): DocumentAnchorCalibration & { anchoredPairs: number; sharedDocumentPairs: number } {
  const truth = emptyTruth();
  const records: ResolutionRecord[] = [];
  for (const block of syntheticRecords(
    resolveSynthOptions({ persons: options.persons, seed: options.seed }),
    truth,
  )) {
    records.push(...block.records);
  }
  let shared = 0;
  const pairs = sharedDocumentPairs(records, (key) => truth.personOf.get(key), model);
  const counted = (function* () {
    for (const pair of pairs) {
      shared += 1;
      yield pair;
    }
  })();
  const measured = measureDocumentAnchor(model, thresholds, counted, {
    measuredOn: `synthetic labelled set, ${options.persons} persons, seed ${options.seed}`,
    minPrecision: options.minPrecision,
  });
  return { ...measured, sharedDocumentPairs: shared };
}
