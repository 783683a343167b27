import { CreateAnalysisReadModel1764500000000 } from './migrations/1764500000000-create-analysis-read-model';
import { MembershipState1764500000100 } from './migrations/1764500000100-membership-state';
import { PersonSearchIndexes1764510000000 } from './migrations/1764510000000-person-search-indexes';
import { MembershipStateEvents1764610000000 } from './migrations/1764610000000-membership-state-events';

/** The analysis database holds read models only: raw SQL, no TypeORM entities. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const analysisEntities: Function[] = [];

export const analysisMigrations = [
  CreateAnalysisReadModel1764500000000,
  MembershipState1764500000100,
  PersonSearchIndexes1764510000000,
  MembershipStateEvents1764610000000,
];
