import {
  DEFAULT_CANDIDATE_DIMENSIONS,
  describeCandidateIndexContract,
  InMemoryCandidateIndex,
} from '..';

describeCandidateIndexContract('in-memory usearch (in-process engine)', {
  create: async () => new InMemoryCandidateIndex(),
  dimensions: DEFAULT_CANDIDATE_DIMENSIONS,
});
