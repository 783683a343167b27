export * from './data-source';
export * from './embedded-database';
export { PGlitePool, pgliteDriverModule } from './pglite-pool';
export { countQueries, isBackgroundStatement, isRequestRead, QueryCounter } from './query-counter';
