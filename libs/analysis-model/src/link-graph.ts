import type { AnalysisSource } from './analysis-record';
import { AnalysisQueryError, type QueryIssue } from './person-search';

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

/** A source record, as the source subgraph that owns it knows it. */
export interface EvidenceRecord {
  source: AnalysisSource;
  recordId: string;
  /** When the source observed the person (the record's `observedAt`). */
  observedAt: string;
}

/**
 * How much one piece of evidence says on its own. WEAK evidence — booking
 * contact data on both sides (a carrier's record of a phone or address, where
 * hotels, agencies and call-centres turn up) and being at the same port within
 * the window on different flights — is reported as part of a tie, never as a
 * tie by itself: two persons are linked only when at least one piece of their
 * evidence is STRONG (a shared case, a shared flight, a document, a vehicle, a
 * phone or address an investigator recorded).
 */
export type EvidenceStrength = 'STRONG' | 'WEAK';

/** One record on each side and what they share. */
export interface EdgeEvidence {
  /** A record of the edge's `from` person. */
  fromRecord: EvidenceRecord;
  /** A record of the edge's `to` person. */
  toRecord: EvidenceRecord;
  /** The shared case number, flight + date, port + times, or identifier value (as recorded). */
  detail: string;
  strength: EvidenceStrength;
}

export interface Edge {
  from: string;
  to: string;
  type: EdgeType;
  /** Strong evidence first, then by time; at most `GRAPH_LIMITS.maxEvidencePerEdge`. */
  evidence: EdgeEvidence[];
  /** All the evidence found for this edge (more than `evidence` holds when it was cut). */
  evidenceCount: number;
}

export type TruncationReason = 'MAX_NODES' | 'MAX_FAN_OUT' | 'MAX_COST' | 'MAX_PATHS';

export const TRUNCATION_REASONS: readonly TruncationReason[] = [
  'MAX_NODES',
  'MAX_FAN_OUT',
  'MAX_COST',
  'MAX_PATHS',
];

/**
 * A context shared by so many persons it says nothing about any two of them —
 * an identifier (call-centre phone, shelter or hotel address), a flight on one
 * day, a port in one time window — skipped and reported, never expanded.
 */
export interface SkippedHub {
  type: EdgeType;
  /** The identifier as recorded, or the flight and day, or the port, direction and window. */
  value: string;
  /** Distinct persons sharing it. */
  persons: number;
}

export interface NeighbourNode {
  personId: string;
  /** Hops from the subject (0 for the subject). */
  hops: number;
}

export interface Neighbourhood {
  nodes: NeighbourNode[];
  edges: Edge[];
  truncated: boolean;
  truncatedBy: TruncationReason[];
  skippedHubs: SkippedHub[];
}

/** One shortest path: the persons in order, and every edge between consecutive persons. */
export interface GraphPath {
  personIds: string[];
  /** Oriented along the path; a step two persons share in several ways has an edge per type. */
  edges: Edge[];
}

export interface PathsResult {
  /** Shortest paths from `from` to `to` (every one, up to `GRAPH_LIMITS.maxPaths`). */
  paths: GraphPath[];
  /** Their length in hops; null when no path of at most `maxHops` was found. */
  hops: number | null;
  truncated: boolean;
  truncatedBy: TruncationReason[];
  skippedHubs: SkippedHub[];
}

export interface TimeWindow {
  /** ISO 8601 date-time; records observed before it are ignored. */
  from?: string;
  /** ISO 8601 date-time; records observed after it are ignored. */
  to?: string;
}

export interface NeighbourQuery {
  personId: string;
  hops: number;
  edgeTypes: readonly EdgeType[];
  window: TimeWindow;
  /** Fewer persons than `GRAPH_LIMITS.maxNodes`, if the caller wants fewer. */
  maxNodes?: number;
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
  /** Evidence rows a traversal may read before it stops (`MAX_COST`). */
  maxCost: 50_000,
  maxPaths: 20,
  /** Evidence items one edge lists at most (`evidenceCount` says how many there were). */
  maxEvidencePerEdge: 20,
  /**
   * A context (identifier, flight on a day, port window) shared by more
   * distinct persons than this is a hub: skipped and reported.
   *
   * Calibrated on libs/synth (seeds 1–3 at 400 persons with networkRate 0.1,
   * seeds 1–2 at 2,000 persons): values ties really share never reached 7
   * persons — household addresses at most 6 (householdSize.max), a network's
   * burner phones, vehicle and stash address at most 6 — while each hotel
   * address and call-centre phone reached 11–27 persons at 2,000 persons and
   * grows with the population (the same 5 hotels and 3 call-centres serve
   * everyone). 8 leaves headroom above the largest tie without letting any
   * coincidence value through once a population has a few thousand persons.
   * Below that, coincidence values are shared by 2–9 persons and the
   * evidence-strength rule (booking contact data never makes a tie alone, see
   * EvidenceStrength) is what keeps them out.
   */
  hubPersons: 8,
  defaultCoTravelMinutes: 120,
  maxCoTravelMinutes: 24 * 60,
  /**
   * Traversals one API request may run. Analysis starts from a subject; a
   * request that asks for the neighbourhood of every person of another
   * neighbourhood (or of a page of search hits) is enumeration, and refused.
   */
  maxSubjectsPerRequest: 5,
} as const;

export interface LinkGraph {
  neighbors(query: NeighbourQuery): Promise<Neighbourhood>;
  paths(query: PathQuery): Promise<PathsResult>;
  coTravelers(query: CoTravelQuery): Promise<Neighbourhood>;
}

// ---------------------------------------------------------------- validation

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A full date-time with an offset: what a GraphQL DateTime serialises to.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export interface WindowInput {
  from?: string | Date | null;
  to?: string | Date | null;
}

function person(issues: QueryIssue[], field: string, value: string | null | undefined): string {
  if (typeof value !== 'string' || !UUID.test(value)) {
    issues.push({ field, reason: 'must be a person id (UUID)' });
    return '';
  }
  return value.toLowerCase();
}

function integer(
  issues: QueryIssue[],
  field: string,
  value: number | null | undefined,
  min: number,
  max: number,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    issues.push({ field, reason: `must be an integer from ${min} to ${max}` });
  }
  return value as number;
}

function edgeTypes(
  issues: QueryIssue[],
  value: readonly string[] | null | undefined,
): readonly EdgeType[] {
  if (value === null || value === undefined) return EDGE_TYPES;
  if (value.length === 0) {
    issues.push({ field: 'edgeTypes', reason: 'must name at least one edge type, or be left out' });
    return [];
  }
  const unknown = value.filter((t) => !(EDGE_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0) {
    issues.push({
      field: 'edgeTypes',
      reason: `unknown edge type ${unknown.map((t) => JSON.stringify(t)).join(', ')}; one of ${EDGE_TYPES.join(', ')}`,
    });
  }
  // In the canonical order, once each: the same request always reads the same way.
  return EDGE_TYPES.filter((t) => value.includes(t));
}

function timeWindow(issues: QueryIssue[], input: WindowInput): TimeWindow {
  const out: TimeWindow = {};
  for (const field of ['from', 'to'] as const) {
    const v = input[field];
    if (v === null || v === undefined) continue;
    const text = v instanceof Date ? (Number.isNaN(v.getTime()) ? '' : v.toISOString()) : v;
    const time = DATE_TIME.test(text) ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(time)) {
      issues.push({ field, reason: 'must be an ISO 8601 date-time with a time zone' });
    } else {
      out[field] = new Date(time).toISOString();
    }
  }
  if (out.from !== undefined && out.to !== undefined && out.from > out.to) {
    issues.push({ field: 'to', reason: 'must not be before from' });
  }
  return out;
}

function done<T>(issues: QueryIssue[], query: T): T {
  if (issues.length > 0) throw new AnalysisQueryError(issues);
  return query;
}

/** Checks a neighbourhood request against the caps; every problem is named, none is clamped. */
export function validateNeighbourQuery(input: {
  personId: string;
  hops: number;
  edgeTypes?: readonly string[] | null;
  window?: WindowInput | null;
  maxNodes?: number | null;
}): NeighbourQuery {
  const issues: QueryIssue[] = [];
  const query: NeighbourQuery = {
    personId: person(issues, 'personId', input.personId),
    hops: integer(issues, 'hops', input.hops, 1, GRAPH_LIMITS.maxHops),
    edgeTypes: edgeTypes(issues, input.edgeTypes),
    window: timeWindow(issues, input.window ?? {}),
  };
  if (input.maxNodes !== null && input.maxNodes !== undefined) {
    query.maxNodes = integer(issues, 'maxNodes', input.maxNodes, 1, GRAPH_LIMITS.maxNodes);
  }
  return done(issues, query);
}

/** Checks a shortest-paths request against the caps. */
export function validatePathQuery(input: {
  from: string;
  to: string;
  maxHops: number;
  edgeTypes?: readonly string[] | null;
  window?: WindowInput | null;
}): PathQuery {
  const issues: QueryIssue[] = [];
  const query: PathQuery = {
    from: person(issues, 'from', input.from),
    to: person(issues, 'to', input.to),
    maxHops: integer(issues, 'maxHops', input.maxHops, 1, GRAPH_LIMITS.maxPathHops),
    edgeTypes: edgeTypes(issues, input.edgeTypes),
    window: timeWindow(issues, input.window ?? {}),
  };
  if (query.from !== '' && query.from === query.to) {
    issues.push({ field: 'to', reason: 'must be another person than from' });
  }
  return done(issues, query);
}

/** Checks a co-traveller request against the caps (the port window is at most a day). */
export function validateCoTravelQuery(input: {
  personId: string;
  windowMinutes?: number | null;
  window?: WindowInput | null;
}): CoTravelQuery {
  const issues: QueryIssue[] = [];
  return done(issues, {
    personId: person(issues, 'personId', input.personId),
    windowMinutes: integer(
      issues,
      'windowMinutes',
      input.windowMinutes ?? GRAPH_LIMITS.defaultCoTravelMinutes,
      1,
      GRAPH_LIMITS.maxCoTravelMinutes,
    ),
    window: timeWindow(issues, input.window ?? {}),
  });
}
