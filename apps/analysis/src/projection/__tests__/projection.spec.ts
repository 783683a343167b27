import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeEmbeddedBus } from '@mosaic/service-kit';
import { loadAnalysisConfig } from '../../config/analysis.config';
import { describeProjection } from './projection.contract';

const dataDir = mkdtempSync(join(tmpdir(), 'mosaic-analysis-projection-'));

describeProjection({
  mode: 'embedded: PGlite, in-process bus',
  idPrefix: '',
  deadLetterGroup: 'analysis-projection-test-dlq',
  config: async () =>
    loadAnalysisConfig({ MOSAIC_DATA_DIR: dataDir, MOSAIC_ANALYSIS_BATCH_SIZE: '50' }),
  teardown: async () => {
    await closeEmbeddedBus();
    rmSync(dataDir, { recursive: true, force: true });
  },
});
