import { loadServiceConfig, type ServiceDefinition } from '@mosaic/config';

/** Fingerprint enrollments: the fingerprint source subgraph. */
export const fingerprintService: ServiceDefinition = {
  name: 'fingerprint',
  defaultPort: 4103,
  needs: { database: true, bus: true, search: false },
};

export const loadFingerprintConfig = (env: Record<string, string | undefined> = process.env) =>
  loadServiceConfig(fingerprintService, env);
