export * from './data-source';
export * from './embedded-database';
export {
  EMBEDDED_DATABASE_LOCK_FILE,
  EmbeddedDatabaseLockedError,
  EmbeddedDatabaseLockError,
  embeddedDatabaseHolder,
  lockEmbeddedDatabase,
  type EmbeddedDatabaseHolder,
  type EmbeddedDatabaseLock,
} from './embedded-database-lock';
export { PGlitePool, pgliteDriverModule } from './pglite-pool';
export { countQueries, isBackgroundStatement, isRequestRead, QueryCounter } from './query-counter';
