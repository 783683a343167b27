import {
  GRAPH_LIMITS,
  TRUNCATION_REASONS,
  validateCoTravelQuery,
  validateNeighbourQuery,
  validatePathQuery,
  type CoTravelQuery,
  type Edge,
  type EdgeEvidence,
  type EdgeType,
  type GraphPath,
  type IdentifierKind,
  type LinkGraph,
  type NeighbourQuery,
  type Neighbourhood,
  type PathQuery,
  type PathsResult,
  type SkippedHub,
  type TimeWindow,
  type TruncationReason,
} from '@mosaic/analysis-model';
import type { DataSource, EntityManager } from 'typeorm';
import { readFamily, type EdgeFamily, type EvidencePair } from './link-graph.queries';

/** The caps one PgLinkGraph applies; each at most its GRAPH_LIMITS value. */
export interface LinkGraphLimits {
  maxFanOut: number;
  maxNodes: number;
  maxCost: number;
  maxPaths: number;
  maxEvidencePerEdge: number;
  /** Not a cap but a calibration (see GRAPH_LIMITS.hubPersons): any value from 1. */
  hubPersons: number;
}

export interface PgLinkGraphOptions {
  /** The analysis database: the service's DataSource, or a caller's transaction. */
  session: DataSource | EntityManager;
  /** Tighter caps (a deployment that wants less, tests); never looser than GRAPH_LIMITS. */
  limits?: Partial<LinkGraphLimits>;
  /** The port window of CO_TRAVEL in neighbourhoods and paths (coTravelers takes its own). */
  coTravelMinutes?: number;
}

const ALL_KINDS: IdentifierKind[] = ['PHONE', 'ADDRESS', 'VEHICLE', 'DOCUMENT'];
/** Edge types whose evidence may be WEAK, so a tie needs the strong families read too. */
const MAY_BE_WEAK: readonly EdgeType[] = ['CO_TRAVEL', 'SHARED_PHONE', 'SHARED_ADDRESS'];

/** All evidence between a frontier person and one other person, by edge type. */
interface Tie {
  from: string;
  to: string;
  byType: Map<EdgeType, EdgeEvidence[]>;
  strong: number;
  total: number;
}

interface ExpansionPlan {
  /** The edge types the caller asked for: only these become edges. */
  types: ReadonlySet<EdgeType>;
  window: TimeWindow;
  portMinutes: number;
  /** Neighbourhoods and paths: a tie needs strong evidence. coTravelers reports every co-presence. */
  requireStrong: boolean;
}

/** What one traversal has spent and what cut it. */
class Traversal {
  cost = 0;
  readonly truncatedBy = new Set<TruncationReason>();
  private readonly hubs = new Map<string, SkippedHub>();

  constructor(readonly limits: LinkGraphLimits) {}

  get remaining(): number {
    return this.limits.maxCost - this.cost;
  }

  hub(hub: SkippedHub): void {
    const key = `${hub.type}|${hub.value}`;
    const seen = this.hubs.get(key);
    if (!seen || seen.persons < hub.persons) this.hubs.set(key, hub);
  }

  skippedHubs(): SkippedHub[] {
    return [...this.hubs.values()].sort(
      (a, b) => b.persons - a.persons || cmp(a.type, b.type) || cmp(a.value, b.value),
    );
  }

  truncated(): { truncated: boolean; truncatedBy: TruncationReason[] } {
    const reasons = TRUNCATION_REASONS.filter((r) => this.truncatedBy.has(r));
    return { truncated: reasons.length > 0, truncatedBy: reasons };
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Strongest first: more strong evidence, then more evidence, then the person id (stable). */
const byStrength = (a: Tie, b: Tie): number =>
  b.strong - a.strong || b.total - a.total || cmp(a.to, b.to);

function compareEvidence(a: EdgeEvidence, b: EdgeEvidence): number {
  return (
    (a.strength === b.strength ? 0 : a.strength === 'STRONG' ? -1 : 1) ||
    cmp(a.fromRecord.observedAt, b.fromRecord.observedAt) ||
    cmp(a.fromRecord.recordId, b.fromRecord.recordId) ||
    cmp(a.toRecord.recordId, b.toRecord.recordId) ||
    cmp(a.detail, b.detail)
  );
}

function flip(evidence: EdgeEvidence): EdgeEvidence {
  return { ...evidence, fromRecord: evidence.toRecord, toRecord: evidence.fromRecord };
}

/**
 * Link analysis on the analysis read model, in either mode (PGlite or
 * PostgreSQL): the same SQL, one statement per hop and edge family for a whole
 * frontier, never one per person. Requests are checked against the caps before
 * any statement runs; a traversal a cap cut says so.
 */
export class PgLinkGraph implements LinkGraph {
  private readonly session: DataSource | EntityManager;
  private readonly limits: LinkGraphLimits;
  private readonly coTravelMinutes: number;

  constructor(options: PgLinkGraphOptions) {
    this.session = options.session;
    const cap = (name: Exclude<keyof LinkGraphLimits, 'hubPersons'>): number =>
      Math.min(options.limits?.[name] ?? GRAPH_LIMITS[name], GRAPH_LIMITS[name]);
    this.limits = {
      maxFanOut: cap('maxFanOut'),
      maxNodes: cap('maxNodes'),
      maxCost: cap('maxCost'),
      maxPaths: cap('maxPaths'),
      maxEvidencePerEdge: cap('maxEvidencePerEdge'),
      hubPersons: Math.max(1, options.limits?.hubPersons ?? GRAPH_LIMITS.hubPersons),
    };
    this.coTravelMinutes = Math.min(
      options.coTravelMinutes ?? GRAPH_LIMITS.defaultCoTravelMinutes,
      GRAPH_LIMITS.maxCoTravelMinutes,
    );
  }

  async neighbors(query: NeighbourQuery): Promise<Neighbourhood> {
    const q = validateNeighbourQuery(query);
    const run = new Traversal(this.limits);
    const maxNodes = Math.min(q.maxNodes ?? this.limits.maxNodes, this.limits.maxNodes);
    const plan: ExpansionPlan = {
      types: new Set(q.edgeTypes),
      window: q.window,
      portMinutes: this.coTravelMinutes,
      requireStrong: true,
    };
    const hops = new Map<string, number>([[q.personId, 0]]);
    const edges = new Map<string, Edge>();
    let frontier = [q.personId];
    for (let hop = 1; hop <= q.hops && frontier.length > 0; hop++) {
      if (run.remaining <= 0) {
        run.truncatedBy.add('MAX_COST');
        break;
      }
      const ties = await this.expand(frontier, plan, run);
      // New persons, strongest tie first, until the node cap.
      const best = new Map<string, Tie>();
      for (const tie of ties) {
        if (hops.has(tie.to)) continue;
        const seen = best.get(tie.to);
        if (!seen || byStrength(tie, seen) < 0) best.set(tie.to, tie);
      }
      const next: string[] = [];
      for (const tie of [...best.values()].sort(byStrength)) {
        if (hops.size >= maxNodes) {
          run.truncatedBy.add('MAX_NODES');
          break;
        }
        hops.set(tie.to, hop);
        next.push(tie.to);
      }
      // Each pair once: an edge found in an earlier hop stays as it was (oriented away from
      // the subject); two persons of one hop find each other, and the lower id keeps it.
      const found = new Map<string, Edge>();
      for (const tie of ties) {
        if (!hops.has(tie.to)) continue;
        for (const edge of this.edgesOf(tie)) {
          const key = `${pairKey(edge.from, edge.to)}|${edge.type}`;
          if (edges.has(key)) continue;
          const seen = found.get(key);
          if (!seen || edge.from < seen.from) found.set(key, edge);
        }
      }
      for (const [key, edge] of found) edges.set(key, edge);
      frontier = next.sort(cmp);
    }
    const nodes = [...hops.entries()]
      .map(([personId, h]) => ({ personId, hops: h }))
      .sort((a, b) => a.hops - b.hops || cmp(a.personId, b.personId));
    const edgeList = [...edges.values()].sort(
      (a, b) =>
        (hops.get(a.from) as number) - (hops.get(b.from) as number) ||
        cmp(a.from, b.from) ||
        cmp(a.to, b.to) ||
        cmp(a.type, b.type),
    );
    return { nodes, edges: edgeList, ...run.truncated(), skippedHubs: run.skippedHubs() };
  }

  async paths(query: PathQuery): Promise<PathsResult> {
    const q = validatePathQuery(query);
    const run = new Traversal(this.limits);
    const plan: ExpansionPlan = {
      types: new Set(q.edgeTypes),
      window: q.window,
      portMinutes: this.coTravelMinutes,
      requireStrong: true,
    };
    // Bidirectional breadth-first search: each side keeps every parent at the
    // previous depth, so all shortest paths through a meeting person can be listed.
    const side = (start: string) => ({
      depth: 0,
      frontier: [start],
      dist: new Map<string, number>([[start, 0]]),
      parents: new Map<string, Map<string, Tie>>(),
    });
    const forward = side(q.from);
    const backward = side(q.to);
    let meeting: string[] = [];
    let length: number | null = null;
    while (forward.depth + backward.depth < q.maxHops) {
      if (forward.frontier.length === 0 || backward.frontier.length === 0) break;
      if (run.remaining <= 0) {
        run.truncatedBy.add('MAX_COST');
        break;
      }
      // Expand the smaller frontier: the search stays near the thinner end.
      const [near, far] =
        backward.frontier.length < forward.frontier.length
          ? [backward, forward]
          : [forward, backward];
      const ties = await this.expand(near.frontier, plan, run);
      const next = new Set<string>();
      for (const tie of ties) {
        const d = near.dist.get(tie.to);
        if (d === undefined) {
          near.dist.set(tie.to, near.depth + 1);
          next.add(tie.to);
        } else if (d !== near.depth + 1) {
          continue;
        }
        const parents = near.parents.get(tie.to) ?? new Map<string, Tie>();
        parents.set(tie.from, tie);
        near.parents.set(tie.to, parents);
      }
      near.depth += 1;
      near.frontier = [...next].sort(cmp);
      const meets = near.frontier.filter((p) => far.dist.has(p));
      if (meets.length > 0) {
        const total = (p: string) => (near.dist.get(p) as number) + (far.dist.get(p) as number);
        length = Math.min(...meets.map(total));
        meeting = meets.filter((p) => total(p) === length);
        break;
      }
      if (forward.dist.size + backward.dist.size > this.limits.maxNodes) {
        run.truncatedBy.add('MAX_NODES');
        break;
      }
    }
    const paths: GraphPath[] = [];
    if (length !== null) {
      outer: for (const m of meeting) {
        for (const head of routes(m, forward.parents)) {
          for (const tail of routes(m, backward.parents)) {
            if (paths.length === this.limits.maxPaths) {
              run.truncatedBy.add('MAX_PATHS');
              break outer;
            }
            const personIds = [...head].reverse().concat(tail.slice(1));
            paths.push({ personIds, edges: this.pathEdges(personIds, forward, backward) });
          }
        }
      }
      paths.sort((a, b) => cmp(a.personIds.join(','), b.personIds.join(',')));
    }
    return {
      paths,
      hops: length,
      ...run.truncated(),
      skippedHubs: run.skippedHubs(),
    };
  }

  async coTravelers(query: CoTravelQuery): Promise<Neighbourhood> {
    const q = validateCoTravelQuery(query);
    const run = new Traversal(this.limits);
    const ties = await this.expand(
      [q.personId],
      {
        types: new Set<EdgeType>(['CO_TRAVEL']),
        window: q.window,
        portMinutes: q.windowMinutes,
        requireStrong: false,
      },
      run,
    );
    const chosen = ties.slice(0, this.limits.maxNodes - 1);
    if (chosen.length < ties.length) run.truncatedBy.add('MAX_NODES');
    return {
      nodes: [
        { personId: q.personId, hops: 0 },
        ...chosen
          .map((t) => ({ personId: t.to, hops: 1 }))
          .sort((a, b) => cmp(a.personId, b.personId)),
      ],
      edges: chosen.flatMap((t) => this.edgesOf(t)).sort((a, b) => cmp(a.to, b.to)),
      ...run.truncated(),
      skippedHubs: run.skippedHubs(),
    };
  }

  /**
   * One hop from a whole frontier: every family the plan needs, one statement
   * each; then the strength rule, the edge-type filter and the fan-out cap.
   * Ties come back grouped by frontier person (in frontier order), strongest first.
   */
  private async expand(frontier: string[], plan: ExpansionPlan, run: Traversal): Promise<Tie[]> {
    const types = plan.types;
    // Weak evidence only counts next to strong evidence, so a request for a
    // type that may be weak reads the strong families too.
    const corroborate = plan.requireStrong && MAY_BE_WEAK.some((t) => types.has(t));
    const needs = (t: EdgeType) => types.has(t) || corroborate;
    const kinds = corroborate
      ? ALL_KINDS
      : ALL_KINDS.filter((k) => types.has(`SHARED_${k}` as EdgeType));
    const families: EdgeFamily[] = [];
    if (needs('CO_SUBJECT')) families.push('CASE');
    if (needs('CO_TRAVEL')) families.push('FLIGHT');
    if (kinds.length > 0) families.push('IDENTIFIER');
    // Port evidence is weak: it never corroborates anything, so only read it when asked for.
    if (types.has('CO_TRAVEL')) families.push('PORT');

    const pairs: EvidencePair[] = [];
    for (const family of families) {
      if (run.remaining <= 0) {
        run.truncatedBy.add('MAX_COST');
        break;
      }
      const result = await readFamily(this.session, {
        family,
        frontier,
        from: plan.window.from ?? null,
        to: plan.window.to ?? null,
        hubPersons: this.limits.hubPersons,
        limit: run.remaining,
        kinds,
        portMinutes: plan.portMinutes,
      });
      run.cost += result.pairs.length;
      if (result.cut) run.truncatedBy.add('MAX_COST');
      for (const hub of result.hubs) if (types.has(hub.type)) run.hub(hub);
      pairs.push(...result.pairs);
    }

    const ties = new Map<string, Tie>();
    for (const pair of pairs) {
      const key = `${pair.fromPerson}|${pair.toPerson}`;
      let tie = ties.get(key);
      if (!tie) {
        tie = { from: pair.fromPerson, to: pair.toPerson, byType: new Map(), strong: 0, total: 0 };
        ties.set(key, tie);
      }
      tie.total += 1;
      if (pair.evidence.strength === 'STRONG') tie.strong += 1;
      if (!types.has(pair.type)) continue;
      const list = tie.byType.get(pair.type) ?? [];
      list.push(pair.evidence);
      tie.byType.set(pair.type, list);
    }

    const byPerson = new Map<string, Tie[]>();
    for (const tie of ties.values()) {
      if (tie.byType.size === 0) continue;
      if (plan.requireStrong && tie.strong === 0) continue;
      const list = byPerson.get(tie.from) ?? [];
      list.push(tie);
      byPerson.set(tie.from, list);
    }
    const out: Tie[] = [];
    for (const person of frontier) {
      const list = (byPerson.get(person) ?? []).sort(byStrength);
      if (list.length > this.limits.maxFanOut) run.truncatedBy.add('MAX_FAN_OUT');
      out.push(...list.slice(0, this.limits.maxFanOut));
    }
    return out;
  }

  /** A tie as edges, one per type, evidence strongest first and capped. */
  private edgesOf(tie: Tie): Edge[] {
    return [...tie.byType.entries()]
      .sort(([a], [b]) => cmp(a, b))
      .map(([type, evidence]) => {
        const sorted = [...evidence].sort(compareEvidence);
        return {
          from: tie.from,
          to: tie.to,
          type,
          evidence: sorted.slice(0, this.limits.maxEvidencePerEdge),
          evidenceCount: sorted.length,
        };
      });
  }

  /** The edges of each step of a path, oriented along it. */
  private pathEdges(
    personIds: string[],
    forward: { parents: Map<string, Map<string, Tie>> },
    backward: { parents: Map<string, Map<string, Tie>> },
  ): Edge[] {
    const edges: Edge[] = [];
    for (let i = 0; i + 1 < personIds.length; i++) {
      const a = personIds[i] as string;
      const b = personIds[i + 1] as string;
      const ahead = forward.parents.get(b)?.get(a);
      if (ahead) {
        edges.push(...this.edgesOf(ahead));
        continue;
      }
      // Found from the far end: the tie runs b → a; turn it round.
      const behind = backward.parents.get(a)?.get(b) as Tie;
      for (const edge of this.edgesOf(behind)) {
        edges.push({ ...edge, from: a, to: b, evidence: edge.evidence.map(flip) });
      }
    }
    return edges;
  }
}

/** Every route from `p` back to its side's start through the parent links: [p, …, start]. */
function* routes(p: string, parents: Map<string, Map<string, Tie>>): Generator<string[]> {
  const before = parents.get(p);
  if (!before || before.size === 0) {
    yield [p];
    return;
  }
  for (const q of [...before.keys()].sort(cmp)) {
    for (const route of routes(q, parents)) yield [p, ...route];
  }
}
