import { CreateAnalysisReadModel1764500000000 } from './migrations/1764500000000-create-analysis-read-model';

/** The analysis database holds read models only: raw SQL, no TypeORM entities. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const analysisEntities: Function[] = [];

export const analysisMigrations = [CreateAnalysisReadModel1764500000000];
