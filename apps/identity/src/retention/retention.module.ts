import { Module, type DynamicModule } from '@nestjs/common';
import type { IdentityConfig } from '../config/identity.config';
import { RemovePurgedRecordsUseCase } from './remove-purged-records.use-case';
import { RetentionConsumer } from './retention.consumer';
import { RETENTION_IDENTITY_CONFIG } from './retention.tokens';

/**
 * Applies the sources' retention purges to identity: consumes
 * `retention.tombstone.v1` and removes the purged records from records,
 * persons, links, decisions and the resolution module's candidate index.
 */
@Module({})
export class RetentionModule {
  static register(config: IdentityConfig, resolution: DynamicModule): DynamicModule {
    return {
      module: RetentionModule,
      imports: [resolution],
      providers: [
        { provide: RETENTION_IDENTITY_CONFIG, useValue: config },
        RemovePurgedRecordsUseCase,
        RetentionConsumer,
      ],
      exports: [RetentionConsumer, RemovePurgedRecordsUseCase],
    };
  }
}
