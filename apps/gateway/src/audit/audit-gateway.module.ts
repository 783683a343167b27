import { Module } from '@nestjs/common';
import type { AuditLog } from '@mosaic/audit-data';
import {
  SERVICE_CONFIG,
  SERVICE_DATA_SOURCE,
  SERVICE_METRICS,
  type ServiceMetrics,
} from '@mosaic/service-kit';
import type { DataSource } from 'typeorm';
import type { GatewayConfig } from '../config/gateway.config';
import { AuditGraphQLDataSource } from './audit.data-source';
import { AUDIT_DATA_SOURCE, AUDIT_LOG } from './audit-gateway.tokens';
import { AuditPublication, publishedCopyOf } from './audit-publication';
import { MeteredAuditLog } from './metered-audit-log';

export { AUDIT_DATA_SOURCE, AUDIT_LOG } from './audit-gateway.tokens';

@Module({
  providers: [
    {
      provide: AUDIT_LOG,
      inject: [SERVICE_DATA_SOURCE, SERVICE_METRICS],
      useFactory: (dataSource: DataSource, metrics: ServiceMetrics) =>
        new MeteredAuditLog(dataSource, metrics),
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
