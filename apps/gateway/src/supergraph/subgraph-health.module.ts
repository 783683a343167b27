import { Module, type DynamicModule } from '@nestjs/common';
import { HEALTH_CHECKS } from '@mosaic/service-kit';
import { subgraphHealthChecks } from './subgraph-health';
import type { SubgraphEndpoint } from './supergraph';

/**
 * One `/health` check per subgraph. Global, because ServiceModule's health
 * controller looks HEALTH_CHECKS up from its own module.
 */
@Module({})
export class SubgraphHealthModule {
  static register(subgraphs: readonly SubgraphEndpoint[]): DynamicModule {
    return {
      module: SubgraphHealthModule,
      global: true,
      providers: [{ provide: HEALTH_CHECKS, useValue: subgraphHealthChecks(subgraphs) }],
      exports: [HEALTH_CHECKS],
    };
  }
}
