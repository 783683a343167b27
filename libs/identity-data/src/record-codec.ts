import type { FingerSample, ResolutionRecord } from '@mosaic/resolution';

/** A resolution record without its templates: what `identity_record.biographic` holds. */
export type StoredBiographic = Omit<ResolutionRecord, 'face' | 'fingers'>;

/** The columns one record is stored in; templates as base64, which PostgreSQL decodes. */
export interface EncodedRecord {
  biographic: StoredBiographic;
  face: string | null;
  faceQuality: number | null;
  fingers: string | null;
}

export class StoredRecordError extends Error {
  readonly code = 'STORED_RECORD_CORRUPT';
  constructor(key: string, reason: string) {
    super(`Stored identity record ${key} cannot be read: ${reason}`);
    this.name = 'StoredRecordError';
  }
}

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function float32Bytes(v: Float32Array): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  const out = Buffer.alloc(v.length * 4);
  for (let i = 0; i < v.length; i++) out.writeFloatLE(v[i] as number, i * 4);
  return out;
}

/** Little-endian float32 bytes → a vector in its own aligned buffer (driver buffers may be pooled and unaligned). */
function readFloat32(bytes: Uint8Array, offset: number, length: number): Float32Array {
  const slice = bytes.subarray(offset, offset + length * 4);
  if (LITTLE_ENDIAN) return new Float32Array(new Uint8Array(slice).buffer, 0, length);
  const view = Buffer.from(slice.buffer, slice.byteOffset, slice.byteLength);
  const v = new Float32Array(length);
  for (let i = 0; i < length; i++) v[i] = view.readFloatLE(i * 4);
  return v;
}

// Fingers packed in one value, so a record is one row however many fingers it has:
// header [u8 format=1][u8 count][u16 dimensions], then per finger
// [u8 position][7 bytes padding][f64 quality][dimensions × f32 template], all little-endian.
const FINGERS_FORMAT = 1;
const HEADER = 4;
const ENTRY_HEADER = 16;

export function packFingers(fingers: readonly FingerSample[]): Buffer | null {
  if (fingers.length === 0) return null;
  const dimensions = (fingers[0] as FingerSample).template.length;
  if (fingers.some((f) => f.template.length !== dimensions)) {
    throw new RangeError('all finger templates of a record must have the same length');
  }
  const entry = ENTRY_HEADER + dimensions * 4;
  const out = Buffer.alloc(HEADER + fingers.length * entry);
  out.writeUInt8(FINGERS_FORMAT, 0);
  out.writeUInt8(fingers.length, 1);
  out.writeUInt16LE(dimensions, 2);
  fingers.forEach((finger, i) => {
    const at = HEADER + i * entry;
    out.writeUInt8(finger.position, at);
    out.writeDoubleLE(finger.quality, at + 8);
    float32Bytes(finger.template).copy(out, at + ENTRY_HEADER);
  });
  return out;
}

export function unpackFingers(key: string, bytes: Uint8Array | null): FingerSample[] {
  if (bytes === null || bytes.length === 0) return [];
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length < HEADER || view.readUInt8(0) !== FINGERS_FORMAT) {
    throw new StoredRecordError(key, 'fingers are not in packed format 1');
  }
  const count = view.readUInt8(1);
  const dimensions = view.readUInt16LE(2);
  const entry = ENTRY_HEADER + dimensions * 4;
  if (view.length !== HEADER + count * entry) {
    throw new StoredRecordError(
      key,
      `fingers hold ${view.length} bytes, expected ${HEADER + count * entry}`,
    );
  }
  const fingers: FingerSample[] = [];
  for (let i = 0; i < count; i++) {
    const at = HEADER + i * entry;
    fingers.push({
      position: view.readUInt8(at),
      quality: view.readDoubleLE(at + 8),
      template: readFloat32(view, at + ENTRY_HEADER, dimensions),
    });
  }
  return fingers;
}

export function encodeRecord(record: ResolutionRecord): EncodedRecord {
  const { face, fingers, ...biographic } = record;
  return {
    biographic,
    face: face ? float32Bytes(face.template).toString('base64') : null,
    faceQuality: face ? face.quality : null,
    fingers: packFingers(fingers)?.toString('base64') ?? null,
  };
}

/** A stored row as the database returns it (bytea as a Buffer from pg, a Uint8Array from PGlite). */
export interface StoredRecordRow {
  key: string;
  biographic: StoredBiographic;
  face: Uint8Array | null;
  face_quality: number | null;
  fingers: Uint8Array | null;
}

export function decodeRecord(row: StoredRecordRow): ResolutionRecord {
  let face: ResolutionRecord['face'] = null;
  if (row.face !== null) {
    if (row.face.length % 4 !== 0 || row.face_quality === null) {
      throw new StoredRecordError(row.key, 'face template or quality is malformed');
    }
    face = { template: readFloat32(row.face, 0, row.face.length / 4), quality: row.face_quality };
  }
  return { ...row.biographic, face, fingers: unpackFingers(row.key, row.fingers) };
}
