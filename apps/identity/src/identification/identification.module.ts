import { Module, type DynamicModule } from '@nestjs/common';
import { IdentificationResolver } from './identification.resolver';
import { IdentifyUseCase } from './identify.use-case';

/** `identify`: uses the resolution module's model and candidate index. */
@Module({})
export class IdentificationModule {
  static register(resolution: DynamicModule): DynamicModule {
    return {
      module: IdentificationModule,
      imports: [resolution],
      providers: [IdentificationResolver, IdentifyUseCase],
    };
  }
}
