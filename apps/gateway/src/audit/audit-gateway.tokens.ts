/** The gateway's audit log, on its own database (`audit`, SERVICE_DATA_SOURCE). */
export const AUDIT_LOG = Symbol('AUDIT_LOG');
/** The audit subgraph's data source, for the gateway's `buildService`. */
export const AUDIT_DATA_SOURCE = Symbol('AUDIT_DATA_SOURCE');
