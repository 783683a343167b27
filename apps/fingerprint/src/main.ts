import 'reflect-metadata';
import { runServiceMain, startService, type RunningService } from '@mosaic/service-kit';
import { FingerprintAppModule } from './app.module';
import { loadFingerprintConfig } from './config/fingerprint.config';

export async function startFingerprint(
  env: Record<string, string | undefined> = process.env,
): Promise<RunningService> {
  const config = loadFingerprintConfig(env);
  return startService(FingerprintAppModule.register(config), config);
}

if (require.main === module) runServiceMain(() => startFingerprint());
