import 'reflect-metadata';
import { runServiceMain, startService, type RunningService } from '@mosaic/service-kit';
import { GatewayAppModule } from './app.module';
import { loadGatewayConfig } from './config/gateway.config';

export async function startGateway(
  env: Record<string, string | undefined> = process.env,
): Promise<RunningService> {
  const config = loadGatewayConfig(env);
  return startService(GatewayAppModule.register(config), config);
}

if (require.main === module) runServiceMain(() => startGateway());
