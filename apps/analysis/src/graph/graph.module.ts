import { Module, type DynamicModule } from '@nestjs/common';
import type { AnalysisConfig } from '../config/analysis.config';

@Module({})
export class GraphModule {
  static register(_config: AnalysisConfig): DynamicModule {
    return { module: GraphModule };
  }
}
