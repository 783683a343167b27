import type {
  AnalysisRecord,
  EdgeType,
  EvidenceStrength,
  IdentifierKind,
} from '@mosaic/analysis-model';
import type { GraphPopulation } from './link-graph.fixtures';

/**
 * The link graph's edge rules written the plain way — every pair of records
 * compared in memory — for the contract suite to check the SQL against. Slow
 * (quadratic), obviously right, and independent of how the adapter batches,
 * orders or cuts its reads.
 */

const FLIGHT_WINDOW_MS = 12 * 3_600_000;

export interface ReferenceEvidence {
  type: EdgeType;
  fromKey: string;
  toKey: string;
  strength: EvidenceStrength;
  /** The identifier value (normalised), for SHARED_* evidence. */
  value?: string;
}

export interface ReferenceGraph {
  /** person → neighbour → evidence (oriented from person); ties only (strong evidence). */
  ties: Map<string, Map<string, ReferenceEvidence[]>>;
  /** Every evidence pair, ties or not: person → neighbour → evidence. */
  evidence: Map<string, Map<string, ReferenceEvidence[]>>;
  /** Live records by key. */
  records: Map<string, AnalysisRecord>;
  personOf: Map<string, string>;
}

const IDENTIFIER_EDGE: Record<IdentifierKind, EdgeType> = {
  PHONE: 'SHARED_PHONE',
  ADDRESS: 'SHARED_ADDRESS',
  VEHICLE: 'SHARED_VEHICLE',
  DOCUMENT: 'SHARED_DOCUMENT',
};

/** The graph over the population's live records (not suspended, person not excluded). */
export function referenceGraph(
  population: GraphPopulation,
  options: {
    hubPersons: number;
    portMinutes: number;
    suspended?: ReadonlySet<string>;
    inactivePersons?: ReadonlySet<string>;
    window?: { from?: string; to?: string };
  },
): ReferenceGraph {
  const live = population.records.filter(
    (r) =>
      !options.suspended?.has(r.key) &&
      !options.inactivePersons?.has(population.personOf.get(r.key) as string),
  );
  const inWindow = (r: AnalysisRecord) =>
    (options.window?.from === undefined || r.observedAt >= options.window.from) &&
    (options.window?.to === undefined || r.observedAt <= options.window.to);
  const person = (r: AnalysisRecord) => population.personOf.get(r.key) as string;
  const time = (r: AnalysisRecord) => Date.parse(r.observedAt);
  const portMs = options.portMinutes * 60_000;

  // Crowds count every live record, whatever the window.
  const valuePersons = new Map<string, Set<string>>();
  for (const r of live) {
    for (const i of r.identifiers) {
      const key = `${i.kind}|${i.value}`;
      const set = valuePersons.get(key) ?? new Set<string>();
      set.add(person(r));
      valuePersons.set(key, set);
    }
  }
  const crowd = (near: (o: AnalysisRecord) => boolean) =>
    new Set(live.filter(near).map(person)).size;
  const sameFlight = (a: AnalysisRecord, b: AnalysisRecord) =>
    a.flight !== null && a.flight === b.flight && Math.abs(time(a) - time(b)) <= FLIGHT_WINDOW_MS;
  const samePort = (a: AnalysisRecord, b: AnalysisRecord) =>
    a.port !== null &&
    a.direction !== null &&
    a.port === b.port &&
    a.direction === b.direction &&
    Math.abs(time(a) - time(b)) <= portMs;
  const flightCrowd = new Map(live.map((r) => [r.key, crowd((o) => sameFlight(r, o))]));
  const portCrowd = new Map(live.map((r) => [r.key, crowd((o) => samePort(r, o))]));
  const quiet = (m: Map<string, number>, r: AnalysisRecord) =>
    (m.get(r.key) as number) <= options.hubPersons;

  const evidence = new Map<string, Map<string, ReferenceEvidence[]>>();
  const add = (
    a: AnalysisRecord,
    b: AnalysisRecord,
    e: Omit<ReferenceEvidence, 'fromKey' | 'toKey'>,
  ) => {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const byOther = evidence.get(person(x)) ?? new Map<string, ReferenceEvidence[]>();
      const list = byOther.get(person(y)) ?? [];
      list.push({ ...e, fromKey: x.key, toKey: y.key });
      byOther.set(person(y), list);
      evidence.set(person(x), byOther);
    }
  };
  const windowed = live.filter(inWindow);
  for (let i = 0; i < windowed.length; i++) {
    const a = windowed[i] as AnalysisRecord;
    for (let j = i + 1; j < windowed.length; j++) {
      const b = windowed[j] as AnalysisRecord;
      if (person(a) === person(b)) continue;
      if (a.caseId !== null && a.caseId === b.caseId) {
        add(a, b, { type: 'CO_SUBJECT', strength: 'STRONG' });
      }
      const flight = sameFlight(a, b);
      if (flight && quiet(flightCrowd, a) && quiet(flightCrowd, b)) {
        add(a, b, { type: 'CO_TRAVEL', strength: 'STRONG' });
      }
      if (!flight && samePort(a, b) && quiet(portCrowd, a) && quiet(portCrowd, b)) {
        add(a, b, { type: 'CO_TRAVEL', strength: 'WEAK' });
      }
      for (const x of a.identifiers) {
        for (const y of b.identifiers) {
          if (x.kind !== y.kind || x.value !== y.value) continue;
          const spread = valuePersons.get(`${x.kind}|${x.value}`)?.size ?? 0;
          if (spread > options.hubPersons) continue;
          const contact = x.kind === 'PHONE' || x.kind === 'ADDRESS';
          const weak = contact && a.source === 'travel' && b.source === 'travel';
          add(a, b, {
            type: IDENTIFIER_EDGE[x.kind],
            strength: weak ? 'WEAK' : 'STRONG',
            value: x.value,
          });
        }
      }
    }
  }
  const ties = new Map<string, Map<string, ReferenceEvidence[]>>();
  for (const [p, byOther] of evidence) {
    for (const [q, list] of byOther) {
      if (!list.some((e) => e.strength === 'STRONG')) continue;
      const out = ties.get(p) ?? new Map<string, ReferenceEvidence[]>();
      out.set(q, list);
      ties.set(p, out);
    }
  }
  return {
    ties,
    evidence,
    records: new Map(population.records.map((r) => [r.key, r])),
    personOf: population.personOf,
  };
}

/** The persons a tie of one of `types` joins to `p`. */
export function neighboursOf(
  graph: ReferenceGraph,
  p: string,
  types: readonly EdgeType[],
): string[] {
  return [...(graph.ties.get(p) ?? new Map<string, ReferenceEvidence[]>()).entries()]
    .filter(([, list]) => list.some((e) => types.includes(e.type)))
    .map(([q]) => q)
    .sort();
}

/** Plain breadth-first search: hops from `start`, and how many shortest paths reach each person. */
export function breadthFirst(
  graph: ReferenceGraph,
  start: string,
  types: readonly EdgeType[],
  maxHops: number,
): { hops: Map<string, number>; shortestPaths: Map<string, number> } {
  const hops = new Map<string, number>([[start, 0]]);
  const shortestPaths = new Map<string, number>([[start, 1]]);
  let frontier = [start];
  for (let h = 1; h <= maxHops && frontier.length > 0; h++) {
    const next: string[] = [];
    for (const p of frontier) {
      for (const q of neighboursOf(graph, p, types)) {
        if (!hops.has(q)) {
          hops.set(q, h);
          next.push(q);
        }
        if (hops.get(q) === h) {
          shortestPaths.set(q, (shortestPaths.get(q) ?? 0) + (shortestPaths.get(p) as number));
        }
      }
    }
    frontier = next;
  }
  return { hops, shortestPaths };
}
