export { analysisEntities, analysisMigrations } from './analysis-data';
export { CreateAnalysisReadModel1764500000000 } from './migrations/1764500000000-create-analysis-read-model';
export * from './projection-events';
export {
  READ_MODEL_LOCK,
  type MembershipState,
  type MembershipToWrite,
  type MovedRecord,
  type PersonToWrite,
  type RecordToWrite,
} from './projection-sql';
export * from './projection-rebuild';
export * from './projection-testing';
export * from './read-model.writer';
export { MembershipState1764500000100 } from './migrations/1764500000100-membership-state';
export {
  PgLinkGraph,
  type LinkGraphLimits,
  type PgLinkGraphOptions,
} from './link-graph/pg-link-graph';
export * from './person-search/person-search.errors';
export * from './person-search/person-document.reader';
export * from './person-search/pg-person-search';
export * from './person-search/elasticsearch-person-search';
export * from './person-search/person-search.indexer';
export { PersonSearchIndexes1764510000000 } from './migrations/1764510000000-person-search-indexes';
export { MembershipStateEvents1764610000000 } from './migrations/1764610000000-membership-state-events';
export * from './person-search/person-search.fixtures';
export {
  describePersonSearchContract,
  type PersonSearchContractTarget,
} from './person-search/person-search.contract';
export {
  clearGraphReadModel,
  seedGraphReadModel,
  syntheticGraphPopulation,
  truthPersonId,
  type GraphPopulation,
} from './link-graph/link-graph.fixtures';
