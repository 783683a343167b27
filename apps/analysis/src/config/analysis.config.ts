import { loadServiceConfig, type ServiceDefinition } from '@mosaic/config';

/** Person search and link analysis read models: the analysis subgraph. */
export const analysisService: ServiceDefinition = {
  name: 'analysis',
  defaultPort: 4105,
  needs: { database: true, bus: true, search: true },
};

export const loadAnalysisConfig = (env: Record<string, string | undefined> = process.env) =>
  loadServiceConfig(analysisService, env);
