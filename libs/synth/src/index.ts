export { blockCount, generateBlocks, type SynthBlock } from './generator';
export {
  DEFAULT_SYNTH_OPTIONS,
  resolveSynthOptions,
  SynthOptionsError,
  synthOptionsSchema,
  type SynthOptionIssue,
  type SynthOptions,
} from './options';
export { REGION_GROUPS, type RegionGroup } from './names/name-types';
export type * from './record-types';
export type { CaptureSample } from './records';
export {
  fusedFingerScore,
  histogram,
  operatingPoint,
  pooledImpostors,
  rateAtOrAbove,
  scoreSamples,
  thresholdAtFmr,
  type Histogram,
  type Modality,
  type OperatingPoint,
  type ScoreSet,
} from './score-stats';
export {
  cosine,
  decodeTemplate,
  encodeTemplate,
  FACE_DIMENSIONS,
  FINGER_DIMENSIONS,
} from './templates';
export { deriveSeed, Rng } from './rng';
