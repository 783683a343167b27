import { Module, type DynamicModule } from '@nestjs/common';
import type { AnalysisConfig } from '../config/analysis.config';

@Module({})
export class ProjectionModule {
  static register(_config: AnalysisConfig): DynamicModule {
    return { module: ProjectionModule };
  }
}
