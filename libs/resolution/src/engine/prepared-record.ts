import type { RecordFeatures } from '../features';
import type { ResolutionModel } from '../model/resolution-model';

/**
 * A record ready for comparison: its features plus only the biometric captures
 * good enough to compare. A capture under the quality floor is kept out and
 * the record is flagged, so it is resolved on the remaining evidence.
 */
export interface PreparedRecord {
  features: RecordFeatures;
  face: Float32Array | null;
  /** Usable finger templates by position 1–10 (index 0 unused). */
  fingers: (Float32Array | null)[];
  fingerQualities: number[];
  flags: string[];
}

export function prepareRecord(features: RecordFeatures, model: ResolutionModel): PreparedRecord {
  const { record } = features;
  const flags: string[] = [];
  let face: Float32Array | null = null;
  if (record.face) {
    if (record.face.quality >= model.qualityFloor.face) face = record.face.template;
    else flags.push('FACE_BELOW_QUALITY_FLOOR');
  }
  const fingers: (Float32Array | null)[] = new Array<Float32Array | null>(11).fill(null);
  const fingerQualities = new Array<number>(11).fill(0);
  let dropped = 0;
  for (const finger of record.fingers) {
    if (finger.position < 1 || finger.position > 10) continue;
    if (finger.quality >= model.qualityFloor.finger) {
      fingers[finger.position] = finger.template;
      fingerQualities[finger.position] = finger.quality;
    } else dropped += 1;
  }
  if (dropped > 0) flags.push(`FINGERS_BELOW_QUALITY_FLOOR:${dropped}`);
  return { features, face, fingers, fingerQualities, flags };
}

/** The best-quality positions a search should use (AFIS practice: a few good fingers, not all ten). */
export function searchPositions(record: PreparedRecord, count: number): number[] {
  const positions: number[] = [];
  for (let p = 1; p <= 10; p++) if (record.fingers[p]) positions.push(p);
  positions.sort(
    (x, y) =>
      (record.fingerQualities[y] as number) - (record.fingerQualities[x] as number) || x - y,
  );
  return positions.slice(0, count);
}
