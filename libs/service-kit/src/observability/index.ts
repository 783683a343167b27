export * from './graphql-observability';
export * from './logging';
export * from './metrics';
export * from './metrics.controller';
export * from './platform-metrics';
export * from './request-logging';
