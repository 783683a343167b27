import 'reflect-metadata';
import { runServiceMain, startService, type RunningService } from '@mosaic/service-kit';
import { TravelAppModule } from './app.module';
import { loadTravelConfig } from './config/travel.config';

export async function startTravel(
  env: Record<string, string | undefined> = process.env,
): Promise<RunningService> {
  const config = loadTravelConfig(env);
  return startService(TravelAppModule.register(config), config);
}

if (require.main === module) runServiceMain(() => startTravel());
