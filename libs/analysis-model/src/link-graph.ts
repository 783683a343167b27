/**
 * Link analysis: typed edges between persons, each with the records that
 * evidence it, and the bounded traversals analysts run from a subject. The
 * caps are hard: a request over them is refused with a typed error, and a
 * result a cap cut says so (`truncated` with the reason).
 */

export type EdgeType =
  | 'CO_SUBJECT'
  | 'CO_TRAVEL'
  | 'SHARED_PHONE'
  | 'SHARED_ADDRESS'
  | 'SHARED_VEHICLE'
  | 'SHARED_DOCUMENT';

export const EDGE_TYPES: readonly EdgeType[] = [
  'CO_SUBJECT',
  'CO_TRAVEL',
  'SHARED_PHONE',
  'SHARED_ADDRESS',
  'SHARED_VEHICLE',
  'SHARED_DOCUMENT',
];

/** One record on each side and what they share. */
export interface EdgeEvidence {
  fromRecord: string;
  toRecord: string;
  /** The shared case id, flight + date, port + times, or identifier value (as recorded). */
  detail: string;
}

export interface Edge {
  from: string;
  to: string;
  type: EdgeType;
  evidence: EdgeEvidence[];
}

export type TruncationReason = 'MAX_NODES' | 'MAX_FAN_OUT' | 'MAX_COST' | 'MAX_PATHS';

/** An identifier shared by so many persons it says nothing about any two of them. */
export interface SkippedHub {
  type: EdgeType;
  value: string;
  persons: number;
}

export interface Neighbourhood {
  nodes: { personId: string; hops: number }[];
  edges: Edge[];
  truncated: boolean;
  truncatedBy: TruncationReason[];
  skippedHubs: SkippedHub[];
}

export interface PathsResult {
  /** Shortest paths, each a list of edges from `from` to `to`. */
  paths: Edge[][];
  hops: number | null;
  truncated: boolean;
  truncatedBy: TruncationReason[];
  skippedHubs: SkippedHub[];
}

export interface TimeWindow {
  from?: string;
  to?: string;
}

export interface NeighbourQuery {
  personId: string;
  hops: number;
  edgeTypes: readonly EdgeType[];
  window: TimeWindow;
}

export interface PathQuery {
  from: string;
  to: string;
  maxHops: number;
  edgeTypes: readonly EdgeType[];
  window: TimeWindow;
}

export interface CoTravelQuery {
  personId: string;
  /** Same port within this many minutes counts as co-travel (same flight and day always does). */
  windowMinutes: number;
  window: TimeWindow;
}

export const GRAPH_LIMITS = {
  maxHops: 3,
  maxPathHops: 4,
  /** Edges followed from one person at most; the rest are cut (`MAX_FAN_OUT`). */
  maxFanOut: 50,
  /** Persons returned at most (default); a caller may ask for fewer, never more. */
  maxNodes: 500,
  /** Rows a traversal may read before it stops (`MAX_COST`). */
  maxCost: 50_000,
  maxPaths: 20,
  /** An identifier shared by more persons than this is a hub: skipped and reported. */
  hubPersons: 8,
  defaultCoTravelMinutes: 120,
  maxCoTravelMinutes: 24 * 60,
} as const;

export interface LinkGraph {
  neighbors(query: NeighbourQuery): Promise<Neighbourhood>;
  paths(query: PathQuery): Promise<PathsResult>;
  coTravelers(query: CoTravelQuery): Promise<Neighbourhood>;
}
