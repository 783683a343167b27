import type { EdgeType } from '../gql/graphql';

export interface EdgeKindStyle {
  label: string;
  /** Line colour: distinct hues, each at least 3:1 against the white canvas. */
  color: string;
  /** Line pattern, so the kinds stay apart without colour too. */
  line: 'solid' | 'dashed' | 'dotted';
}

/** Every edge type has a style: adding one to the schema fails the typecheck here. */
export const EDGE_STYLES: Readonly<Record<EdgeType, EdgeKindStyle>> = {
  CO_SUBJECT: { label: 'Co-subjects of a seizure case', color: '#b8002e', line: 'solid' },
  CO_TRAVEL: { label: 'Travelled together', color: '#0a5fb4', line: 'dashed' },
  SHARED_PHONE: { label: 'Shared phone', color: '#7a3db8', line: 'solid' },
  SHARED_ADDRESS: { label: 'Shared address', color: '#8a5a00', line: 'dotted' },
  SHARED_VEHICLE: { label: 'Shared vehicle', color: '#00736b', line: 'dashed' },
  SHARED_DOCUMENT: { label: 'Shared document', color: '#333333', line: 'dotted' },
};

export const EDGE_TYPES = Object.keys(EDGE_STYLES) as EdgeType[];

/** Thicker for more evidence, on a log scale so one prolific tie does not swamp the view. */
export function edgeWidth(evidenceCount: number): number {
  return Math.min(8, 1.5 + Math.log2(Math.max(1, evidenceCount)));
}

/** The subject, then each hop a lighter ring. */
export function nodeColor(hops: number): string {
  return ['#111111', '#3b4a5a', '#5a6b7d', '#7b8c9e'][Math.min(3, Math.max(0, hops))] ?? '#7b8c9e';
}

/** One cytoscape stylesheet entry. */
export interface StyleRule {
  selector: string;
  style: Record<string, string | number>;
}

/** The graph's stylesheet: nodes by hop, edges by kind and evidence, selection and paths. */
export function graphStylesheet(): StyleRule[] {
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(color)',
        label: 'data(label)',
        color: '#111111',
        'font-size': 10,
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.8,
        'text-background-padding': 1,
        width: 18,
        height: 18,
      },
    },
    {
      selector: 'node[?subject]',
      style: { width: 30, height: 30, 'border-width': 3, 'border-color': '#f2b600' },
    },
    ...EDGE_TYPES.map((type): StyleRule => ({
      selector: `edge[type = "${type}"]`,
      style: {
        'line-color': EDGE_STYLES[type].color,
        'line-style': EDGE_STYLES[type].line,
      },
    })),
    {
      selector: 'edge',
      style: { width: 'data(width)', 'curve-style': 'bezier', opacity: 0.85 },
    },
    {
      selector: 'edge:selected',
      style: {
        width: 8,
        opacity: 1,
        'underlay-color': '#f2b600',
        'underlay-opacity': 0.5,
        'underlay-padding': 3,
      },
    },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#f2b600' } },
    {
      selector: '.on-path',
      style: { 'underlay-color': '#00a0ff', 'underlay-opacity': 0.45, 'underlay-padding': 5 },
    },
    { selector: '.faded', style: { opacity: 0.15 } },
  ];
}
