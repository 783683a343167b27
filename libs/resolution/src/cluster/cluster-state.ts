/**
 * Persons as clusters of records, updated one link at a time (union by
 * relabelling the smaller side). Person ids are stable: when two persons
 * merge, the older keeps its id and the other records `mergedInto`; a split
 * keeps the id on the part holding the oldest record and gives the rest new
 * ids with `splitFrom`. Cannot-link pairs (rejected or disputed) are never
 * joined again, whatever evidence arrives later.
 */

export interface LinkEdge {
  a: string;
  b: string;
  /** The decision (or review) that made this link. */
  reason: string;
}

export interface PersonState {
  id: string;
  /** Creation order: the older person survives a merge. */
  sequence: number;
  status: 'ACTIVE' | 'MERGED' | 'SPLIT';
  records: Set<string>;
  edges: LinkEdge[];
  mergedInto: string | null;
  mergedFrom: string[];
  splitFrom: string | null;
}

export type PersonChange =
  | { kind: 'CREATED'; personId: string; records: string[]; splitFrom: string | null }
  | { kind: 'RECORDS_ADDED'; personId: string; records: string[] }
  | { kind: 'MERGED'; personId: string; mergedInto: string; records: string[] }
  | { kind: 'SPLIT'; personId: string; into: string[]; records: string[] };

export type LinkResult =
  | { status: 'LINKED'; personId: string }
  | { status: 'ALREADY_LINKED'; personId: string }
  | { status: 'BLOCKED'; reason: 'CANNOT_LINK'; between: [string, string] };

export class UnknownRecordError extends Error {
  readonly code = 'UNKNOWN_RECORD';
  constructor(key: string) {
    super(`Record ${key} is not in any person`);
    this.name = 'UnknownRecordError';
  }
}

export class ClusterState {
  private readonly persons = new Map<string, PersonState>();
  private readonly personOfRecord = new Map<string, string>();
  private readonly cannotLink = new Map<string, Set<string>>();
  private sequence = 0;
  private changes: PersonChange[] = [];

  constructor(private readonly newPersonId: () => string) {}

  /**
   * Rebuilds the part of the state a batch touches from storage: the persons
   * holding candidate records, and the cannot-link pairs of their records.
   * New persons continue the sequence after `nextSequence`.
   */
  static restore(
    newPersonId: () => string,
    snapshot: {
      persons: readonly {
        id: string;
        sequence: number;
        records: readonly string[];
        edges: readonly LinkEdge[];
        splitFrom?: string | null;
      }[];
      cannotLinks: readonly [string, string][];
      nextSequence: number;
    },
  ): ClusterState {
    const state = new ClusterState(newPersonId);
    for (const p of snapshot.persons) {
      state.persons.set(p.id, {
        id: p.id,
        sequence: p.sequence,
        status: 'ACTIVE',
        records: new Set(p.records),
        edges: [...p.edges],
        mergedInto: null,
        mergedFrom: [],
        splitFrom: p.splitFrom ?? null,
      });
      for (const key of p.records) state.personOfRecord.set(key, p.id);
    }
    for (const [a, b] of snapshot.cannotLinks) state.addCannotLink(a, b);
    state.sequence = snapshot.nextSequence;
    return state;
  }

  /** Sequence the next new person gets (stored so restored states keep creation order). */
  get nextSequence(): number {
    return this.sequence;
  }

  personOf(key: string): string | undefined {
    return this.personOfRecord.get(key);
  }

  person(id: string): PersonState | undefined {
    return this.persons.get(id);
  }

  /** The person a (possibly merged) id now lives on. */
  current(id: string): string {
    let person = this.persons.get(id);
    while (person && person.mergedInto !== null) person = this.persons.get(person.mergedInto);
    return person?.id ?? id;
  }

  activePersons(): IterableIterator<PersonState> {
    const persons = this.persons;
    return (function* () {
      for (const p of persons.values()) if (p.status === 'ACTIVE') yield p;
    })();
  }

  get recordCount(): number {
    return this.personOfRecord.size;
  }

  /** Changes since the last call: each becomes an `identity.person.v1` event. */
  takeChanges(): PersonChange[] {
    const out = this.changes;
    this.changes = [];
    return out;
  }

  /** A record with no link yet becomes a person of its own. */
  addRecord(key: string): string {
    const existing = this.personOfRecord.get(key);
    if (existing !== undefined) return existing;
    const person = this.createPerson([key], [], null);
    this.changes.push({ kind: 'CREATED', personId: person.id, records: [key], splitFrom: null });
    return person.id;
  }

  isCannotLink(a: string, b: string): boolean {
    return this.cannotLink.get(a)?.has(b) ?? false;
  }

  addCannotLink(a: string, b: string): void {
    const add = (x: string, y: string) => {
      const set = this.cannotLink.get(x) ?? new Set<string>();
      set.add(y);
      this.cannotLink.set(x, set);
    };
    add(a, b);
    add(b, a);
  }

  /** Joins the persons of two records unless a cannot-link pair would end up inside one person. */
  link(edge: LinkEdge): LinkResult {
    const pa = this.requirePerson(edge.a);
    const pb = this.requirePerson(edge.b);
    if (pa === pb) {
      pa.edges.push(edge);
      return { status: 'ALREADY_LINKED', personId: pa.id };
    }
    const conflict = this.cannotLinkBetween(pa, pb);
    if (conflict) return { status: 'BLOCKED', reason: 'CANNOT_LINK', between: conflict };
    const [survivor, absorbed] = pa.sequence <= pb.sequence ? [pa, pb] : [pb, pa];
    const moved = [...absorbed.records];
    for (const key of moved) {
      survivor.records.add(key);
      this.personOfRecord.set(key, survivor.id);
    }
    survivor.edges.push(...absorbed.edges, edge);
    survivor.mergedFrom.push(absorbed.id);
    absorbed.records = new Set();
    absorbed.edges = [];
    absorbed.status = 'MERGED';
    absorbed.mergedInto = survivor.id;
    this.changes.push({
      kind: 'MERGED',
      personId: absorbed.id,
      mergedInto: survivor.id,
      records: moved,
    });
    this.changes.push({ kind: 'RECORDS_ADDED', personId: survivor.id, records: moved });
    return { status: 'LINKED', personId: survivor.id };
  }

  /**
   * Removes the link between two records for good (a rejected or disputed pair)
   * and splits their person if nothing else holds it together.
   */
  separate(a: string, b: string): string[] {
    this.addCannotLink(a, b);
    const person = this.requirePerson(a);
    if (this.personOfRecord.get(b) !== person.id) return [person.id];
    const edges = person.edges.filter(
      (e) => !((e.a === a && e.b === b) || (e.a === b && e.b === a)),
    );
    const components = connectedComponents([...person.records], edges);
    if (components.length === 1) {
      person.edges = edges;
      return [person.id];
    }
    // The part with the oldest record keeps the id; records are ordered by insertion.
    const order = new Map([...person.records].map((key, i) => [key, i]));
    components.sort(
      (x, y) =>
        Math.min(...x.map((k) => order.get(k) as number)) -
        Math.min(...y.map((k) => order.get(k) as number)),
    );
    const [keep, ...rest] = components as [string[], ...string[][]];
    const keepSet = new Set(keep);
    person.records = keepSet;
    person.edges = edges.filter((e) => keepSet.has(e.a));
    const created: string[] = [];
    for (const component of rest) {
      const set = new Set(component);
      const part = this.createPerson(
        component,
        edges.filter((e) => set.has(e.a)),
        person.id,
      );
      created.push(part.id);
      this.changes.push({
        kind: 'CREATED',
        personId: part.id,
        records: component,
        splitFrom: person.id,
      });
    }
    this.changes.push({
      kind: 'SPLIT',
      personId: person.id,
      into: created,
      records: rest.flat(),
    });
    return [person.id, ...created];
  }

  private createPerson(
    records: string[],
    edges: LinkEdge[],
    splitFrom: string | null,
  ): PersonState {
    const person: PersonState = {
      id: this.newPersonId(),
      sequence: this.sequence++,
      status: 'ACTIVE',
      records: new Set(records),
      edges,
      mergedInto: null,
      mergedFrom: [],
      splitFrom,
    };
    this.persons.set(person.id, person);
    for (const key of records) this.personOfRecord.set(key, person.id);
    return person;
  }

  private requirePerson(key: string): PersonState {
    const id = this.personOfRecord.get(key);
    const person = id === undefined ? undefined : this.persons.get(id);
    if (!person) throw new UnknownRecordError(key);
    return person;
  }

  private cannotLinkBetween(pa: PersonState, pb: PersonState): [string, string] | null {
    const [small, other] = pa.records.size <= pb.records.size ? [pa, pb] : [pb, pa];
    for (const key of small.records) {
      const banned = this.cannotLink.get(key);
      if (!banned) continue;
      for (const otherKey of banned) {
        if (this.personOfRecord.get(otherKey) === other.id) return [key, otherKey];
      }
    }
    return null;
  }
}

function connectedComponents(records: string[], edges: LinkEdge[]): string[][] {
  const parent = new Map(records.map((r) => [r, r]));
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    let node = x;
    while (parent.get(node) !== root) {
      const next = parent.get(node) as string;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const e of edges) {
    if (!parent.has(e.a) || !parent.has(e.b)) continue;
    const ra = find(e.a);
    const rb = find(e.b);
    if (ra !== rb) parent.set(rb, ra);
  }
  const groups = new Map<string, string[]>();
  for (const r of records) {
    const root = find(r);
    const list = groups.get(root) ?? [];
    list.push(r);
    groups.set(root, list);
  }
  return [...groups.values()];
}
