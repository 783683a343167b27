export { AUDIT_DATA_SOURCE, AUDIT_LOG, AuditGatewayModule } from './audit-gateway.module';
export { auditOutcome, DENIAL_CODES } from './audit-outcome';
export {
  AUDIT_UNAVAILABLE_ERROR,
  auditPlugin,
  auditRecordOf,
  type AuditedContext,
  type AuditPluginOptions,
} from './audit.plugin';
export { AuditGraphQLDataSource, auditSubgraphContext } from './audit.data-source';
export {
  AUDIT_SUBGRAPH_NAME,
  AUDIT_TYPE_DEFS,
  buildAuditSubgraphSchema,
  type AuditSubgraphContext,
  type AuditSubgraphOptions,
} from './audit-subgraph';
export { AuditPublication, publishedCopyOf, type PublishedCopy } from './audit-publication';
