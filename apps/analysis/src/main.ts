import 'reflect-metadata';
import { runServiceMain, startService, type RunningService } from '@mosaic/service-kit';
import { AnalysisAppModule } from './app.module';
import { loadAnalysisConfig } from './config/analysis.config';

export async function startAnalysis(
  env: Record<string, string | undefined> = process.env,
): Promise<RunningService> {
  const config = loadAnalysisConfig(env);
  return startService(AnalysisAppModule.register(config), config);
}

if (require.main === module) runServiceMain(() => startAnalysis());
