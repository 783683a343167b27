import type { RecordFeatures } from '@mosaic/resolution';

/**
 * Decoded, normalised records by key, least recently used evicted first.
 * Records never change once stored, so an entry is never stale; it only has
 * to hold nothing that was not committed (see PostgresRecordStore).
 */
export class RecordFeaturesCache {
  private readonly entries = new Map<string, RecordFeatures>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) {
      throw new RangeError(`cache capacity must be a non-negative integer, got ${capacity}`);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): RecordFeatures | undefined {
    const features = this.entries.get(key);
    if (features) {
      // Re-inserting moves the key to the young end of the Map's insertion order.
      this.entries.delete(key);
      this.entries.set(key, features);
    }
    return features;
  }

  set(features: RecordFeatures): void {
    if (this.capacity === 0) return;
    const key = features.record.key;
    this.entries.delete(key);
    this.entries.set(key, features);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
