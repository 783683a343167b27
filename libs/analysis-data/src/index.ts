export { analysisEntities, analysisMigrations } from './analysis-data';
export { CreateAnalysisReadModel1764500000000 } from './migrations/1764500000000-create-analysis-read-model';
