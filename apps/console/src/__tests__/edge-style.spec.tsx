import { EDGE_STYLES, EDGE_TYPES, edgeWidth, graphStylesheet } from '../graph/edge-style';
import { cytoscapeElements, edgeId, emptyGraph, mergeNeighbourhood } from '../graph/graph-model';
import type { EdgeFieldsFragment } from '../gql/graphql';

/** Relative luminance contrast against white (WCAG 2). */
function contrastOnWhite(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return 1.05 / (l + 0.05);
}

const edge = (
  from: string,
  to: string,
  type: EdgeFieldsFragment['type'],
  n = 1,
): EdgeFieldsFragment => ({
  from: { id: from },
  to: { id: to },
  type,
  evidenceCount: n,
  evidence: [],
});
const node = (id: string, hops: number, name?: string) => ({
  hops,
  person: { id, attributes: { names: name ? [{ value: name }] : [] } },
});

describe('graph styling by edge kind', () => {
  it('gives every kind its own colour and keeps kinds apart by line pattern too', () => {
    expect(EDGE_TYPES).toHaveLength(6);
    expect(new Set(EDGE_TYPES.map((t) => EDGE_STYLES[t].color)).size).toBe(6);
    const patterns = new Set(EDGE_TYPES.map((t) => EDGE_STYLES[t].line));
    expect(patterns.size).toBeGreaterThan(1);
    for (const t of EDGE_TYPES)
      expect(contrastOnWhite(EDGE_STYLES[t].color)).toBeGreaterThanOrEqual(3);
  });

  it('has a stylesheet rule per kind with its colour and pattern', () => {
    const sheet = graphStylesheet();
    for (const t of EDGE_TYPES) {
      const rule = sheet.find((r) => r.selector === `edge[type = "${t}"]`);
      expect(rule?.style).toEqual({
        'line-color': EDGE_STYLES[t].color,
        'line-style': EDGE_STYLES[t].line,
      });
    }
  });

  it('widens an edge with its evidence, on a bounded log scale', () => {
    expect(edgeWidth(1)).toBeCloseTo(1.5);
    expect(edgeWidth(4)).toBeGreaterThan(edgeWidth(2));
    expect(edgeWidth(10_000)).toBe(8);
    expect(edgeWidth(0)).toBeCloseTo(1.5);
  });

  it('merges an expansion: nodes keep their shortest hop, an edge is drawn once', () => {
    let graph = mergeNeighbourhood(
      emptyGraph(),
      [node('a', 0, 'ANA'), node('b', 1), node('c', 2)],
      [edge('a', 'b', 'SHARED_PHONE', 3), edge('b', 'c', 'CO_TRAVEL')],
    );
    graph = mergeNeighbourhood(
      graph,
      [node('c', 0), node('b', 1), node('d', 1)],
      [edge('c', 'b', 'CO_TRAVEL'), edge('c', 'd', 'SHARED_VEHICLE')],
      2,
    );
    expect([...graph.nodes.values()].map((n) => [n.id, n.hops])).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
      ['d', 3],
    ]);
    expect(graph.edges.size).toBe(3);
    expect(graph.edges.has(edgeId('b', 'c', 'CO_TRAVEL'))).toBe(true);
    const elements = cytoscapeElements(graph);
    const phone = elements.find((e) => e.data.id === edgeId('a', 'b', 'SHARED_PHONE'));
    expect(phone?.data).toMatchObject({ type: 'SHARED_PHONE', width: edgeWidth(3) });
    expect(elements.find((e) => e.data.id === 'a')?.data).toMatchObject({
      label: 'ANA',
      subject: true,
    });
  });
});
