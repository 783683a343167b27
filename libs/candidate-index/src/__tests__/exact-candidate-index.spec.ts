import { ExactCandidateIndex } from '@mosaic/resolution';
import { describeCandidateIndexContract } from '..';

// The exhaustive reference index lives with the pure engine; it is held to the same contract.
describeCandidateIndexContract('exact search (reference)', {
  create: async () => new ExactCandidateIndex({ face: 64, finger: 32 }),
  dimensions: { face: 64, finger: 32 },
});
