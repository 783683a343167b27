import { describeAuditLogContract } from './audit-log.contract';

describeAuditLogContract('embedded PGlite', {
  database: async () => ({ kind: 'pglite', dataDir: 'memory://' }),
});
