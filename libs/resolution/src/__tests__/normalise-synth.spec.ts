import { generateBlocks, resolveSynthOptions } from '@mosaic/synth';
import { compareFeatures, FieldIndex, NameLevel } from '../compare';
import type { ComparisonVector } from '../comparison';
import type { RecordFeatures } from '../features';
import { normaliseRecord } from '../normalise';
import type { ResolutionRecord } from '../record';
import {
  recordFromFingerprintEnrollment,
  recordFromSeizureSubject,
  recordFromTravelEncounter,
} from '../record-mapping';

/**
 * Measurements on a small synthetic population: how the generic techniques
 * (folding, Double Metaphone, Jaro–Winkler, name-order swaps, the blocking
 * keys) do on names and dates distorted the way real records are. Records
 * under an alias stand for another identity by design and are left out.
 */
function population(persons: number, seed: number) {
  const records: ResolutionRecord[] = [];
  const personOf = new Map<string, string>();
  const alias = new Set<string>();
  for (const block of generateBlocks(resolveSynthOptions({ persons, seed, blockSize: persons }))) {
    for (const truth of block.truthRecords) {
      const key = `${truth.source}:${truth.recordId}`;
      personOf.set(key, truth.personId);
      if (truth.distortions.includes('ALIAS')) alias.add(key);
    }
    records.push(...block.travel.map(recordFromTravelEncounter));
    for (const c of block.seizure) {
      records.push(
        ...c.subjects.map((s) => recordFromSeizureSubject({ ...s, openedAt: c.openedAt })),
      );
    }
    records.push(...block.fingerprint.map(recordFromFingerprintEnrollment));
  }
  const features = records.filter((r) => !alias.has(r.key)).map(normaliseRecord);
  const byPerson = new Map<string, RecordFeatures[]>();
  for (const f of features) {
    const person = personOf.get(f.record.key) as string;
    const list = byPerson.get(person);
    if (list) list.push(f);
    else byPerson.set(person, [f]);
  }
  return { features, byPerson, personOf };
}

const namesAgree = (v: ComparisonVector) =>
  [FieldIndex.given, FieldIndex.surname].every((i) => {
    const level = v.levels[i] as number;
    return level >= 0 && level <= NameLevel.PHONETIC;
  });

describe('on a synthetic population', () => {
  const { features, byPerson, personOf } = population(2000, 11);
  const samePerson: [RecordFeatures, RecordFeatures][] = [];
  for (const list of byPerson.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) samePerson.push([list[i]!, list[j]!]);
    }
  }

  it('puts at least 95% of same-person record pairs in a shared block', () => {
    const shared = samePerson.filter(([a, b]) => {
      const keys = new Set(a.blockingKeys);
      return b.blockingKeys.some((k) => keys.has(k));
    }).length;
    expect(samePerson.length).toBeGreaterThan(5000);
    expect(shared / samePerson.length).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps blocks selective', () => {
    const blocks = new Map<string, number[]>();
    features.forEach((f, i) => {
      for (const k of f.blockingKeys) {
        const block = blocks.get(k);
        if (block) block.push(i);
        else blocks.set(k, [i]);
      }
    });
    const candidates = new Set<number>();
    let largest = 0;
    for (const block of blocks.values()) {
      largest = Math.max(largest, block.length);
      for (let i = 0; i < block.length; i++) {
        for (let j = i + 1; j < block.length; j++) {
          const [a, b] = [features[block[i]!]!, features[block[j]!]!];
          if (personOf.get(a.record.key) !== personOf.get(b.record.key)) {
            candidates.add(block[i]! * features.length + block[j]!);
          }
        }
      }
    }
    expect(largest).toBeLessThan(features.length * 0.01);
    // Other people's records a record is compared with, on average.
    expect(candidates.size / features.length).toBeLessThan(1);
  });

  it('finds both names of the same person agreeing phonetically or better in most pairs', () => {
    const agreeing = samePerson.filter(([a, b]) => namesAgree(compareFeatures(a, b))).length;
    expect(agreeing / samePerson.length).toBeGreaterThanOrEqual(0.85);
  });

  it('rarely finds both names of two different people agreeing', () => {
    let pairs = 0;
    let agreeing = 0;
    for (let i = 0; i < 20_000; i++) {
      const a = features[(i * 7919) % features.length]!;
      const b = features[(i * 104_729 + 13) % features.length]!;
      if (personOf.get(a.record.key) === personOf.get(b.record.key)) continue;
      pairs++;
      if (namesAgree(compareFeatures(a, b))) agreeing++;
    }
    expect(agreeing / pairs).toBeLessThan(0.005);
  });
});
