import 'reflect-metadata';
import { runServiceMain, startService, type RunningService } from '@mosaic/service-kit';
import { SeizureAppModule } from './app.module';
import { loadSeizureConfig } from './config/seizure.config';

export async function startSeizure(
  env: Record<string, string | undefined> = process.env,
): Promise<RunningService> {
  const config = loadSeizureConfig(env);
  return startService(SeizureAppModule.register(config), config);
}

if (require.main === module) runServiceMain(() => startSeizure());
