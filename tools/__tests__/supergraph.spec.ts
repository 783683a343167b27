import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'graphql';
import {
  LOCAL_SUBGRAPHS,
  loadGatewayConfig,
  subgraphUrls,
} from '../../apps/gateway/src/config/gateway.config';
import { supergraphSubgraphs } from '../../apps/gateway/src/supergraph/supergraph';
import {
  composeSupergraph,
  describeProblems,
  renderSupergraph,
  SUPERGRAPH_FILE,
  SUPERGRAPH_SUBGRAPHS,
} from '../schema/compose-supergraph';

const root = resolve(__dirname, '../..');

describe('the committed supergraph', () => {
  it('composes from the committed subgraph SDLs without errors or hints', async () => {
    const composition = await composeSupergraph();
    expect(describeProblems(composition)).toBe('');
    expect(composition.supergraph).not.toBeNull();
  });

  it('is what composing the committed subgraph SDLs gives (run npm run schema:compose if not)', async () => {
    const rendered = await renderSupergraph();
    const committed = await readFile(join(root, SUPERGRAPH_FILE), 'utf8').catch(() => '(missing)');
    expect({
      [SUPERGRAPH_FILE]:
        committed === rendered ? 'up to date' : 'stale: run npm run schema:compose',
    }).toEqual({ [SUPERGRAPH_FILE]: 'up to date' });
  });

  it('contains every subgraph of the list, and the gateway serves or has a URL variable for each', async () => {
    const committed = await readFile(join(root, SUPERGRAPH_FILE), 'utf8');
    const names = supergraphSubgraphs(parse(committed)).map((s) => s.name);
    const expected = SUPERGRAPH_SUBGRAPHS.map((s) => s.name);
    expect([...names].sort()).toEqual([...expected].sort());
    const configured = subgraphUrls(loadGatewayConfig({}));
    expect(expected.filter((name) => !configured.has(name) && !LOCAL_SUBGRAPHS.has(name))).toEqual(
      [],
    );
  });
});
