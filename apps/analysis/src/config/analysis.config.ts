import { loadServiceConfig, z, type ServiceConfig, type ServiceDefinition } from '@mosaic/config';

const unset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const analysisVariables = {
  /** Consumer group of the read-model projection. */
  MOSAIC_ANALYSIS_CONSUMER_GROUP: z.preprocess(
    unset,
    z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be 1–100 letters, digits, . _ -')
      .default('analysis-projection'),
  ),
  /** Most events applied to the read model in one transaction. */
  MOSAIC_ANALYSIS_BATCH_SIZE: z.preprocess(
    unset,
    z.coerce
      .number({ error: 'MOSAIC_ANALYSIS_BATCH_SIZE must be a number' })
      .int('must be an integer')
      .min(1, 'must be at least 1')
      .max(10_000, 'must be at most 10000')
      .default(500),
  ),
  /** Infra mode: the search engine index of the person search documents. */
  MOSAIC_ANALYSIS_SEARCH_INDEX: z.preprocess(
    unset,
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,100}$/, 'must be a lower-case search engine index name')
      .default('mosaic-persons'),
  ),
};

/** Person search and link analysis read models: the analysis subgraph. */
export const analysisService: ServiceDefinition<typeof analysisVariables> = {
  name: 'analysis',
  defaultPort: 4105,
  needs: { database: true, bus: true, search: true, auth: true },
  extra: analysisVariables,
};

export type AnalysisConfig = ServiceConfig<z.infer<z.ZodObject<typeof analysisVariables>>>;

export const loadAnalysisConfig = (
  env: Record<string, string | undefined> = process.env,
): AnalysisConfig => loadServiceConfig(analysisService, env);
