import { loadServiceConfig, type ServiceDefinition } from '@mosaic/config';

/** Seizure and apprehension cases: the seizure source subgraph. */
export const seizureService: ServiceDefinition = {
  name: 'seizure',
  defaultPort: 4102,
  needs: { database: true, bus: true, search: false },
};

export const loadSeizureConfig = (env: Record<string, string | undefined> = process.env) =>
  loadServiceConfig(seizureService, env);
