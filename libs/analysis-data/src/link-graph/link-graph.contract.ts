import {
  AnalysisQueryError,
  EDGE_TYPES,
  GRAPH_LIMITS,
  normaliseIdentifier,
  type AnalysisRecord,
  type Edge,
  type EdgeType,
  type Neighbourhood,
} from '@mosaic/analysis-model';
import type { DataSource } from 'typeorm';
import {
  clearGraphReadModel,
  seedGraphReadModel,
  syntheticGraphPopulation,
  type GraphPopulation,
} from './link-graph.fixtures';
import {
  breadthFirst,
  neighboursOf,
  referenceGraph,
  type ReferenceGraph,
} from './link-graph.reference';
import { PgLinkGraph, type LinkGraphLimits } from './pg-link-graph';

export interface LinkGraphContractTarget {
  /** A migrated, empty analysis database of the adapter's kind. */
  open: () => Promise<DataSource>;
  /** Releases what `open` made. */
  close: (db: DataSource) => Promise<void>;
}

/**
 * A network-rich synthetic population (400 persons, about five criminal
 * networks), every record on its true person. Seed 11 has rings whose members
 * are tied through cases, courier flights and burner phones, several hotel
 * and call-centre coincidences, and pairs with more than one shortest path.
 */
const POPULATION = { persons: 400, seed: 11, overrides: { 'population.networkRate': '0.12' } };
const PORT_MINUTES = GRAPH_LIMITS.defaultCoTravelMinutes;
const FLIGHT_WINDOW_MS = 12 * 3_600_000;

const sorted = (items: Iterable<string>): string[] => [...items].sort();
const keyOf = (r: { source: string; recordId: string }): string => `${r.source}:${r.recordId}`;

/**
 * The contract every link-graph adapter of the analysis read model passes,
 * on the synthetic ground truth: ring members find each other with evidence
 * that really shares what it says, coincidences are not ties, suspended links
 * never count, caps refuse or say `truncated`, paths are shortest, and nothing
 * depends on the order rows were written in.
 */
export function describeLinkGraphContract(mode: string, target: LinkGraphContractTarget): void {
  describe(`link graph contract (${mode})`, () => {
    let db: DataSource;
    let population: GraphPopulation;
    let graph: PgLinkGraph;
    let reference: ReferenceGraph;
    const withLimits = (limits: Partial<LinkGraphLimits>) =>
      new PgLinkGraph({ session: db, limits });

    const neighbours = (personId: string, hops: number, edgeTypes?: EdgeType[]) =>
      graph.neighbors({ personId, hops, edgeTypes: edgeTypes ?? EDGE_TYPES, window: {} });

    /** Every evidence item names one record of each side, and those records share what the edge says. */
    const expectEvidenceHolds = (edge: Edge, portMinutes: number = PORT_MINUTES) => {
      expect(edge.evidence.length).toBeGreaterThan(0);
      expect(edge.evidenceCount).toBeGreaterThanOrEqual(edge.evidence.length);
      for (const e of edge.evidence) {
        const a = reference.records.get(keyOf(e.fromRecord));
        const b = reference.records.get(keyOf(e.toRecord));
        if (!a || !b) throw new Error(`evidence names an unknown record: ${JSON.stringify(e)}`);
        expect(population.personOf.get(a.key)).toBe(edge.from);
        expect(population.personOf.get(b.key)).toBe(edge.to);
        expect(e.fromRecord.observedAt).toBe(new Date(a.observedAt).toISOString());
        const apart = Math.abs(Date.parse(a.observedAt) - Date.parse(b.observedAt));
        switch (edge.type) {
          case 'CO_SUBJECT':
            expect(a.caseId).not.toBeNull();
            expect(b.caseId).toBe(a.caseId);
            expect(e.detail).toBe(`case ${a.caseNumber}`);
            break;
          case 'CO_TRAVEL': {
            const flight = a.flight !== null && a.flight === b.flight && apart <= FLIGHT_WINDOW_MS;
            const port =
              a.port === b.port && a.direction === b.direction && apart <= portMinutes * 60_000;
            expect(flight || port).toBe(true);
            expect(e.strength).toBe(flight ? 'STRONG' : 'WEAK');
            expect(e.detail).toContain(flight ? `flight ${a.flight}` : `${a.port} ${a.direction}`);
            break;
          }
          default: {
            const kind = edge.type.replace('SHARED_', '');
            const shared = a.identifiers.filter(
              (x) =>
                x.kind === kind &&
                b.identifiers.some((y) => y.kind === kind && y.value === x.value),
            );
            expect(shared.length).toBeGreaterThan(0);
            expect(shared.some((x) => e.detail.includes(x.display))).toBe(true);
          }
        }
      }
    };

    /** The persons whose live records carry an identifier (the truth lists whom it was given to). */
    const carriers = (kind: string, value: string): string[] =>
      sorted(
        new Set(
          population.records
            .filter((r) => r.identifiers.some((i) => i.kind === kind && i.value === value))
            .map((r) => population.personOf.get(r.key) as string),
        ),
      );

    const expectReferenceEdges = (result: Neighbourhood) => {
      for (const edge of result.edges) {
        const evidence = reference.ties.get(edge.from)?.get(edge.to) ?? [];
        expect(evidence.some((e) => e.type === edge.type)).toBe(true);
        expectEvidenceHolds(edge);
      }
    };

    beforeAll(async () => {
      population = syntheticGraphPopulation(POPULATION);
      reference = referenceGraph(population, {
        hubPersons: GRAPH_LIMITS.hubPersons,
        portMinutes: PORT_MINUTES,
      });
      db = await target.open();
      await seedGraphReadModel(db, population);
      graph = new PgLinkGraph({ session: db });
    }, 120_000);

    afterAll(async () => {
      if (db) await target.close(db);
    });

    it("finds a ring member's ring within 2 hops, each edge with records that really share its value", async () => {
      let largest = 0;
      for (const network of population.networks) {
        const ring = new Set(network.members);
        // The ring as its own records tie it together: shared cases, courier flights, identifiers.
        const ringTies = (p: string) =>
          neighboursOf(reference, p, EDGE_TYPES).filter((q) => ring.has(q));
        const subjects = [...network.members].sort(
          (a, b) => ringTies(b).length - ringTies(a).length,
        );
        const subject = subjects[0] as string;
        const expected = new Set<string>();
        for (const q of ringTies(subject)) {
          expected.add(q);
          for (const r of ringTies(q)) if (r !== subject) expected.add(r);
        }
        largest = Math.max(largest, expected.size);

        const result = await neighbours(subject, 2);
        const nodes = new Map(result.nodes.map((n) => [n.personId, n.hops]));
        expect(result.truncated).toBe(false);
        expect(nodes.get(subject)).toBe(0);
        for (const member of expected) expect(nodes.get(member)).toBeLessThanOrEqual(2);
        // The ring's shared identifiers are ties, never hubs.
        for (const id of network.sharedIdentifiers) {
          expect(
            result.skippedHubs.filter(
              (h) =>
                h.type === `SHARED_${id.kind}` &&
                normaliseIdentifier(id.kind, h.value) === id.value,
            ),
          ).toEqual([]);
        }
        expectReferenceEdges(result);
        // Every person reached is reached through an edge of the result.
        for (const n of result.nodes.filter((x) => x.hops > 0)) {
          expect(
            result.edges.some((e) => e.to === n.personId && nodes.get(e.from) === n.hops - 1),
          ).toBe(true);
        }
      }
      // The population is network-rich enough for this to mean something.
      expect(largest).toBeGreaterThanOrEqual(4);
    });

    it('returns exactly the reference graph: same neighbours and edge types, 1 and 2 hops out', async () => {
      const withRecords = sorted(new Set(population.personOf.values()));
      const sample = [
        ...withRecords.filter((_, i) => i % 25 === 0),
        ...population.networks.map((n) => n.hub),
      ];
      for (const p of sample) {
        const result = await neighbours(p, 1);
        expect(sorted(result.nodes.filter((n) => n.hops === 1).map((n) => n.personId))).toEqual(
          neighboursOf(reference, p, EDGE_TYPES),
        );
        for (const q of neighboursOf(reference, p, EDGE_TYPES)) {
          const types = sorted(
            new Set(
              reference.ties
                .get(p)
                ?.get(q)
                ?.map((e) => e.type),
            ),
          );
          expect(sorted(result.edges.filter((e) => e.to === q).map((e) => e.type))).toEqual(types);
        }
        expectReferenceEdges(result);
      }
      for (const p of population.networks.map((n) => n.hub)) {
        for (const types of [
          EDGE_TYPES,
          ['CO_SUBJECT'],
          ['SHARED_PHONE', 'SHARED_VEHICLE'],
        ] as EdgeType[][]) {
          const result = await graph.neighbors({
            personId: p,
            hops: 2,
            edgeTypes: types,
            window: {},
          });
          const bfs = breadthFirst(reference, p, types, 2).hops;
          expect(result.nodes.map((n) => [n.personId, n.hops]).sort()).toEqual(
            [...bfs.entries()].sort(),
          );
          expect(result.edges.every((e) => types.includes(e.type))).toBe(true);
        }
      }
    });

    it('never reports a coincidental hotel address or call-centre phone as a tie', async () => {
      let coincidentalPairs = 0;
      for (const c of population.coincidences) {
        const type: EdgeType = c.kind === 'PHONE' ? 'SHARED_PHONE' : 'SHARED_ADDRESS';
        const persons = carriers(c.kind, c.value);
        for (const [n, a] of persons.entries()) {
          // Persons who share the value with `a` and nothing an investigator or a flight ties them by.
          const strangers = persons.filter(
            (b) =>
              b !== a &&
              !(reference.evidence.get(a)?.get(b) ?? []).some((e) => e.strength === 'STRONG'),
          );
          if (strangers.length === 0) continue;
          coincidentalPairs += strangers.length;
          for (const edgeTypes of (n === 0 ? [[type], EDGE_TYPES] : [EDGE_TYPES]) as EdgeType[][]) {
            const result = await graph.neighbors({ personId: a, hops: 1, edgeTypes, window: {} });
            const reached = new Set(result.nodes.map((n) => n.personId));
            for (const b of strangers) expect(reached.has(b)).toBe(false);
          }
        }
      }
      expect(coincidentalPairs).toBeGreaterThan(0);
    });

    it('skips and reports an identifier shared by more persons than the hub threshold', async () => {
      const spreadOf = (c: GraphPopulation['coincidences'][number]) =>
        carriers(c.kind, c.value).length;
      const widest = [...population.coincidences].sort((a, b) => spreadOf(b) - spreadOf(a))[0];
      if (!widest) throw new Error('the population has no coincidence identifiers');
      const spread = spreadOf(widest);
      expect(spread).toBeGreaterThanOrEqual(3);
      const type: EdgeType = widest.kind === 'PHONE' ? 'SHARED_PHONE' : 'SHARED_ADDRESS';
      const strict = withLimits({ hubPersons: spread - 1 });
      const result = await strict.neighbors({
        personId: carriers(widest.kind, widest.value)[0] as string,
        hops: 1,
        edgeTypes: EDGE_TYPES,
        window: {},
      });
      expect(
        result.skippedHubs.filter(
          (h) => h.type === type && normaliseIdentifier(widest.kind, h.value) === widest.value,
        ),
      ).toEqual([expect.objectContaining({ persons: spread })]);
      for (const edge of result.edges.filter((e) => e.type === type)) {
        for (const e of edge.evidence) {
          expect(normaliseIdentifier(widest.kind, e.detail.split(' / ')[0] as string)).not.toBe(
            widest.value,
          );
        }
      }
      // At the calibrated threshold every value shared by more persons than it is a hub too.
      for (const c of population.coincidences.filter(
        (x) => spreadOf(x) > GRAPH_LIMITS.hubPersons,
      )) {
        const r = await neighbours(carriers(c.kind, c.value)[0] as string, 1);
        expect(r.skippedHubs.some((h) => normaliseIdentifier(c.kind, h.value) === c.value)).toBe(
          true,
        );
      }
    });

    it('leaves out records whose membership is suspended, and persons who are no longer active', async () => {
      // A pair of ring members tied by one record of one side only (say one shared case).
      let chosen: { a: string; b: string; record: string } | null = null;
      for (const network of population.networks) {
        for (const a of network.members) {
          for (const [b, list] of reference.ties.get(a) ?? []) {
            const records = new Set(list.map((e) => e.fromKey));
            if (records.size === 1 && list.some((e) => e.type === 'CO_SUBJECT')) {
              chosen ??= { a, b, record: [...records][0] as string };
            }
          }
        }
      }
      if (!chosen) throw new Error('no pair tied by a single record in the population');
      const { a, b, record } = chosen;
      const before = await neighbours(a, 1);
      expect(before.nodes.map((n) => n.personId)).toContain(b);

      await db.query(`UPDATE analysis_membership SET state = 'SUSPENDED' WHERE record_key = $1`, [
        record,
      ]);
      try {
        const usesRecord = (r: Neighbourhood) =>
          r.edges.some((e) =>
            e.evidence.some((x) => keyOf(x.fromRecord) === record || keyOf(x.toRecord) === record),
          );
        const fromA = await neighbours(a, 2);
        const fromB = await neighbours(b, 2);
        expect(usesRecord(fromA)).toBe(false);
        expect(usesRecord(fromB)).toBe(false);
        const without = referenceGraph(population, {
          hubPersons: GRAPH_LIMITS.hubPersons,
          portMinutes: PORT_MINUTES,
          suspended: new Set([record]),
        });
        expect(sorted(fromA.nodes.filter((n) => n.hops === 1).map((n) => n.personId))).toEqual(
          neighboursOf(without, a, EDGE_TYPES),
        );
        expect(
          fromA.edges.some((e) => (e.from === a && e.to === b) || (e.from === b && e.to === a)),
        ).toBe(neighboursOf(without, a, EDGE_TYPES).includes(b));
        const paths = await graph.paths({
          from: a,
          to: b,
          maxHops: 4,
          edgeTypes: EDGE_TYPES,
          window: {},
        });
        for (const path of paths.paths) {
          for (const e of path.edges) {
            expect(
              e.evidence.some(
                (x) => keyOf(x.fromRecord) === record || keyOf(x.toRecord) === record,
              ),
            ).toBe(false);
          }
        }
      } finally {
        await db.query(`UPDATE analysis_membership SET state = 'ACTIVE' WHERE record_key = $1`, [
          record,
        ]);
      }

      await db.query(`UPDATE analysis_person SET status = 'MERGED' WHERE id = $1`, [b]);
      try {
        const result = await neighbours(a, 2);
        expect(result.nodes.map((n) => n.personId)).not.toContain(b);
        expect((await neighbours(b, 1)).nodes).toEqual([{ personId: b, hops: 0 }]);
      } finally {
        await db.query(`UPDATE analysis_person SET status = 'ACTIVE' WHERE id = $1`, [b]);
      }
      expect((await neighbours(a, 1)).nodes.map((n) => n.personId)).toContain(b);
    });

    it('refuses requests over the caps with a typed error, before any statement runs', async () => {
      const statements: string[] = [];
      const spy = new PgLinkGraph({
        session: {
          query: async (sql: string) => {
            statements.push(sql);
            return [];
          },
        } as unknown as DataSource,
      });
      const subject = population.networks[0]?.hub as string;
      const other = population.networks[0]?.members[1] as string;
      const refused = async (run: () => Promise<unknown>, field: string) => {
        const error = await run().then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(AnalysisQueryError);
        expect((error as AnalysisQueryError).code).toBe('BAD_USER_INPUT');
        expect((error as AnalysisQueryError).issues.map((i) => i.field)).toContain(field);
      };
      const n = (over: Record<string, unknown>) => () =>
        spy.neighbors({
          personId: subject,
          hops: 2,
          edgeTypes: EDGE_TYPES,
          window: {},
          ...over,
        } as never);
      await refused(n({ hops: 4 }), 'hops');
      await refused(n({ hops: 0 }), 'hops');
      await refused(n({ hops: 2.5 }), 'hops');
      await refused(n({ edgeTypes: ['FRIEND_OF'] }), 'edgeTypes');
      await refused(n({ edgeTypes: [] }), 'edgeTypes');
      await refused(n({ personId: "1' OR '1'='1" }), 'personId');
      await refused(n({ maxNodes: GRAPH_LIMITS.maxNodes + 1 }), 'maxNodes');
      await refused(
        n({ window: { from: '2024-02-01T00:00:00Z', to: '2024-01-01T00:00:00Z' } }),
        'to',
      );
      await refused(n({ window: { from: 'last tuesday' } }), 'from');
      const p = (over: Record<string, unknown>) => () =>
        spy.paths({
          from: subject,
          to: other,
          maxHops: 3,
          edgeTypes: EDGE_TYPES,
          window: {},
          ...over,
        } as never);
      await refused(p({ maxHops: 5 }), 'maxHops');
      await refused(p({ to: subject }), 'to');
      await refused(p({ edgeTypes: ['CO_SUBJECT', 'DROP TABLE'] }), 'edgeTypes');
      const c = (over: Record<string, unknown>) => () =>
        spy.coTravelers({ personId: subject, windowMinutes: 60, window: {}, ...over } as never);
      await refused(c({ windowMinutes: GRAPH_LIMITS.maxCoTravelMinutes + 1 }), 'windowMinutes');
      await refused(c({ windowMinutes: 0 }), 'windowMinutes');
      expect(statements).toEqual([]);
    });

    it('says truncated, and why, when a cap cuts the result', async () => {
      const hub = [...population.networks]
        .map((n) => n.hub)
        .sort(
          (x, y) =>
            neighboursOf(reference, y, EDGE_TYPES).length -
            neighboursOf(reference, x, EDGE_TYPES).length,
        )[0] as string;
      const degree = neighboursOf(reference, hub, EDGE_TYPES).length;
      expect(degree).toBeGreaterThanOrEqual(3);

      const full = await neighbours(hub, 2);
      expect(full).toMatchObject({ truncated: false, truncatedBy: [] });

      const fanOut = await withLimits({ maxFanOut: 2 }).neighbors({
        personId: hub,
        hops: 2,
        edgeTypes: EDGE_TYPES,
        window: {},
      });
      expect(fanOut.truncatedBy).toContain('MAX_FAN_OUT');
      expect(fanOut.nodes.filter((n) => n.hops === 1)).toHaveLength(2);
      // The two kept are the most evidenced of the hub's ties.
      const strength = (q: string) =>
        (reference.ties.get(hub)?.get(q) ?? []).filter((e) => e.strength === 'STRONG').length;
      const kept = fanOut.nodes.filter((n) => n.hops === 1).map((n) => strength(n.personId));
      const all = neighboursOf(reference, hub, EDGE_TYPES)
        .map(strength)
        .sort((x, y) => y - x);
      expect(Math.min(...kept)).toBe(all[1]);

      const nodes = await graph.neighbors({
        personId: hub,
        hops: 2,
        edgeTypes: EDGE_TYPES,
        window: {},
        maxNodes: 3,
      });
      expect(nodes).toMatchObject({ truncated: true, truncatedBy: ['MAX_NODES'] });
      expect(nodes.nodes).toHaveLength(3);
      for (const e of nodes.edges) {
        expect(nodes.nodes.map((x) => x.personId)).toEqual(expect.arrayContaining([e.from, e.to]));
      }

      const cost = await withLimits({ maxCost: 3 }).neighbors({
        personId: hub,
        hops: 2,
        edgeTypes: EDGE_TYPES,
        window: {},
      });
      expect(cost.truncatedBy).toContain('MAX_COST');
      expect(cost.edges.reduce((sum, e) => sum + e.evidenceCount, 0)).toBeLessThanOrEqual(3);

      const evidence = await withLimits({ maxEvidencePerEdge: 1 }).neighbors({
        personId: hub,
        hops: 1,
        edgeTypes: EDGE_TYPES,
        window: {},
      });
      expect(evidence.edges.every((e) => e.evidence.length === 1)).toBe(true);
      expect(evidence.edges.some((e) => e.evidenceCount > 1)).toBe(true);
    });

    it('finds every shortest path from both ends, as long as a plain breadth-first search says', async () => {
      const sources = population.networks.map((n) => n.members[n.members.length - 1] as string);
      let multiple = 0;
      let checked = 0;
      for (const from of sources) {
        const bfs = breadthFirst(reference, from, EDGE_TYPES, 6);
        const byDistance = new Map<number, string[]>();
        for (const [p, h] of bfs.hops) {
          if (h > 0) byDistance.set(h, [...(byDistance.get(h) ?? []), p].sort());
        }
        // At each distance, the person reached by the most shortest paths (the hard case).
        const most = (h: number) =>
          [...(byDistance.get(h) ?? [])].sort(
            (x, y) => (bfs.shortestPaths.get(y) as number) - (bfs.shortestPaths.get(x) as number),
          )[0];
        const targets = [1, 2, 3, 4, 5].flatMap((h) => most(h) ?? []);
        for (const to of targets) {
          const distance = bfs.hops.get(to) as number;
          const result = await graph.paths({
            from,
            to,
            maxHops: 4,
            edgeTypes: EDGE_TYPES,
            window: {},
          });
          checked += 1;
          if (distance > 4) {
            expect(result).toMatchObject({ hops: null, paths: [] });
            continue;
          }
          expect(result.hops).toBe(distance);
          const count = bfs.shortestPaths.get(to) as number;
          if (count > 1 && distance >= 3) multiple += 1;
          expect(result.paths).toHaveLength(Math.min(count, GRAPH_LIMITS.maxPaths));
          expect(result.truncatedBy).toEqual(count > GRAPH_LIMITS.maxPaths ? ['MAX_PATHS'] : []);
          expect(new Set(result.paths.map((x) => x.personIds.join('>'))).size).toBe(
            result.paths.length,
          );
          for (const path of result.paths) {
            expect(path.personIds).toHaveLength(distance + 1);
            expect(path.personIds[0]).toBe(from);
            expect(path.personIds[distance]).toBe(to);
            for (let i = 0; i < distance; i++) {
              const [x, y] = [path.personIds[i] as string, path.personIds[i + 1] as string];
              const steps = path.edges.filter((e) => e.from === x && e.to === y);
              const types = sorted(
                new Set(
                  reference.ties
                    .get(x)
                    ?.get(y)
                    ?.map((e) => e.type),
                ),
              );
              expect(sorted(steps.map((e) => e.type))).toEqual(types);
              for (const e of steps) expectEvidenceHolds(e);
            }
            expect(
              path.edges.every(
                (e) => path.personIds.indexOf(e.to) === path.personIds.indexOf(e.from) + 1,
              ),
            ).toBe(true);
          }
          if (count > 1) {
            const single = await withLimits({ maxPaths: 1 }).paths({
              from,
              to,
              maxHops: 4,
              edgeTypes: EDGE_TYPES,
              window: {},
            });
            expect(single).toMatchObject({
              hops: distance,
              truncated: true,
              truncatedBy: ['MAX_PATHS'],
            });
            expect(single.paths).toHaveLength(1);
          }
        }
        // Too few hops allowed: no path, not a wrong one.
        const far = byDistance.get(3)?.[0];
        if (far) {
          expect(
            await graph.paths({ from, to: far, maxHops: 2, edgeTypes: EDGE_TYPES, window: {} }),
          ).toMatchObject({ hops: null, paths: [] });
        }
      }
      expect(checked).toBeGreaterThanOrEqual(8);
      expect(multiple).toBeGreaterThan(0);
    });

    it('lists every shortest path through a person reached from two sides, searching from either end', async () => {
      // F–A–M–T and F–B–M–T through shared cases, and T with three more co-subjects, so the
      // search meets at M from the thinner side with two parents there (either end first).
      const id = (n: number) => `ffffffff-0000-4000-8000-${String(n).padStart(12, '0')}`;
      const [F, A, B, M, T, X1, X2, X3] = [1, 2, 3, 4, 5, 6, 7, 8].map(id) as string[];
      const cases = [
        [F, A],
        [F, B],
        [A, M],
        [B, M],
        [M, T],
        [T, X1],
        [T, X2],
        [T, X3],
      ] as string[][];
      const records = cases.flatMap((subjects, c) =>
        subjects.map((person, s): [AnalysisRecord, string] => [
          {
            key: `seizure:DIAMOND-C${c}-S${s}`,
            source: 'seizure',
            recordId: `DIAMOND-C${c}-S${s}`,
            observedAt: `2023-05-0${1 + (c % 9)}T10:00:00.000Z`,
            givenNames: null,
            surname: null,
            dateOfBirth: null,
            sex: null,
            nationality: null,
            nameTokens: [],
            phoneticKeys: [],
            identifiers: [],
            caseId: `DIAMOND-C${c}`,
            caseNumber: `SZ-DIAMOND-${c}`,
            role: 'SUSPECT',
            carrier: null,
            flight: null,
            port: null,
            direction: null,
          },
          person,
        ]),
      );
      await seedGraphReadModel(db, {
        records: records.map(([r]) => r),
        personOf: new Map(records.map(([r, p]) => [r.key, p])),
        persons: [F, A, B, M, T, X1, X2, X3] as string[],
        networks: [],
        coincidences: [],
      });
      try {
        for (const [from, to] of [
          [F, T],
          [T, F],
        ] as [string, string][]) {
          const result = await graph.paths({
            from,
            to,
            maxHops: 4,
            edgeTypes: EDGE_TYPES,
            window: {},
          });
          const expected =
            from === F
              ? [
                  [F, A, M, T],
                  [F, B, M, T],
                ]
              : [
                  [T, M, A, F],
                  [T, M, B, F],
                ];
          expect(result).toMatchObject({ hops: 3, truncated: false });
          expect(result.paths.map((x) => x.personIds)).toEqual(expected);
          for (const path of result.paths) {
            expect(path.edges.map((e) => [e.from, e.to, e.type])).toEqual(
              path.personIds.slice(1).map((p, i) => [path.personIds[i], p, 'CO_SUBJECT']),
            );
            for (const e of path.edges) {
              const [fromRecord, toRecord] = [e.evidence[0]?.fromRecord, e.evidence[0]?.toRecord];
              expect(fromRecord?.recordId.split('-S')[0]).toBe(toRecord?.recordId.split('-S')[0]);
              expect(e.evidence[0]?.detail).toMatch(/^case SZ-DIAMOND-\d$/);
            }
          }
        }
      } finally {
        await db.query(`DELETE FROM analysis_record WHERE key LIKE 'seizure:DIAMOND-%'`);
        await db.query(`DELETE FROM analysis_membership WHERE record_key LIKE 'seizure:DIAMOND-%'`);
        await db.query(`DELETE FROM analysis_person WHERE id::text LIKE 'ffffffff-%'`);
      }
    });

    it('lists co-travellers with their flights, and same-port travellers only when asked for that window', async () => {
      // Ring couriers on one flight.
      let flights = 0;
      for (const network of population.networks) {
        for (const a of network.members) {
          const together = [...(reference.evidence.get(a) ?? [])].filter(([, list]) =>
            list.some((e) => e.type === 'CO_TRAVEL' && e.strength === 'STRONG'),
          );
          if (together.length === 0) continue;
          flights += 1;
          const result = await graph.coTravelers({
            personId: a,
            windowMinutes: PORT_MINUTES,
            window: {},
          });
          expect(result.nodes[0]).toEqual({ personId: a, hops: 0 });
          for (const [b] of together) {
            const edge = result.edges.find((e) => e.to === b);
            expect(
              edge?.evidence.some((e) => e.strength === 'STRONG' && e.detail.startsWith('flight ')),
            ).toBe(true);
          }
          for (const edge of result.edges) {
            expect(edge).toMatchObject({ from: a, type: 'CO_TRAVEL' });
            expectEvidenceHolds(edge);
          }
        }
      }
      expect(flights).toBeGreaterThan(0);

      // Same port, same direction, different flights, within a day: co-presence, not a tie.
      const day = referenceGraph(population, {
        hubPersons: GRAPH_LIMITS.hubPersons,
        portMinutes: 24 * 60,
      });
      const portOnly = [...day.evidence.entries()].flatMap(([a, byOther]) =>
        [...byOther.entries()]
          .filter(([, list]) =>
            list.every(
              (e) =>
                e.type === 'CO_TRAVEL' &&
                e.strength === 'WEAK' &&
                Math.abs(
                  Date.parse(day.records.get(e.fromKey)?.observedAt as string) -
                    Date.parse(day.records.get(e.toKey)?.observedAt as string),
                ) > 120_000,
            ),
          )
          .map(([b]) => ({ a, b })),
      );
      expect(portOnly.length).toBeGreaterThan(0);
      const { a, b } = portOnly[0] as { a: string; b: string };
      const wide = await graph.coTravelers({ personId: a, windowMinutes: 24 * 60, window: {} });
      const edge = wide.edges.find((e) => e.to === b) as Edge;
      expect(edge.evidence.every((e) => e.strength === 'WEAK')).toBe(true);
      expectEvidenceHolds(edge, 24 * 60);
      const narrow = await graph.coTravelers({ personId: a, windowMinutes: 1, window: {} });
      expect(narrow.nodes.map((n) => n.personId)).not.toContain(b);
      expect((await neighbours(a, 1)).nodes.map((n) => n.personId)).not.toContain(b);
    });

    it('keeps every piece of evidence inside the time window asked for', async () => {
      const hub = population.networks[0]?.hub as string;
      const times = sorted(
        population.records
          .filter((r) => r.caseId !== null)
          .map((r) => new Date(r.observedAt).toISOString()),
      );
      const window = {
        from: times[Math.floor(times.length / 4)] as string,
        to: times[Math.floor((times.length * 3) / 4)] as string,
      };
      const result = await graph.neighbors({
        personId: hub,
        hops: 2,
        edgeTypes: EDGE_TYPES,
        window,
      });
      const windowed = referenceGraph(population, {
        hubPersons: GRAPH_LIMITS.hubPersons,
        portMinutes: PORT_MINUTES,
        window,
      });
      expect(result.nodes.map((n) => [n.personId, n.hops]).sort()).toEqual(
        [...breadthFirst(windowed, hub, EDGE_TYPES, 2).hops.entries()].sort(),
      );
      for (const edge of result.edges) {
        for (const e of edge.evidence) {
          for (const r of [e.fromRecord, e.toRecord]) {
            expect(r.observedAt >= window.from && r.observedAt <= window.to).toBe(true);
          }
        }
      }
    });

    it('answers the same whatever order the rows were written in', async () => {
      const subjects = population.networks.map((n) => n.hub);
      const ask = async () => ({
        neighbours: await Promise.all(subjects.map((s) => neighbours(s, 2))),
        paths: await graph.paths({
          from: subjects[0] as string,
          to: population.networks[0]?.members[population.networks[0].members.length - 1] as string,
          maxHops: 4,
          edgeTypes: EDGE_TYPES,
          window: {},
        }),
        coTravelers: await Promise.all(
          subjects.map((s) =>
            graph.coTravelers({ personId: s, windowMinutes: 24 * 60, window: {} }),
          ),
        ),
        // Cut results too: which rows a cap keeps must not depend on where they lie on disk.
        cut: await Promise.all(
          subjects.flatMap((s) =>
            [3, 11, 40].map((maxCost) =>
              withLimits({ maxFanOut: 2, maxCost }).neighbors({
                personId: s,
                hops: 3,
                edgeTypes: EDGE_TYPES,
                window: {},
              }),
            ),
          ),
        ),
      });
      const before = await ask();
      expect(before.cut.every((r) => r.truncatedBy.includes('MAX_COST'))).toBe(true);
      for (const order of ['reversed', 'shuffled'] as const) {
        await clearGraphReadModel(db);
        await seedGraphReadModel(db, population, order);
        expect(await ask()).toEqual(before);
      }
    }, 120_000);
  });
}
