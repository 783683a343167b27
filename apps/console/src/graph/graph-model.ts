import type { EdgeFieldsFragment, EdgeType } from '../gql/graphql';
import { edgeWidth, nodeColor } from './edge-style';

export interface GraphNode {
  id: string;
  label: string;
  hops: number;
}

export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  type: EdgeType;
  evidenceCount: number;
  evidence: EdgeFieldsFragment['evidence'];
}

export interface GraphModel {
  nodes: Map<string, GraphNode>;
  edges: Map<string, GraphEdge>;
}

export const emptyGraph = (): GraphModel => ({ nodes: new Map(), edges: new Map() });

/**
 * How the graph view lays persons out and zooms: rings by hop (the subject in
 * the centre), no animation. Shared with the 500-node bench (tools/bench), so
 * it measures the view as drawn here.
 */
export const GRAPH_VIEW = {
  minNodeSpacing: 28,
  wheelSensitivity: 0.3,
  minZoom: 0.1,
  maxZoom: 4,
} as const;

/** The ring a person is drawn on: higher is nearer the centre. */
export const ringOf = (hops: number): number => 10 - hops;

/** An edge's id is its kind and its two ends, in either direction. */
export function edgeId(from: string, to: string, type: string): string {
  const [a, b] = from < to ? [from, to] : [to, from];
  return `${type}:${a}:${b}`;
}

/**
 * Adds a neighbourhood to the graph: new persons at their hop distance (from
 * `baseHops`, the hop distance of the person expanded), new edges once.
 */
export function mergeNeighbourhood(
  graph: GraphModel,
  nodes: readonly {
    hops: number;
    person: { id: string; attributes: { names: readonly { value: string }[] } };
  }[],
  edges: readonly EdgeFieldsFragment[],
  baseHops = 0,
): GraphModel {
  const next: GraphModel = { nodes: new Map(graph.nodes), edges: new Map(graph.edges) };
  for (const n of nodes) {
    const hops = baseHops + n.hops;
    const known = next.nodes.get(n.person.id);
    if (!known || known.hops > hops) {
      next.nodes.set(n.person.id, {
        id: n.person.id,
        label: n.person.attributes.names[0]?.value ?? n.person.id.slice(0, 8),
        hops,
      });
    }
  }
  for (const e of edges) {
    const id = edgeId(e.from.id, e.to.id, e.type);
    if (!next.edges.has(id)) {
      next.edges.set(id, {
        id,
        from: e.from.id,
        to: e.to.id,
        type: e.type,
        evidenceCount: e.evidenceCount,
        evidence: e.evidence,
      });
    }
  }
  return next;
}

/** The graph as cytoscape elements. */
export function cytoscapeElements(graph: GraphModel) {
  return [
    ...[...graph.nodes.values()].map((n) => ({
      group: 'nodes' as const,
      data: {
        id: n.id,
        label: n.label,
        hops: n.hops,
        color: nodeColor(n.hops),
        subject: n.hops === 0,
      },
    })),
    ...[...graph.edges.values()]
      .filter((e) => graph.nodes.has(e.from) && graph.nodes.has(e.to))
      .map((e) => ({
        group: 'edges' as const,
        data: {
          id: e.id,
          source: e.from,
          target: e.to,
          type: e.type,
          width: edgeWidth(e.evidenceCount),
        },
      })),
  ];
}
