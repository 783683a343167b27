export * from './bootstrap';
export * from './health.controller';
export * from './service.module';
export * from './shared-bus';
export * from './tokens';
export * from './outbox-relay.service';
export * from './subgraph';
export * from './graphql-errors';
