import { createHash } from 'node:crypto';
import type { BiometricCalibration } from '../biometric/calibration';
import type { FellegiSunterModel } from './fellegi-sunter';

/**
 * Everything the resolver scores with, versioned as one unit: the biographic
 * Fellegi–Sunter model and the biometric calibrations. Decisions store the
 * version they were made with.
 */
export interface ResolutionModel {
  /** `rm-` + the first 16 hex digits of the content hash: equal models, equal versions. */
  version: string;
  biographic: FellegiSunterModel;
  face: BiometricCalibration | null;
  /** Calibration of a single finger position; positions are fused by summing LLRs. */
  finger: BiometricCalibration | null;
  /** Captures under these qualities are not compared; the record is resolved on the rest and flagged. */
  qualityFloor: { face: number; finger: number };
}

export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function contentVersion(prefix: string, content: unknown): string {
  return `${prefix}-${createHash('sha256').update(stableStringify(content)).digest('hex').slice(0, 16)}`;
}

export function versionModel(model: Omit<ResolutionModel, 'version'>): ResolutionModel {
  return { ...model, version: contentVersion('rm', model) };
}
