export { CreateQuarantine1764200000001 } from './migrations/1764200000001-create-quarantine';
export {
  importNdjson,
  RecordConflictError,
  quarantine,
  type ImportProgress,
  type ImportReport,
  type NdjsonImportOptions,
  type RecordSink,
} from './ndjson-import';
export { purgeQuarantine } from './quarantine-purge';
export { QuarantinedRecord } from './quarantined-record.entity';
