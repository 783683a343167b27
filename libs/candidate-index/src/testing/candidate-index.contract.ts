import type {
  CandidateIndex,
  CandidateQuery,
  CandidateSearchResult,
  IndexedFinger,
  IndexedRecord,
} from '@mosaic/resolution';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { CandidateInputError } from '../candidate-index.errors';
import type { CandidateDimensions } from '@mosaic/resolution';

export interface CandidateIndexContractTarget {
  /** A new, empty index (or the same one emptied). */
  create: () => Promise<CandidateIndex>;
  /** The vector lengths that index accepts. */
  dimensions: CandidateDimensions;
  /** Releases what `create` made (an index in the engine, a database). */
  dispose?: (index: CandidateIndex) => Promise<void>;
}

/** Seeded unit vectors: the same gallery on every run and every adapter. */
class Vectors {
  private readonly generator: ReturnType<typeof xoroshiro128plus>;

  constructor(seed: number) {
    this.generator = xoroshiro128plus(seed);
  }

  /** Uniform on the unit sphere (normalised Gaussian, Box–Muller). */
  unit(dims: number): Float32Array {
    const v = new Float32Array(dims);
    for (let i = 0; i < dims; i++) {
      const u1 = Math.max(this.uniform(), Number.EPSILON);
      v[i] = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * this.uniform());
    }
    return normalise(v);
  }

  /** A unit vector whose cosine with `of` is `similarity`: a genuine capture of the same trait. */
  near(of: Float32Array, similarity: number): Float32Array {
    const noise = this.unit(of.length);
    let dot = 0;
    for (let i = 0; i < of.length; i++) dot += (noise[i] as number) * (of[i] as number);
    for (let i = 0; i < of.length; i++) noise[i] = (noise[i] as number) - dot * (of[i] as number);
    normalise(noise);
    const orthogonal = Math.sqrt(1 - similarity * similarity);
    const v = new Float32Array(of.length);
    for (let i = 0; i < of.length; i++) {
      v[i] = similarity * (of[i] as number) + orthogonal * (noise[i] as number);
    }
    return normalise(v);
  }

  private uniform(): number {
    return (this.generator.next() >>> 0) / 4294967296;
  }
}

function normalise(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / norm;
  return v;
}

function record(key: string, parts: Partial<Omit<IndexedRecord, 'key'>> = {}): IndexedRecord {
  return { key, face: null, fingers: [], blockingKeys: [], ...parts };
}

function query(key: string, parts: Partial<Omit<CandidateQuery, 'key'>> = {}): CandidateQuery {
  return { key, face: null, fingers: [], blockingKeys: [], ...parts };
}

const finger = (position: number, template: Float32Array): IndexedFinger => ({
  position,
  template,
});

function keysOf(result: CandidateSearchResult | undefined): string[] {
  return (result?.candidates ?? []).map((c) => c.key).sort();
}

function viaOf(result: CandidateSearchResult | undefined, key: string): string[] | undefined {
  const candidate = result?.candidates.find((c) => c.key === key);
  return candidate ? [...candidate.via].sort() : undefined;
}

async function upsertInBatches(
  index: CandidateIndex,
  records: IndexedRecord[],
  size: number,
): Promise<void> {
  for (let i = 0; i < records.length; i += size) await index.upsert(records.slice(i, i + size));
}

/**
 * What the resolver relies on from a candidate index, whichever adapter runs
 * it (DESIGN.md "Resolution" step 2): approximate kNN that still finds genuine
 * pairs, a record visible as soon as its upsert resolves, never the query
 * itself, exact blocking keys with oversized blocks reported and cut, finger
 * positions as separate spaces, replace and remove, the gallery size, and one
 * candidate per record with every route that found it.
 *
 * For adapters' test suites only: it calls Jest's `describe`/`it`.
 */
export function describeCandidateIndexContract(
  name: string,
  target: CandidateIndexContractTarget,
): void {
  const dims = target.dimensions;

  describe(`candidate index contract: ${name}`, () => {
    let index: CandidateIndex;

    beforeEach(async () => {
      index = await target.create();
    });

    afterEach(async () => {
      if (index) await target.dispose?.(index);
    });

    /** Records with random face and finger-1 vectors, so kNN always has neighbours to return. */
    function fillers(rng: Vectors, count: number, prefix = 'filler'): IndexedRecord[] {
      return Array.from({ length: count }, (_, i) =>
        record(`${prefix}-${i}`, {
          face: rng.unit(dims.face),
          fingers: [finger(1, rng.unit(dims.finger))],
        }),
      );
    }

    it('finds the planted genuine copy among 2,000 others (recall@10 ≥ 0.95, face and finger)', async () => {
      const rng = new Vectors(0xc0ffee);
      const gallery: IndexedRecord[] = Array.from({ length: 2_000 }, (_, i) =>
        record(`random-${i}`, {
          face: rng.unit(dims.face),
          fingers: [finger(2, rng.unit(dims.finger))],
        }),
      );
      const probes = Array.from({ length: 50 }, () => ({
        face: rng.unit(dims.face),
        finger: rng.unit(dims.finger),
      }));
      // Two captures of one trait are far from identical: cosine 0.5 is a
      // middling genuine pair (random pairs here sit within ±0.2).
      probes.forEach((probe, i) =>
        gallery.splice(
          i * 40 + 7,
          0,
          record(`planted-${i}`, {
            face: rng.near(probe.face, 0.5),
            fingers: [finger(2, rng.near(probe.finger, 0.5))],
          }),
        ),
      );
      await upsertInBatches(index, gallery, 250);
      expect(await index.size()).toBe(2_050);

      const options = { k: 10, maxBlockSize: 10 };
      const byFace = await index.search(
        probes.map((p, i) => query(`probe-${i}`, { face: p.face })),
        options,
      );
      const byFinger = await index.search(
        probes.map((p, i) => query(`probe-${i}`, { fingers: [finger(2, p.finger)] })),
        options,
      );
      const recall = (results: CandidateSearchResult[]) =>
        results.filter((r, i) => r.candidates.some((c) => c.key === `planted-${i}`)).length /
        results.length;
      expect(byFace).toHaveLength(50);
      expect(recall(byFace)).toBeGreaterThanOrEqual(0.95);
      expect(recall(byFinger)).toBeGreaterThanOrEqual(0.95);
      for (const result of byFace) {
        expect(result.candidates.length).toBeLessThanOrEqual(10);
        for (const c of result.candidates) expect(c.via).toEqual(['FACE']);
      }
      for (const result of byFinger) {
        for (const c of result.candidates) expect(c.via).toEqual(['FINGER']);
      }
      // Embedded PostgreSQL fills 2,000 HNSW entries in tens of seconds.
    }, 180_000);

    it('finds a record the moment its upsert resolves (read-your-writes, one record at a time)', async () => {
      const rng = new Vectors(0x5eed01);
      await index.upsert(fillers(rng, 200));
      for (let i = 0; i < 40; i++) {
        const face = rng.unit(dims.face);
        const thumb = rng.unit(dims.finger);
        await index.upsert([
          record(`fresh-${i}`, {
            face,
            fingers: [finger(1, thumb)],
            blockingKeys: [`doc:FRESH${i}`],
          }),
        ]);
        const [result] = await index.search(
          [
            query(`probe-${i}`, {
              face: rng.near(face, 0.8),
              fingers: [finger(1, rng.near(thumb, 0.8))],
              blockingKeys: [`doc:FRESH${i}`],
            }),
          ],
          { k: 1, maxBlockSize: 10 },
        );
        expect(viaOf(result, `fresh-${i}`)).toEqual(['BLOCKING', 'FACE', 'FINGER']);
      }
      expect(await index.size()).toBe(240);
    });

    it('never returns the query’s own record, and still gives k others', async () => {
      const rng = new Vectors(0x5eed02);
      const face = rng.unit(dims.face);
      const print = rng.unit(dims.finger);
      await index.upsert([
        ...fillers(rng, 20),
        record('self', {
          face,
          fingers: [finger(5, print)],
          blockingKeys: ['doc:SELF1', 'nyb:SLF|1990'],
        }),
        record('twin', {
          face: rng.near(face, 0.9),
          fingers: [finger(5, rng.near(print, 0.9))],
          blockingKeys: ['nyb:SLF|1990'],
        }),
        record('sibling', {
          face: rng.near(face, 0.8),
          fingers: [finger(5, rng.near(print, 0.8))],
        }),
      ]);
      const [result] = await index.search(
        [
          query('self', {
            face,
            fingers: [finger(5, print)],
            blockingKeys: ['doc:SELF1', 'nyb:SLF|1990'],
          }),
        ],
        { k: 1, maxBlockSize: 1 },
      );
      expect(keysOf(result)).toEqual(['twin']);
      expect(viaOf(result, 'twin')).toEqual(['BLOCKING', 'FACE', 'FINGER']);
      expect(result?.oversizedBlocks).toEqual([]);

      const [wider] = await index.search([query('self', { face })], {
        k: 2,
        maxBlockSize: 1,
      });
      expect(keysOf(wider)).toEqual(['sibling', 'twin']);
    });

    it('looks blocking keys up exactly (case and length matter) on records without vectors', async () => {
      await index.upsert([
        record('r1', { blockingKeys: ['doc:P123'] }),
        record('r2', { blockingKeys: ['doc:P1234'] }),
        record('r3', { blockingKeys: ['DOC:P123'] }),
        record('r4', { blockingKeys: ['doc:p123'] }),
        record('r5', { blockingKeys: ['nyb:SMT|1980', 'doc:P123'] }),
        record('r6', { blockingKeys: ['doc:P12'] }),
      ]);
      const [exact, none] = await index.search(
        [query('q', { blockingKeys: ['doc:P123'] }), query('q2', { blockingKeys: ['doc:Q9'] })],
        { k: 5, maxBlockSize: 10 },
      );
      expect(keysOf(exact)).toEqual(['r1', 'r5']);
      for (const c of exact?.candidates ?? []) expect(c.via).toEqual(['BLOCKING']);
      expect(none).toEqual({ candidates: [], oversizedBlocks: [] });
    });

    it('reports an oversized block and returns at most maxBlockSize of it', async () => {
      await index.upsert([
        ...Array.from({ length: 12 }, (_, i) =>
          record(`common-${i}`, { blockingKeys: ['nyb:SM|1980'] }),
        ),
        ...Array.from({ length: 3 }, (_, i) => record(`doc-${i}`, { blockingKeys: ['doc:Z1'] })),
        ...Array.from({ length: 5 }, (_, i) =>
          record(`full-${i}`, { blockingKeys: ['nyb:FL|1975'] }),
        ),
        // Five others plus the query itself: full, not oversized.
        record('me', { blockingKeys: ['nyb:FL|1975'] }),
      ]);
      const [result] = await index.search(
        [query('me', { blockingKeys: ['nyb:SM|1980', 'doc:Z1', 'nyb:FL|1975'] })],
        { k: 5, maxBlockSize: 5 },
      );
      expect(result?.oversizedBlocks).toEqual(['nyb:SM|1980']);
      const keys = keysOf(result);
      expect(keys.filter((k) => k.startsWith('common-')).length).toBeLessThanOrEqual(5);
      expect(keys.filter((k) => k.startsWith('doc-'))).toEqual(['doc-0', 'doc-1', 'doc-2']);
      expect(keys.filter((k) => k.startsWith('full-'))).toEqual([
        'full-0',
        'full-1',
        'full-2',
        'full-3',
        'full-4',
      ]);
      expect(keys).not.toContain('me');
    });

    it('with oversizedBlocks DROP, an oversized block is reported and proposes nobody', async () => {
      await index.upsert([
        ...Array.from({ length: 12 }, (_, i) =>
          record(`common-${i}`, { blockingKeys: ['nyb:SM|1980'] }),
        ),
        // Shares the common key and a second, rarer one: found through the rare one.
        record('both', { blockingKeys: ['nyb:SM|1980', 'nyb:SM|1980&nd:SM|1980-1-2'] }),
      ]);
      const [result] = await index.search(
        [query('me', { blockingKeys: ['nyb:SM|1980', 'nyb:SM|1980&nd:SM|1980-1-2'] })],
        { k: 5, maxBlockSize: 5, oversizedBlocks: 'DROP' },
      );
      expect(result?.oversizedBlocks).toEqual(['nyb:SM|1980']);
      expect(keysOf(result)).toEqual(['both']);
    });

    it('keeps finger positions apart: a finger-3 vector never answers a finger-4 query', async () => {
      const rng = new Vectors(0x5eed03);
      const print = rng.unit(dims.finger);
      await index.upsert([
        record('index-finger', { fingers: [finger(3, print)] }),
        record('middle-1', { fingers: [finger(4, rng.unit(dims.finger))] }),
        record('middle-2', { fingers: [finger(4, rng.unit(dims.finger))] }),
        record('face-only', { face: rng.unit(dims.face) }),
      ]);
      const [asFour, asThree, asFace] = await index.search(
        [
          query('q4', { fingers: [finger(4, print)] }),
          query('q3', { fingers: [finger(3, print)] }),
          query('qf', { face: rng.unit(dims.face) }),
        ],
        { k: 5, maxBlockSize: 5 },
      );
      expect(keysOf(asFour)).toEqual(['middle-1', 'middle-2']);
      expect(keysOf(asThree)).toEqual(['index-finger']);
      expect(keysOf(asFace)).toEqual(['face-only']);
    });

    it('replaces a record on re-upsert: old vectors and keys no longer find it', async () => {
      const rng = new Vectors(0x5eed04);
      const before = rng.unit(dims.face);
      const after = rng.unit(dims.face);
      const oldPrint = rng.unit(dims.finger);
      await index.upsert([
        ...fillers(rng, 20),
        record('moving', {
          face: before,
          fingers: [finger(1, oldPrint)],
          blockingKeys: ['doc:OLD1'],
        }),
        record('neighbour', { face: rng.near(before, 0.9) }),
      ]);
      const search = (q: CandidateQuery) => index.search([q], { k: 1, maxBlockSize: 5 });
      expect(keysOf((await search(query('q', { face: before })))[0])).toEqual(['moving']);

      await index.upsert([record('moving', { face: after, blockingKeys: ['doc:NEW1'] })]);
      expect(await index.size()).toBe(22);
      expect(keysOf((await search(query('q', { face: before })))[0])).toEqual(['neighbour']);
      expect(keysOf((await search(query('q', { face: after })))[0])).toEqual(['moving']);
      expect(
        keysOf((await search(query('q', { fingers: [finger(1, oldPrint)] })))[0]),
      ).not.toContain('moving');
      expect(keysOf((await search(query('q', { blockingKeys: ['doc:OLD1'] })))[0])).toEqual([]);
      expect(keysOf((await search(query('q', { blockingKeys: ['doc:NEW1'] })))[0])).toEqual([
        'moving',
      ]);
    });

    it('keeps the last of several upserts of one key in a batch', async () => {
      const rng = new Vectors(0x5eed05);
      const first = rng.unit(dims.face);
      const last = rng.unit(dims.face);
      await index.upsert([
        ...fillers(rng, 10),
        record('twice', { face: first, blockingKeys: ['doc:A'] }),
        record('twice', { face: last, blockingKeys: ['doc:B'] }),
      ]);
      expect(await index.size()).toBe(11);
      const [byLast, byOldKey] = await index.search(
        [query('q', { face: last }), query('q', { blockingKeys: ['doc:A'] })],
        { k: 1, maxBlockSize: 5 },
      );
      expect(keysOf(byLast)).toEqual(['twice']);
      expect(keysOf(byOldKey)).toEqual([]);
    });

    it('removes records from every route; removing an unknown key is a no-op', async () => {
      const rng = new Vectors(0x5eed06);
      const face = rng.unit(dims.face);
      const print = rng.unit(dims.finger);
      await index.upsert([
        ...fillers(rng, 10),
        record('gone', { face, fingers: [finger(1, print)], blockingKeys: ['doc:GONE'] }),
      ]);
      await index.remove(['gone', 'never-indexed']);
      await index.remove([]);
      expect(await index.size()).toBe(10);
      const [result] = await index.search(
        [query('q', { face, fingers: [finger(1, print)], blockingKeys: ['doc:GONE'] })],
        { k: 3, maxBlockSize: 5 },
      );
      expect(keysOf(result)).not.toContain('gone');
      expect(result?.candidates.length).toBeGreaterThan(0);
    });

    it('counts records, including those with only blocking keys or nothing searchable', async () => {
      const rng = new Vectors(0x5eed07);
      expect(await index.size()).toBe(0);
      await index.upsert([
        record('with-face', { face: rng.unit(dims.face) }),
        record('with-keys', { blockingKeys: ['doc:K1'] }),
        record('bare'),
      ]);
      await index.upsert([]);
      expect(await index.size()).toBe(3);
    });

    it('gives a record found by several routes once, with every route in `via`', async () => {
      const rng = new Vectors(0x5eed08);
      const face = rng.unit(dims.face);
      const two = rng.unit(dims.finger);
      const seven = rng.unit(dims.finger);
      await index.upsert([
        ...fillers(rng, 30),
        record('many', {
          face,
          fingers: [finger(2, two), finger(7, seven)],
          blockingKeys: ['doc:M1', 'nyb:MNY|1970'],
        }),
      ]);
      const [result] = await index.search(
        [
          query('q', {
            face: rng.near(face, 0.8),
            fingers: [finger(2, rng.near(two, 0.8)), finger(7, rng.near(seven, 0.8))],
            blockingKeys: ['doc:M1', 'nyb:MNY|1970'],
          }),
        ],
        { k: 3, maxBlockSize: 5 },
      );
      expect(result?.candidates.filter((c) => c.key === 'many')).toHaveLength(1);
      expect(viaOf(result, 'many')).toEqual(['BLOCKING', 'FACE', 'FINGER']);
      const keys = result?.candidates.map((c) => c.key) ?? [];
      expect(new Set(keys).size).toBe(keys.length);
    });

    it('answers each query of a batch in query order; an empty query finds nothing', async () => {
      const rng = new Vectors(0x5eed09);
      const a = rng.unit(dims.face);
      const b = rng.unit(dims.face);
      await index.upsert([
        ...fillers(rng, 10),
        record('a', { face: a, blockingKeys: ['doc:A'] }),
        record('b', { face: b, blockingKeys: ['doc:B'] }),
      ]);
      const results = await index.search(
        [
          query('qb', { face: b, blockingKeys: ['doc:B'] }),
          query('empty'),
          query('qa', { face: a, blockingKeys: ['doc:A'] }),
        ],
        { k: 1, maxBlockSize: 5 },
      );
      expect(results.map(keysOf)).toEqual([['b'], [], ['a']]);
      expect(await index.search([], { k: 1, maxBlockSize: 5 })).toEqual([]);
    });

    it('refuses a batch with a malformed vector as a whole, and bad search options', async () => {
      const rng = new Vectors(0x5eed0a);
      const tooShort = new Float32Array(dims.face - 1).fill(0.1);
      await expect(
        index.upsert([
          record('fine', { face: rng.unit(dims.face) }),
          record('broken', { face: tooShort }),
        ]),
      ).rejects.toBeInstanceOf(CandidateInputError);
      await expect(
        index.upsert([record('zero', { fingers: [finger(1, new Float32Array(dims.finger))] })]),
      ).rejects.toBeInstanceOf(CandidateInputError);
      await expect(
        index.upsert([record('eleven', { fingers: [finger(11, rng.unit(dims.finger))] })]),
      ).rejects.toBeInstanceOf(CandidateInputError);
      expect(await index.size()).toBe(0);
      await expect(
        index.search([query('q', { face: rng.unit(dims.face) })], { k: 0, maxBlockSize: 5 }),
      ).rejects.toBeInstanceOf(CandidateInputError);
    });
  });
}
