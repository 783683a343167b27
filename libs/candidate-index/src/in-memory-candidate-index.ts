import type {
  CandidateIndex,
  CandidateQuery,
  CandidateSearchOptions,
  CandidateSearchResult,
  IndexedRecord,
} from '@mosaic/resolution';
import { BatchMatches, Index, MetricKind, ScalarKind, type Matches } from 'usearch';
import {
  CandidateCollector,
  checkKeys,
  DEFAULT_CANDIDATE_DIMENSIONS,
  prepareQueries,
  prepareRecords,
  type CandidateDimensions,
} from '@mosaic/resolution';

export type InMemoryQuantization = 'i8' | 'f16' | 'f32';

export interface InMemoryCandidateIndexOptions {
  dimensions?: CandidateDimensions;
  /**
   * How vectors are stored. i8 (the default) added and searched 2–2.5× faster
   * than f32 on 512-d templates here, with the same recall of genuine pairs;
   * candidates are scored on the full templates downstream anyway.
   */
  quantization?: InMemoryQuantization;
  /** HNSW graph degree (usearch `connectivity`). */
  connectivity?: number;
  /** Candidate list while inserting (usearch `expansion_add`). */
  expansionAdd?: number;
  /** Candidate list while searching; raised to k when k is larger. */
  expansionSearch?: number;
  /** The same three for the finger graphs (one per position). */
  finger?: { connectivity?: number; expansionAdd?: number; expansionSearch?: number };
}

interface GraphParameters {
  connectivity: number;
  expansionAdd: number;
  expansionSearch: number;
}

interface StoredRecord {
  id: bigint;
  hasFace: boolean;
  fingerPositions: number[];
  blockingKeys: string[];
}

const SCALAR: Record<InMemoryQuantization, ScalarKind> = {
  i8: ScalarKind.I8,
  f16: ScalarKind.F16,
  f32: ScalarKind.F32,
};

/**
 * The candidate index of the in-process engine (`mosaic link`, evaluation):
 * usearch HNSW graphs, one for faces and one per finger position, and blocking
 * keys in a map. Everything happens synchronously inside each call, so a
 * record is searchable as soon as `upsert` resolves.
 */
export class InMemoryCandidateIndex implements CandidateIndex {
  private readonly dims: CandidateDimensions;
  private readonly scalar: ScalarKind;
  private readonly faceParameters: GraphParameters;
  private readonly fingerParameters: GraphParameters;
  private readonly face: Index;
  private readonly fingers = new Map<number, Index>();
  private readonly records = new Map<string, StoredRecord>();
  // usearch keys are integers: each record key gets one id for all its graphs.
  private readonly keyOfId = new Map<bigint, string>();
  private readonly blocks = new Map<string, Set<string>>();
  private nextId = 1n;

  constructor(options: InMemoryCandidateIndexOptions = {}) {
    this.dims = options.dimensions ?? DEFAULT_CANDIDATE_DIMENSIONS;
    this.scalar = SCALAR[options.quantization ?? 'i8'];
    // Among 2,000 random 512-d faces, M=16/ef=64 found 74% of genuine pairs at
    // cosine 0.25 and M=32/ef=128 all of them; searches went from ~14k/s to ~7k/s.
    // Inserting is most of the cost of resolving a record (66% of the CPU at 50k persons), and
    // it grows with expansionAdd. Measured on the synthetic 20k-person set against exact search
    // (`npm run bench -- --suite resolution`, docs/benchmarks.md): M=32 with an insert list of 64
    // keeps 98.5% of the genuine neighbours that 128 finds (99.7%) at 56% of the insert time,
    // and the search list of 128 is kept because searches are now few. Finger templates are
    // better separated than faces: M=16 and lists of 32/64 lost no true pair end to end at 30k.
    this.faceParameters = {
      connectivity: options.connectivity ?? 32,
      expansionAdd: options.expansionAdd ?? 64,
      expansionSearch: options.expansionSearch ?? 128,
    };
    this.fingerParameters = {
      connectivity: options.finger?.connectivity ?? 16,
      expansionAdd: options.finger?.expansionAdd ?? 32,
      expansionSearch: options.finger?.expansionSearch ?? 64,
    };
    this.face = this.graph(this.dims.face, this.faceParameters);
  }

  async upsert(records: readonly IndexedRecord[]): Promise<void> {
    const prepared = prepareRecords(records, this.dims);
    // One add per graph for the whole batch: usearch then inserts on every core.
    const faces: { id: bigint; vector: Float32Array }[] = [];
    const fingers = new Map<number, { id: bigint; vector: Float32Array }[]>();
    const pending = new Map<bigint, true>();
    const flush = () => {
      this.addAll(this.face, faces);
      for (const [position, list] of fingers) this.addAll(this.finger(position), list);
      faces.length = 0;
      fingers.clear();
      pending.clear();
    };
    for (const record of prepared) {
      const previous = this.records.get(record.key);
      if (previous) {
        // A record repeated within the batch must be added before it can be replaced.
        if (pending.has(previous.id)) flush();
        this.unlink(record.key, previous);
      }
      const id = previous?.id ?? this.nextId++;
      this.keyOfId.set(id, record.key);
      pending.set(id, true);
      if (record.face) faces.push({ id, vector: record.face });
      for (const finger of record.fingers) {
        const list = fingers.get(finger.position) ?? [];
        list.push({ id, vector: finger.template });
        fingers.set(finger.position, list);
      }
      for (const blockingKey of record.blockingKeys) {
        let members = this.blocks.get(blockingKey);
        if (!members) {
          members = new Set();
          this.blocks.set(blockingKey, members);
        }
        members.add(record.key);
      }
      this.records.set(record.key, {
        id,
        hasFace: record.face !== null,
        fingerPositions: record.fingers.map((f) => f.position),
        blockingKeys: record.blockingKeys,
      });
    }
    flush();
  }

  private addAll(graph: Index, items: readonly { id: bigint; vector: Float32Array }[]): void {
    if (items.length === 0) return;
    if (items.length === 1) {
      const only = items[0] as { id: bigint; vector: Float32Array };
      graph.add(only.id, only.vector);
      return;
    }
    const dims = (items[0] as { vector: Float32Array }).vector.length;
    const matrix = new Float32Array(items.length * dims);
    items.forEach((item, i) => matrix.set(item.vector, i * dims));
    graph.add(BigUint64Array.from(items.map((item) => item.id)), matrix, 0);
  }

  async search(
    queries: readonly CandidateQuery[],
    options: CandidateSearchOptions,
  ): Promise<CandidateSearchResult[]> {
    const prepared = prepareQueries(queries, options, this.dims);
    const collectors = prepared.map((q) => new CandidateCollector(q.key));
    // The query itself may be indexed, so one extra neighbour keeps k others.
    const wanted = options.k + 1;

    this.searchGraph(
      this.face,
      prepared.flatMap((q, i) => (q.face ? [{ at: i, vector: q.face }] : [])),
      wanted,
      (at, keys) => collectors[at]?.addNeighbours(keys, options.k, 'FACE'),
    );
    for (const [position, graph] of this.fingers) {
      const batch = prepared.flatMap((q, i) => {
        const finger = q.fingers.find((f) => f.position === position);
        return finger ? [{ at: i, vector: finger.template }] : [];
      });
      this.searchGraph(graph, batch, wanted, (at, keys) =>
        collectors[at]?.addNeighbours(keys, options.k, 'FINGER'),
      );
    }
    prepared.forEach((query, i) => {
      for (const blockingKey of query.blockingKeys) {
        const members: string[] = [];
        for (const key of this.blocks.get(blockingKey) ?? []) {
          if (key === query.key) continue;
          members.push(key);
          if (members.length > options.maxBlockSize) break;
        }
        collectors[i]?.addBlock(
          blockingKey,
          members,
          options.maxBlockSize,
          options.oversizedBlocks,
        );
      }
    });
    return collectors.map((c) => c.result());
  }

  async remove(keys: readonly string[]): Promise<void> {
    checkKeys(keys);
    for (const key of keys) {
      const stored = this.records.get(key);
      if (!stored) continue;
      this.unlink(key, stored);
      this.keyOfId.delete(stored.id);
      this.records.delete(key);
    }
  }

  async size(): Promise<number> {
    return this.records.size;
  }

  private unlink(key: string, stored: StoredRecord): void {
    if (stored.hasFace) this.face.remove(stored.id);
    for (const position of stored.fingerPositions) this.fingers.get(position)?.remove(stored.id);
    for (const blockingKey of stored.blockingKeys) {
      const members = this.blocks.get(blockingKey);
      members?.delete(key);
      if (members?.size === 0) this.blocks.delete(blockingKey);
    }
  }

  private searchGraph(
    graph: Index,
    batch: { at: number; vector: Float32Array }[],
    k: number,
    accept: (at: number, keys: string[]) => void,
  ): void {
    if (batch.length === 0 || graph.size() === 0) return;
    // usearch hands back a plain Matches, not a batch, when the batch holds one query.
    const matches: Matches | BatchMatches = graph.search(
      batch.map((b) => b.vector),
      k,
      0,
    );
    batch.forEach((b, i) => {
      const found = matches instanceof BatchMatches ? matches.get(i) : matches;
      const keys: string[] = [];
      for (const id of found.keys) {
        const key = this.keyOfId.get(id);
        if (key !== undefined) keys.push(key);
      }
      accept(b.at, keys);
    });
  }

  private finger(position: number): Index {
    let graph = this.fingers.get(position);
    if (!graph) {
      graph = this.graph(this.dims.finger, this.fingerParameters);
      this.fingers.set(position, graph);
    }
    return graph;
  }

  private graph(dimensions: number, parameters: GraphParameters): Index {
    return new Index({
      dimensions,
      metric: MetricKind.Cos,
      quantization: this.scalar,
      connectivity: parameters.connectivity,
      expansion_add: parameters.expansionAdd,
      expansion_search: parameters.expansionSearch,
      multi: false,
    });
  }
}
