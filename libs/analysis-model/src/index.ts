export * from './analysis-record';
export * from './person-search';
export * from './link-graph';
