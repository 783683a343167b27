import 'reflect-metadata';
import { runServiceMain, startService, type RunningService } from '@mosaic/service-kit';
import { GatewayAppModule } from './app.module';
import { loadGatewayConfig } from './config/gateway.config';
import { loadSupergraph } from './supergraph/supergraph';

export async function startGateway(
  env: Record<string, string | undefined> = process.env,
): Promise<RunningService> {
  const config = loadGatewayConfig(env);
  const supergraph = await loadSupergraph(config);
  return startService(GatewayAppModule.register(config, supergraph), config);
}

if (require.main === module) runServiceMain(() => startGateway());
