import { CreateOutbox1764200000000, OutboxMessage } from '@mosaic/outbox';
import { AuditEntryEntity } from './audit-entry.entity';
import { CreateAuditLog1764600000000 } from './migrations/1764600000000-create-audit-log';

/** The database the audit log lives in, owned by the gateway (`ServiceDefinition.database`). */
export const AUDIT_DATABASE = 'audit';

export const auditEntities = [AuditEntryEntity, OutboxMessage];
/** The outbox first: the audit migration grants the writer role its share of it. */
export const auditMigrations = [CreateOutbox1764200000000, CreateAuditLog1764600000000];
