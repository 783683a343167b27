export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const EVENT_BUS = Symbol('EVENT_BUS');
export const SERVICE_DATA_SOURCE = Symbol('SERVICE_DATA_SOURCE');
export const SEARCH_CLIENT = Symbol('SEARCH_CLIENT');
/** Optional `HealthCheck[]` a service adds to `/health` (e.g. the gateway's subgraphs). */
export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');
/** The service's ServiceMetrics (its Prometheus registry). */
export const SERVICE_METRICS = Symbol('SERVICE_METRICS');
/** The service's pino logger (`service` on every line, the configured level). */
export const SERVICE_LOGGER = Symbol('SERVICE_LOGGER');
