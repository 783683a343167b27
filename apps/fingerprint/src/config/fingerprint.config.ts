import { loadServiceConfig } from '@mosaic/config';
import { fingerprintService } from '@mosaic/fingerprint-data';

export { fingerprintService };

export const loadFingerprintConfig = (env: Record<string, string | undefined> = process.env) =>
  loadServiceConfig(fingerprintService, env);
