import 'reflect-metadata';
import { runServiceMain, startService, type RunningService } from '@mosaic/service-kit';
import { IdentityAppModule } from './app.module';
import { loadIdentityConfig } from './config/identity.config';

export async function startIdentity(
  env: Record<string, string | undefined> = process.env,
): Promise<RunningService> {
  const config = loadIdentityConfig(env);
  return startService(IdentityAppModule.register(config), config);
}

if (require.main === module) runServiceMain(() => startIdentity());
