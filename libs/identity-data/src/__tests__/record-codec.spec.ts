import { normaliseRecord, type ResolutionRecord } from '@mosaic/resolution';
import { decodeRecord, encodeRecord, RecordFeaturesCache, StoredRecordError } from '..';

function unit(dimensions: number, seed: number): Float32Array {
  const v = new Float32Array(dimensions);
  let sum = 0;
  for (let i = 0; i < dimensions; i++) {
    v[i] = Math.sin(seed * 3.7 + i * 0.91);
    sum += (v[i] as number) ** 2;
  }
  return v.map((x) => x / Math.sqrt(sum));
}

const record: ResolutionRecord = {
  key: 'seizure:SC-1-S2',
  source: 'seizure',
  recordId: 'SC-1-S2',
  observedAt: '2023-04-21T08:30:00Z',
  givenNames: 'Ана Мария',
  surname: 'García-López',
  dateOfBirth: '1987-02',
  sex: 'F',
  nationality: 'ESP',
  documents: [{ type: 'PASSPORT', number: 'X1234567', issuingCountry: 'ESP' }],
  phones: ['+34 600 000 000'],
  addresses: ['Calle Mayor 1, Madrid'],
  vehicles: ['1234-ABC'],
  face: { template: unit(512, 1), quality: 0.8123456789 },
  fingers: [
    { position: 2, template: unit(256, 2), quality: 0.55 },
    { position: 7, template: unit(256, 7), quality: 0.199999999 },
  ],
};

/** A row as a driver returns it: bytea values in their own (possibly unaligned) buffers. */
function storedRow(r: ResolutionRecord) {
  const encoded = encodeRecord(r);
  const unaligned = (base64: string | null) => {
    if (base64 === null) return null;
    const bytes = Buffer.from(base64, 'base64');
    const padded = Buffer.alloc(bytes.length + 1);
    bytes.copy(padded, 1);
    return padded.subarray(1);
  };
  return {
    key: r.key,
    biographic: JSON.parse(JSON.stringify(encoded.biographic)),
    face: unaligned(encoded.face),
    face_quality: encoded.faceQuality,
    fingers: unaligned(encoded.fingers),
  };
}

describe('stored identity records', () => {
  it('read back exactly as they were resolved: templates bit for bit, qualities unrounded', () => {
    const decoded = decodeRecord(storedRow(record));
    expect(decoded).toEqual(record);
    expect(normaliseRecord(decoded)).toEqual(normaliseRecord(record));
  });

  it('keep records without biometrics as such', () => {
    const bare = { ...record, face: null, fingers: [] };
    const row = storedRow(bare);
    expect(row.face).toBeNull();
    expect(row.fingers).toBeNull();
    expect(decodeRecord(row)).toEqual(bare);
  });

  it('refuse a corrupt finger value with the record key', () => {
    const row = { ...storedRow(record), fingers: Buffer.from([9, 9, 9, 9]) };
    expect(() => decodeRecord(row)).toThrow(StoredRecordError);
    expect(() => decodeRecord(row)).toThrow(/seizure:SC-1-S2/);
  });
});

describe('RecordFeaturesCache', () => {
  const features = (key: string) => normaliseRecord({ ...record, key, face: null, fingers: [] });

  it('evicts the least recently used record beyond its capacity', () => {
    const cache = new RecordFeaturesCache(2);
    cache.set(features('a'));
    cache.set(features('b'));
    expect(cache.get('a')?.record.key).toBe('a');
    cache.set(features('c'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.record.key).toBe('a');
    expect(cache.get('c')?.record.key).toBe('c');
    expect(cache.size).toBe(2);
  });

  it('holds nothing at capacity 0', () => {
    const cache = new RecordFeaturesCache(0);
    cache.set(features('a'));
    expect(cache.size).toBe(0);
  });
});
