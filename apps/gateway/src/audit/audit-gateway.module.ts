import { Module } from '@nestjs/common';
import { AuditLog } from '@mosaic/audit-data';
import { SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource } from 'typeorm';
import { AuditGraphQLDataSource } from './audit.data-source';

/** The gateway's audit log, on its own database (`audit`, SERVICE_DATA_SOURCE). */
export const AUDIT_LOG = Symbol('AUDIT_LOG');
/** The audit subgraph's data source, for the gateway's `buildService`. */
export const AUDIT_DATA_SOURCE = Symbol('AUDIT_DATA_SOURCE');

@Module({
  providers: [
    {
      provide: AUDIT_LOG,
      inject: [SERVICE_DATA_SOURCE],
      useFactory: (dataSource: DataSource) => new AuditLog(dataSource),
    },
    {
      provide: AUDIT_DATA_SOURCE,
      inject: [AUDIT_LOG],
      useFactory: (auditLog: AuditLog) => new AuditGraphQLDataSource(auditLog),
    },
  ],
  exports: [AUDIT_LOG, AUDIT_DATA_SOURCE],
})
export class AuditGatewayModule {}
