import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeEmbeddedBus } from '@mosaic/service-kit';
import { loadIdentityConfig } from '../../config/identity.config';
import { describePersonSubgraph } from './person-subgraph.contract';

const dataDir = mkdtempSync(join(tmpdir(), 'mosaic-identity-graph-'));

describePersonSubgraph({
  mode: 'embedded: PGlite, pgvector, in-process bus',
  idPrefix: '',
  config: async () => loadIdentityConfig({ MOSAIC_DATA_DIR: dataDir }),
  teardown: async () => {
    await closeEmbeddedBus();
    rmSync(dataDir, { recursive: true, force: true });
  },
});
