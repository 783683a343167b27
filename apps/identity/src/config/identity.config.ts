import { loadServiceConfig, type ServiceDefinition } from '@mosaic/config';

/** Resolution of source records into persons: the identity subgraph. */
export const identityService: ServiceDefinition = {
  name: 'identity',
  defaultPort: 4104,
  needs: { database: true, bus: true, search: false },
};

export const loadIdentityConfig = (env: Record<string, string | undefined> = process.env) =>
  loadServiceConfig(identityService, env);
