import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import type { AnalysisConfig } from '../config/analysis.config';
import { ApplyReadModelBatchUseCase } from './apply-read-model-batch.use-case';
import { ProjectionConsumer } from './projection.consumer';
import { PROJECTION_CONFIG } from './projection.tokens';

export interface ProjectionModuleOptions {
  /** Modules whose exports the projection may use, e.g. one providing READ_MODEL_LISTENERS. */
  imports?: ModuleMetadata['imports'];
}

/**
 * Projects source and identity events into the analysis read model (records,
 * identifiers, persons, memberships) and tells READ_MODEL_LISTENERS, if any
 * are provided, which persons each batch changed.
 */
@Module({})
export class ProjectionModule {
  static register(config: AnalysisConfig, options: ProjectionModuleOptions = {}): DynamicModule {
    return {
      module: ProjectionModule,
      imports: options.imports ?? [],
      providers: [
        { provide: PROJECTION_CONFIG, useValue: config },
        ApplyReadModelBatchUseCase,
        ProjectionConsumer,
      ],
      exports: [ProjectionConsumer, ApplyReadModelBatchUseCase],
    };
  }
}
