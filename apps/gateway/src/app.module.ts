import { ApolloGatewayDriver, type ApolloGatewayDriverConfig } from '@nestjs/apollo';
import {
  Inject,
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { auditEntities, auditMigrations, type AuditLog } from '@mosaic/audit-data';
import {
  graphqlObservabilityPlugin,
  SERVICE_LOGGER,
  SERVICE_METRICS,
  ServiceModule,
  type ServiceMetrics,
} from '@mosaic/service-kit';
import type { Logger } from 'pino';
import {
  AUDIT_DATA_SOURCE,
  AUDIT_LOG,
  AUDIT_SUBGRAPH_NAME,
  AuditGatewayModule,
  auditPlugin,
  type AuditGraphQLDataSource,
} from './audit';
import type { GatewayConfig } from './config/gateway.config';
import { gatewayGraphQLOptions } from './gateway-graphql';
import { AUTHENTICATOR, type Authenticator } from './request/authenticator';
import { corsMiddleware } from './request/cors.middleware';
import type { GatewayContext } from './request/gateway-context';
import { auditedByPluginMarker } from './request/refusal-audit';
import { RefusalAuditMiddleware, RefusalAuditModule } from './request/refusal-audit.module';
import { RequestModule } from './request/request.module';
import { RequestIdMiddleware } from './request/request-id.middleware';
import type { Supergraph } from './supergraph/supergraph';
import { SubgraphHealthModule } from './supergraph/subgraph-health.module';

/** The browser origins the gateway's CORS allows (MOSAIC_GATEWAY_CORS_ORIGINS). */
const CORS_ORIGINS = Symbol('CORS_ORIGINS');

export interface GatewayAppOptions {
  /** The audit log's clock (tests inject one); defaults to the system clock. */
  clock?: () => Date;
}

@Module({})
export class GatewayAppModule implements NestModule {
  /** `supergraph`: read by loadSupergraph before the app is built, so a bad file fails plainly. */
  static register(
    config: GatewayConfig,
    supergraph: Supergraph,
    options: GatewayAppOptions = {},
  ): DynamicModule {
    const clock = options.clock ?? (() => new Date());
    return {
      module: GatewayAppModule,
      providers: [{ provide: CORS_ORIGINS, useValue: config.extra.MOSAIC_GATEWAY_CORS_ORIGINS }],
      imports: [
        // The audit database; its outbox relay publishes audit.access.v1.
        ServiceModule.forRoot({
          config,
          entities: auditEntities,
          migrations: auditMigrations,
          outbox: true,
        }),
        // Requests refused before GraphQL ran are audited too (aggregated per address).
        RefusalAuditModule.register(clock, config.extra.MOSAIC_GATEWAY_REFUSAL_AUDIT_WINDOW_MS),
        // /health reports each subgraph as well.
        SubgraphHealthModule.register(supergraph.subgraphs),
        GraphQLModule.forRootAsync<ApolloGatewayDriverConfig>({
          driver: ApolloGatewayDriver,
          imports: [RequestModule, AuditGatewayModule],
          inject: [AUTHENTICATOR, AUDIT_LOG, AUDIT_DATA_SOURCE, SERVICE_METRICS, SERVICE_LOGGER],
          useFactory: (
            authenticator: Authenticator,
            auditLog: AuditLog,
            auditDataSource: AuditGraphQLDataSource,
            metrics: ServiceMetrics,
            log: Logger,
          ) =>
            gatewayGraphQLOptions(config, supergraph, authenticator, {
              plugins: [
                graphqlObservabilityPlugin(metrics, log),
                auditedByPluginMarker(),
                auditPlugin<GatewayContext>({ auditLog, clock }),
              ],
              localSubgraphs: new Map([[AUDIT_SUBGRAPH_NAME, auditDataSource]]),
              audit: { auditLog, clock },
              metrics,
            }),
        }),
      ],
    };
  }

  constructor(@Inject(CORS_ORIGINS) private readonly corsOrigins: readonly string[]) {}

  configure(consumer: MiddlewareConsumer): void {
    // CORS first: a preflight is answered before anything audits or refuses it.
    consumer.apply(corsMiddleware(new Set(this.corsOrigins))).forRoutes('*');
    consumer.apply(RequestIdMiddleware, RefusalAuditMiddleware).forRoutes('*');
  }
}
