import type { RecordFeatures } from '../features';
import type { RecordStore } from './resolver';

/** The record store of the in-process engine and of tests: everything in one Map. */
export class InMemoryRecordStore implements RecordStore {
  private readonly records = new Map<string, RecordFeatures>();

  async get(keys: readonly string[]): Promise<Map<string, RecordFeatures>> {
    const out = new Map<string, RecordFeatures>();
    for (const key of keys) {
      const features = this.records.get(key);
      if (features) out.set(key, features);
    }
    return out;
  }

  async put(features: readonly RecordFeatures[]): Promise<void> {
    for (const f of features) this.records.set(f.record.key, f);
  }

  /** Every stored record (the evaluation samples pairs from them). */
  all(): ReadonlyMap<string, RecordFeatures> {
    return this.records;
  }

  get size(): number {
    return this.records.size;
  }
}
