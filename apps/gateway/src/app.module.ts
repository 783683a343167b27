import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@mosaic/config';
import { ServiceModule } from '@mosaic/service-kit';

@Module({})
export class GatewayAppModule {
  static register(config: ServiceConfig<unknown>): DynamicModule {
    return { module: GatewayAppModule, imports: [ServiceModule.forRoot({ config })] };
  }
}
