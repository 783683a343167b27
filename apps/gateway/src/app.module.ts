import { ApolloGatewayDriver, type ApolloGatewayDriverConfig } from '@nestjs/apollo';
import {
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ServiceModule } from '@mosaic/service-kit';
import type { GatewayConfig } from './config/gateway.config';
import { gatewayGraphQLOptions } from './gateway-graphql';
import { AUTHENTICATOR, type Authenticator } from './request/authenticator';
import { RequestIdMiddleware } from './request/request-id.middleware';
import { RequestModule } from './request/request.module';
import type { Supergraph } from './supergraph/supergraph';
import { SubgraphHealthModule } from './supergraph/subgraph-health.module';

@Module({})
export class GatewayAppModule implements NestModule {
  /** `supergraph`: read by loadSupergraph before the app is built, so a bad file fails plainly. */
  static register(config: GatewayConfig, supergraph: Supergraph): DynamicModule {
    return {
      module: GatewayAppModule,
      imports: [
        ServiceModule.forRoot({ config }),
        // /health reports each subgraph as well.
        SubgraphHealthModule.register(supergraph.subgraphs),
        GraphQLModule.forRootAsync<ApolloGatewayDriverConfig>({
          driver: ApolloGatewayDriver,
          imports: [RequestModule],
          inject: [AUTHENTICATOR],
          useFactory: (authenticator: Authenticator) =>
            gatewayGraphQLOptions(config, supergraph, authenticator),
        }),
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestIdMiddleware).forRoutes('*');
  }
}
