export { decodeTemplate } from '@mosaic/validation';
import { REGION_GROUPS, type RegionGroup } from './names/name-types';
import type { SynthOptions } from './options';
import { deriveSeed, Rng } from './rng';

export const FACE_DIMENSIONS = 512;
export const FINGER_DIMENSIONS = 256;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Scales `v` to unit length in place. */
export function normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += (v[i] as number) * (v[i] as number);
  const inv = 1 / Math.sqrt(sum);
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) * inv;
  return v;
}

/** Dot product of two unit vectors; unrolled by four, as evaluations call it millions of times. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  let d3 = 0;
  const n = a.length - (a.length % 4);
  let i = 0;
  for (; i < n; i += 4) {
    d0 += (a[i] as number) * (b[i] as number);
    d1 += (a[i + 1] as number) * (b[i + 1] as number);
    d2 += (a[i + 2] as number) * (b[i + 2] as number);
    d3 += (a[i + 3] as number) * (b[i + 3] as number);
  }
  for (; i < a.length; i++) d0 += (a[i] as number) * (b[i] as number);
  return d0 + d1 + d2 + d3;
}

function randomUnit(rng: Rng, dimensions: number): Float32Array {
  const v = new Float32Array(dimensions);
  for (let i = 0; i < dimensions; i++) v[i] = rng.gaussian();
  return normalize(v);
}

/** Base64 of the vector as little-endian float32, the transport form of a template. */
export function encodeTemplate(v: Float32Array): string {
  if (LITTLE_ENDIAN) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  const bytes = Buffer.alloc(v.length * 4);
  for (let i = 0; i < v.length; i++) bytes.writeFloatLE(v[i] as number, i * 4);
  return bytes.toString('base64');
}

/** The latent biometric identity of one person; captures are noisy views of it. */
export interface FaceLatent {
  base: Float32Array;
  /** Direction the face ages towards, per person. */
  drift: Float32Array;
  /** Date (ms) at which `base` is the face. */
  anchorTime: number;
  /** Years of drift applied per year of age difference (faster in childhood). */
  birthTime: number;
}

const MS_PER_YEAR = 365.25 * 24 * 3600 * 1000;

/**
 * Generates latent faces and fingers and their noisy captures.
 *
 * A face latent is `√s·c_g + √(1−s)·u` with `c_g` a fixed centroid per region
 * group and `u` random: the shared part `s` raises within-group impostor
 * scores, which is how a false-match rate comes to differ between groups at a
 * fixed threshold. A capture adds Gaussian noise whose size grows as quality
 * falls (and per group), after drifting the latent with the years between the
 * anchor date and the capture. Fingers are independent per position and carry
 * no group component.
 */
export class TemplateModel {
  private readonly centroids: ReadonlyMap<RegionGroup, Float32Array>;

  constructor(private readonly options: SynthOptions) {
    const rng = new Rng(deriveSeed(options.seed, 0x7e3c));
    this.centroids = new Map(REGION_GROUPS.map((g) => [g, randomUnit(rng, FACE_DIMENSIONS)]));
  }

  faceLatent(rng: Rng, group: RegionGroup, birthTime: number, anchorTime: number): FaceLatent {
    const similarity = this.options.face.groups[group].similarity;
    const centroid = this.centroids.get(group) as Float32Array;
    const own = randomUnit(rng, FACE_DIMENSIONS);
    const a = Math.sqrt(similarity);
    const b = Math.sqrt(1 - similarity);
    const base = new Float32Array(FACE_DIMENSIONS);
    for (let i = 0; i < FACE_DIMENSIONS; i++)
      base[i] = a * (centroid[i] as number) + b * (own[i] as number);
    return {
      base: normalize(base),
      drift: randomUnit(rng, FACE_DIMENSIONS),
      anchorTime,
      birthTime,
    };
  }

  /** A face close to `original` (twin or lookalike): same group, small independent offset. */
  relatedFaceLatent(
    rng: Rng,
    original: FaceLatent,
    distance: number,
    birthTime: number,
  ): FaceLatent {
    const offset = randomUnit(rng, FACE_DIMENSIONS);
    const base = new Float32Array(FACE_DIMENSIONS);
    for (let i = 0; i < FACE_DIMENSIONS; i++) {
      base[i] = (original.base[i] as number) + distance * (offset[i] as number);
    }
    return {
      base: normalize(base),
      drift: randomUnit(rng, FACE_DIMENSIONS),
      anchorTime: original.anchorTime,
      birthTime,
    };
  }

  faceQuality(rng: Rng): number {
    const { a, b } = this.options.face.qualityBeta;
    return round3(rng.beta(a, b));
  }

  captureFace(
    rng: Rng,
    latent: FaceLatent,
    group: RegionGroup,
    quality: number,
    at: number,
  ): Float32Array {
    const face = this.options.face;
    const noise =
      this.noiseFor(quality, face.noiseAtBestQuality, face.noiseAtWorstQuality, face.noiseCurve) *
      face.groups[group].noiseScale;
    const years = this.driftYears(latent, at);
    const scale = noise / Math.sqrt(FACE_DIMENSIONS);
    const v = new Float32Array(FACE_DIMENSIONS);
    for (let i = 0; i < FACE_DIMENSIONS; i++) {
      v[i] =
        (latent.base[i] as number) +
        years * face.driftPerYear * (latent.drift[i] as number) +
        scale * rng.gaussian();
    }
    return normalize(v);
  }

  fingerLatents(rng: Rng): Float32Array[] {
    return Array.from({ length: 10 }, () => randomUnit(rng, FINGER_DIMENSIONS));
  }

  fingerQuality(rng: Rng): number {
    const { a, b } = this.options.finger.qualityBeta;
    return round3(rng.beta(a, b));
  }

  captureFinger(rng: Rng, latent: Float32Array, quality: number): Float32Array {
    const finger = this.options.finger;
    const noise = this.noiseFor(
      quality,
      finger.noiseAtBestQuality,
      finger.noiseAtWorstQuality,
      finger.noiseCurve,
    );
    const scale = noise / Math.sqrt(FINGER_DIMENSIONS);
    const v = new Float32Array(FINGER_DIMENSIONS);
    for (let i = 0; i < FINGER_DIMENSIONS; i++)
      v[i] = (latent[i] as number) + scale * rng.gaussian();
    return normalize(v);
  }

  private noiseFor(quality: number, best: number, worst: number, curve: number): number {
    return best + (worst - best) * Math.pow(1 - quality, curve);
  }

  /**
   * Effective ageing from the anchor to the capture (negative before it); a
   * child's face changes about three times as fast as an adult's.
   */
  private driftYears(latent: FaceLatent, at: number): number {
    const from = Math.min(latent.anchorTime, at);
    const to = Math.max(latent.anchorTime, at);
    const adultFrom = latent.birthTime + 16 * MS_PER_YEAR;
    const childYears = Math.max(0, Math.min(to, adultFrom) - from) / MS_PER_YEAR;
    const adultYears = Math.max(0, to - Math.max(from, adultFrom)) / MS_PER_YEAR;
    const years = 3 * childYears + adultYears;
    return at < latent.anchorTime ? -years : years;
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
