import { loadServiceConfig, type ServiceDefinition } from '@mosaic/config';

/** Traveler photo encounters at ports: the travel source subgraph. */
export const travelService: ServiceDefinition = {
  name: 'travel',
  defaultPort: 4101,
  needs: { database: true, bus: true, search: false },
};

export const loadTravelConfig = (env: Record<string, string | undefined> = process.env) =>
  loadServiceConfig(travelService, env);
