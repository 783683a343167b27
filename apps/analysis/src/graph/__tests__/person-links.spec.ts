import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentGatewayHeaders, type Purpose, type Role } from '@mosaic/access';
import type { GatewayCredentialConfig } from '@mosaic/config';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  seedGraphReadModel,
  syntheticGraphPopulation,
  type GraphPopulation,
} from '@mosaic/analysis-data';
import { GRAPH_LIMITS } from '@mosaic/analysis-model';
import { closeEmbeddedBus, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource } from 'typeorm';
import { AnalysisAppModule } from '../../app.module';
import { loadAnalysisConfig } from '../../config/analysis.config';

interface GraphqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; issues?: { field: string; reason: string }[] };
}
interface GraphqlResponse {
  data?: Record<string, unknown> | null;
  errors?: GraphqlError[];
  extensions?: { mosaicAudit?: { personIds: string[]; decisionIds: string[] } };
}
interface GqlRecord {
  source: string;
  recordId: string;
  observedAt: string;
}
interface GqlEdge {
  from: { id: string };
  to: { id: string };
  type: string;
  evidence: { fromRecord: GqlRecord; toRecord: GqlRecord; detail: string; strength: string }[];
  evidenceCount: number;
}
interface GqlNeighbourhood {
  nodes: { person: { id: string }; hops: number }[];
  edges: GqlEdge[];
  truncated: boolean;
  truncatedBy: string[];
  skippedHubs: { type: string; value: string; persons: number }[];
}

const EDGE = `from { id } to { id } type evidenceCount
  evidence { fromRecord { source recordId observedAt } toRecord { source recordId observedAt } detail strength }`;
const NEIGHBOURHOOD = `nodes { person { id } hops } edges { ${EDGE} } truncated truncatedBy
  skippedHubs { type value persons }`;

const entities = (field: string) => `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Person { id ${field} } }
  }`;
const person = (id: string) => ({ __typename: 'Person', id });

describe('analysis subgraph: link analysis on Person (embedded)', () => {
  let app: INestApplication;
  let dataDir: string;
  let url: string;
  let population: GraphPopulation;
  let credential: GatewayCredentialConfig;

  // Signed as the gateway signs each call (a subgraph answers nothing else), fresh per call:
  // a credential lives a minute.
  const as = (roles: Role[], purpose: Purpose = 'CASE_INVESTIGATION') =>
    developmentGatewayHeaders(credential, {
      subgraph: 'analysis',
      user: 'test.user',
      roles,
      purpose,
      caseNumber: 'CASE-2026-000001',
    });

  const graphql = async (
    query: string,
    variables: Record<string, unknown> = {},
    headers?: Record<string, string>,
  ): Promise<GraphqlResponse> => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(headers ?? (await as(['ANALYST']))) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlResponse;
  };
  const entity = async <T>(field: string, id: string): Promise<T> => {
    const response = await graphql(entities(field), { representations: [person(id)] });
    expect(response.errors).toBeUndefined();
    const [first] = response.data?.['_entities'] as Record<string, unknown>[];
    return Object.values(first as Record<string, unknown>)[1] as T;
  };
  const refusal = async (field: string, id: string) => {
    const response = await graphql(entities(field), { representations: [person(id)] });
    return response.errors?.[0];
  };
  const keyOf = (r: GqlRecord) => `${r.source.toLowerCase()}:${r.recordId}`;

  const expectEvidenceOnBothSides = (edges: GqlEdge[]) => {
    for (const edge of edges) {
      expect(edge.evidence.length).toBeGreaterThan(0);
      for (const e of edge.evidence) {
        expect(population.personOf.get(keyOf(e.fromRecord))).toBe(edge.from.id);
        expect(population.personOf.get(keyOf(e.toRecord))).toBe(edge.to.id);
        expect(e.detail).not.toBe('');
      }
    }
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mosaic-analysis-graph-'));
    const config = loadAnalysisConfig({ MOSAIC_DATA_DIR: dataDir });
    credential = config.gatewayCredential as GatewayCredentialConfig;
    app = await NestFactory.create(AnalysisAppModule.register(config), { logger: false });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    population = syntheticGraphPopulation({
      persons: 400,
      seed: 11,
      overrides: { 'population.networkRate': '0.12' },
    });
    await seedGraphReadModel(app.get<DataSource>(SERVICE_DATA_SOURCE), population);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await closeEmbeddedBus();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const largestRing = () =>
    [...population.networks].sort((a, b) => b.members.length - a.members.length)[0] as {
      members: string[];
      hub: string;
    };

  it("resolves a Person entity's 2-hop neighbourhood: ring members, Person references, evidence records", async () => {
    const ring = largestRing();
    const result = await entity<GqlNeighbourhood>(
      `neighbors(hops: 2) { ${NEIGHBOURHOOD} }`,
      ring.hub,
    );
    expect(result.nodes[0]).toEqual({ person: { id: ring.hub }, hops: 0 });
    const reached = new Set(result.nodes.map((n) => n.person.id));
    expect(
      ring.members.filter((m) => m !== ring.hub && reached.has(m)).length,
    ).toBeGreaterThanOrEqual(3);
    expect(result).toMatchObject({ truncated: false, truncatedBy: [] });
    expect(result.edges.length).toBeGreaterThan(0);
    expectEvidenceOnBothSides(result.edges);
    for (const e of result.edges) {
      expect([
        'CO_SUBJECT',
        'CO_TRAVEL',
        'SHARED_PHONE',
        'SHARED_ADDRESS',
        'SHARED_VEHICLE',
        'SHARED_DOCUMENT',
      ]).toContain(e.type);
      for (const x of e.evidence)
        expect(['TRAVEL', 'SEIZURE', 'FINGERPRINT']).toContain(x.fromRecord.source);
    }

    const cases = await entity<GqlNeighbourhood>(
      `neighbors(hops: 1, edgeTypes: [CO_SUBJECT], maxNodes: 2) { ${NEIGHBOURHOOD} }`,
      ring.hub,
    );
    expect(cases.nodes.length).toBeLessThanOrEqual(2);
    expect(
      cases.edges.every(
        (e) => e.type === 'CO_SUBJECT' && e.evidence[0]?.detail.startsWith('case '),
      ),
    ).toBe(true);
  });

  it('lists shortest paths between two persons, oriented from the subject', async () => {
    const ring = largestRing();
    const neighbourhood = await entity<GqlNeighbourhood>(
      `neighbors(hops: 2) { ${NEIGHBOURHOOD} }`,
      ring.hub,
    );
    const target = neighbourhood.nodes.find((n) => n.hops === 2)?.person.id as string;
    const result = await entity<{
      paths: { persons: { id: string }[]; edges: GqlEdge[] }[];
      hops: number | null;
      truncated: boolean;
    }>(
      `paths(to: "${target}", maxHops: 4) { paths { persons { id } edges { ${EDGE} } } hops truncated }`,
      ring.hub,
    );
    expect(result.hops).toBe(2);
    expect(result.paths.length).toBeGreaterThan(0);
    for (const path of result.paths) {
      expect(path.persons.map((p) => p.id)).toEqual([ring.hub, expect.any(String), target]);
      expect(path.edges[0]?.from.id).toBe(ring.hub);
      expect(path.edges[path.edges.length - 1]?.to.id).toBe(target);
      expectEvidenceOnBothSides(path.edges);
    }
  });

  it('lists co-travellers with their flights', async () => {
    // A person who took a flight with someone else.
    const onFlights = population.networks.flatMap((n) => n.members);
    let found = false;
    for (const id of onFlights) {
      const result = await entity<GqlNeighbourhood>(
        `coTravelers(windowMinutes: 60) { ${NEIGHBOURHOOD} }`,
        id,
      );
      expect(result.nodes[0]).toEqual({ person: { id }, hops: 0 });
      expect(result.edges.every((e) => e.type === 'CO_TRAVEL')).toBe(true);
      expectEvidenceOnBothSides(result.edges);
      if (result.edges.some((e) => e.evidence.some((x) => x.detail.startsWith('flight ')))) {
        found = true;
        break;
      }
    }
    expect(found).toBe(true);
  });

  it('refuses arguments over the caps with BAD_USER_INPUT naming each argument', async () => {
    const id = largestRing().hub;
    const cases: [string, string][] = [
      [`neighbors(hops: 4) { truncated }`, 'hops'],
      [`neighbors(hops: 2, maxNodes: 501) { truncated }`, 'maxNodes'],
      [`neighbors(hops: 2, edgeTypes: []) { truncated }`, 'edgeTypes'],
      [
        `neighbors(hops: 1, from: "2025-01-01T00:00:00Z", to: "2024-01-01T00:00:00Z") { truncated }`,
        'to',
      ],
      [`paths(to: "${id}", maxHops: 2) { hops }`, 'to'],
      [`paths(to: "${largestRing().members[1]}", maxHops: 5) { hops }`, 'maxHops'],
      [`paths(to: "x' OR 1=1 --", maxHops: 2) { hops }`, 'to'],
      [
        `coTravelers(windowMinutes: ${GRAPH_LIMITS.maxCoTravelMinutes + 1}) { truncated }`,
        'windowMinutes',
      ],
    ];
    for (const [field, argument] of cases) {
      const error = await refusal(field, id);
      expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error?.extensions?.issues?.map((i) => i.field)).toContain(argument);
    }
    // An edge type that does not exist is not even a valid query.
    expect(
      (await refusal(`neighbors(hops: 1, edgeTypes: [FRIEND]) { truncated }`, id))?.extensions
        ?.code,
    ).toBe('GRAPHQL_VALIDATION_FAILED');
    // A Person reference whose id is not a person id.
    const bad = await refusal(
      `neighbors(hops: 1) { truncated }`,
      "1'; DROP TABLE analysis_record; --",
    );
    expect(bad?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [{ field: 'personId' }],
    });
  });

  it('answers a person it has no records of with the subject alone', async () => {
    const unknown = '00000000-0000-4000-8000-999999999999';
    expect(
      await entity<GqlNeighbourhood>(`neighbors(hops: 3) { ${NEIGHBOURHOOD} }`, unknown),
    ).toEqual({
      nodes: [{ person: { id: unknown }, hops: 0 }],
      edges: [],
      truncated: false,
      truncatedBy: [],
      skippedHubs: [],
    });
  });

  it('runs link analysis from a few subjects per request, not from a listing of persons', async () => {
    const ids = population.networks
      .flatMap((n) => n.members)
      .slice(0, GRAPH_LIMITS.maxSubjectsPerRequest + 1);
    const response = await graphql(entities('neighbors(hops: 1) { truncated }'), {
      representations: ids.map(person),
    });
    const results = response.data?.['_entities'] as (Record<string, unknown> | null)[];
    expect(results.slice(0, GRAPH_LIMITS.maxSubjectsPerRequest).every((r) => r !== null)).toBe(
      true,
    );
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]).toMatchObject({
      path: ['_entities', GRAPH_LIMITS.maxSubjectsPerRequest, 'neighbors'],
      extensions: { code: 'BAD_USER_INPUT', issues: [{ field: 'subject' }] },
    });

    // Nor by asking each neighbour for its own neighbourhood: the subgraph's own operation
    // limits refuse that before anything runs, as the gateway's do.
    const nested = await graphql(
      entities('neighbors(hops: 1) { nodes { person { neighbors(hops: 1) { truncated } } } }'),
      { representations: [person(largestRing().hub)] },
    );
    expect(nested.errors?.[0]?.extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'nestedLinkAnalysis',
    });
    expect(nested.data ?? null).toBeNull();
  });

  describe('access', () => {
    const ask = async (field: string, headers: Record<string, string>) =>
      graphql(entities(field), { representations: [person(largestRing().hub)] }, headers);

    it('allows one hop outside an investigation, and refuses more hops and paths (FORBIDDEN)', async () => {
      const ring = largestRing();
      for (const headers of [
        await as(['REVIEWER'], 'DATA_QUALITY'),
        await as(['SUPERVISOR'], 'IDENTITY_VERIFICATION'),
      ]) {
        const oneHop = await ask('neighbors(hops: 1) { truncated }', headers);
        expect(oneHop.errors).toBeUndefined();

        const twoHops = await ask(`neighbors(hops: 2) { ${NEIGHBOURHOOD} }`, headers);
        expect(twoHops.data?.['_entities']).toEqual([{ id: ring.hub, neighbors: null }]);
        expect(twoHops.errors?.map((e) => e.extensions)).toEqual([
          { code: 'FORBIDDEN', field: 'Person.neighbors' },
        ]);
        expect(twoHops.errors?.[0]?.message).toMatch(/CASE_INVESTIGATION/);

        const target = ring.members.find((m) => m !== ring.hub) as string;
        const paths = await ask(`paths(to: "${target}", maxHops: 2) { hops }`, headers);
        expect(paths.data?.['_entities']).toEqual([{ id: ring.hub, paths: null }]);
        expect(paths.errors?.map((e) => e.extensions)).toEqual([
          { code: 'FORBIDDEN', field: 'Person.paths' },
        ]);
      }
    });

    it('keeps link analysis from OFFICER and every field from a caller without a token', async () => {
      const officer = await ask('neighbors(hops: 1) { truncated }', await as(['OFFICER']));
      expect(officer.data?.['_entities']).toEqual([{ id: largestRing().hub, neighbors: null }]);
      expect(officer.errors?.map((e) => e.extensions)).toEqual([
        { code: 'FORBIDDEN', field: 'Person.neighbors' },
      ]);
      const anonymous = await ask('neighbors(hops: 1) { truncated }', {});
      expect(anonymous.data ?? null).toBeNull();
      expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(anonymous.extensions?.mosaicAudit).toEqual({ personIds: [], decisionIds: [] });
    });

    it('reports every person an answer names in extensions.mosaicAudit', async () => {
      const result = await ask(
        'neighbors(hops: 1) { nodes { person { id } } }',
        await as(['ANALYST']),
      );
      const nodes = (result.data?.['_entities'] as { neighbors: GqlNeighbourhood }[])[0]?.neighbors
        .nodes as GqlNeighbourhood['nodes'];
      expect(nodes.length).toBeGreaterThan(1);
      expect(result.extensions?.mosaicAudit?.personIds.sort()).toEqual(
        [...new Set(nodes.map((n) => n.person.id))].sort(),
      );
    });
  });
});
