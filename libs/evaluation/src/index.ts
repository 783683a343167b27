export { bcubedMetrics, clusteringAgreement, type BcubedMetrics } from './bcubed-metrics';
export type { Coverage } from './contingency';
export { renderDetChart, type DetChartCurve, type DetChartOptions } from './det-chart';
export {
  detCurve,
  errorRates,
  type DetPoint,
  type ErrorRates,
  type ScoredTrial,
  type ScoreSets,
} from './error-rates';
export {
  groupErrorRates,
  type GroupErrorRates,
  type GroupRates,
  type GroupTrial,
  type RatioExclusion,
  type RatioExclusionReason,
} from './group-error-rates';
export { renderGroupRatesChart, type GroupRatesChartOptions } from './group-rates-chart';
export {
  linkOutcomeShares,
  type ClusteringPairCounts,
  type LinkOutcomeInput,
  type LinkOutcomeShares,
} from './link-outcome-shares';
export { pairwiseMetrics, type PairwiseMetrics } from './pairwise-metrics';
export { wilsonInterval, Z_95 } from './wilson-interval';
export {
  blockRecords,
  calibrationScores,
  DEFAULT_QUALITY_FLOOR,
  emptyTruth,
  syntheticBootstrapModel,
  trainWithSyntheticCalibration,
  syntheticRecords,
  type GroundTruth,
} from './synthetic-records';
export {
  sharedDocumentPairs,
  syntheticDocumentAnchorCalibration,
} from './document-anchor-calibration';
export {
  cohensKappa,
  DEFAULT_REVIEWER_ERROR_RATE,
  DEFAULT_SUPERVISOR_ERROR_RATE,
  reviewPriority,
  simulateReview,
  type ReviewQueueItem,
  type ReviewSimulationOptions,
  type ReviewSimulationResult,
  type ReviewVerdict,
} from './review-simulation';
export { renderTruePairsChart, type TruePairsRow } from './true-pairs-chart';
