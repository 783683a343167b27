import { Module } from '@nestjs/common';
import { AuditLog } from '@mosaic/audit-data';
import { SERVICE_CONFIG, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource } from 'typeorm';
import type { GatewayConfig } from '../config/gateway.config';
import { AuditGraphQLDataSource } from './audit.data-source';
import { AUDIT_DATA_SOURCE, AUDIT_LOG } from './audit-gateway.tokens';
import { AuditPublication, publishedCopyOf } from './audit-publication';

export { AUDIT_DATA_SOURCE, AUDIT_LOG } from './audit-gateway.tokens';

@Module({
  providers: [
    {
      provide: AUDIT_LOG,
      inject: [SERVICE_DATA_SOURCE],
      useFactory: (dataSource: DataSource) => new AuditLog(dataSource),
    },
    {
      provide: AUDIT_DATA_SOURCE,
      inject: [AUDIT_LOG, SERVICE_CONFIG],
      useFactory: (auditLog: AuditLog, config: GatewayConfig) =>
        new AuditGraphQLDataSource(auditLog, { publishedCopy: publishedCopyOf(config) }),
    },
    AuditPublication,
  ],
  exports: [AUDIT_LOG, AUDIT_DATA_SOURCE],
})
export class AuditGatewayModule {}
