import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { AccessError, type AccessContext, type Role } from '@mosaic/access';
import { parse } from 'graphql';
import {
  auditDecisions,
  auditExtensionPlugin,
  guardSubgraphSchema,
  RequestBudget,
  SUBGRAPH_REQUEST_BUDGET,
  type SubgraphContext,
} from '../index';

const PERSONS: Record<string, { id: string; status: string }> = {
  p1: { id: 'p1', status: 'ACTIVE' },
  p2: { id: 'p2', status: 'MERGED' },
};

// Type and field names the FIELD_ACCESS matrix knows, on a made-up subgraph.
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Person @key(fields: "id") { id: ID! status: PersonStatus! }
  enum PersonStatus { ACTIVE MERGED }
  type Query { person(id: ID!): Person, allPersons: [Person!]! }
  type Mutation { confirmVerification(id: ID!): Person }
`);

const resolvers = {
  Person: {
    __resolveReference: (ref: { id: string }) => PERSONS[ref.id] ?? null,
  },
  Query: {
    person: (_: unknown, { id }: { id: string }) => PERSONS[id] ?? null,
    allPersons: () => Object.values(PERSONS),
  },
  Mutation: {
    confirmVerification: (_: unknown, { id }: { id: string }, context: SubgraphContext) => {
      if (id === 'own')
        throw new AccessError(
          'FORBIDDEN',
          'nobody confirms their own request',
          'Mutation.confirmVerification',
        );
      auditDecisions(context, ['d-1', 'd-2']);
      return PERSONS[id] ?? null;
    },
  },
};

const server = new ApolloServer<SubgraphContext>({
  schema: guardSubgraphSchema(buildSubgraphSchema([{ typeDefs, resolvers }])),
  plugins: [auditExtensionPlugin()],
});

function contextFor(roles: Role[] | null, error?: AccessError): SubgraphContext {
  const access: AccessContext | null = roles
    ? {
        user: 'u',
        roles,
        tokenId: null,
        expiresAt: new Date(Date.now() + 60_000),
        purpose: 'CASE_INVESTIGATION',
        caseNumber: 'CASE-2026-1',
      }
    : null;
  return {
    req: {} as SubgraphContext['req'],
    requestId: 'r',
    access,
    accessError: error ?? null,
    identity: null,
    audit: { personIds: new Set(), decisionIds: new Set() },
    loaders: new Map(),
    budget: new RequestBudget(SUBGRAPH_REQUEST_BUDGET),
  };
}

async function run(query: string, contextValue: SubgraphContext, variables = {}) {
  const response = await server.executeOperation({ query, variables }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

describe('guardSubgraphSchema + auditExtensionPlugin', () => {
  it('reports the persons whose fields resolved, and only those', async () => {
    const result = await run('{ person(id: "p2") { status } }', contextFor(['ANALYST']));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ person: { status: 'MERGED' } });
    expect(result.extensions?.['mosaicAudit']).toEqual({ personIds: ['p2'], decisionIds: [] });
  });

  it('keeps federation entity resolution working behind the guard', async () => {
    const result = await run(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id status } } }',
      contextFor(['REVIEWER']),
      { r: [{ __typename: 'Person', id: 'p1' }] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ _entities: [{ id: 'p1', status: 'ACTIVE' }] });
    expect(result.extensions?.['mosaicAudit']).toEqual({ personIds: ['p1'], decisionIds: [] });
  });

  it('refuses without an access context with the reason it was missing', async () => {
    const missing = new AccessError('PURPOSE_REQUIRED', 'the x-mosaic-case header is missing');
    const result = await run('{ person(id: "p1") { id } }', contextFor(null, missing));
    expect(result.data).toEqual({ person: null });
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: 'the x-mosaic-case header is missing',
        extensions: { code: 'PURPOSE_REQUIRED' },
      }),
    ]);
    expect(result.extensions?.['mosaicAudit']).toEqual({ personIds: [], decisionIds: [] });
  });

  it('refuses a field the matrix does not classify, whatever the role', async () => {
    const result = await run('{ allPersons { id } }', contextFor(['SUPERVISOR', 'ANALYST']));
    expect(result.data).toBeNull();
    expect(result.errors?.map((e) => e.extensions)).toEqual([
      { code: 'FORBIDDEN', field: 'Query.allPersons' },
    ]);
  });

  it('turns an AccessError a resolver throws into the typed error, and reports decisions acted on', async () => {
    const own = await run(
      'mutation { confirmVerification(id: "own") { id } }',
      contextFor(['REVIEWER']),
    );
    expect(own.errors?.map((e) => e.extensions)).toEqual([
      { code: 'FORBIDDEN', field: 'Mutation.confirmVerification' },
    ]);
    const ok = await run(
      'mutation { confirmVerification(id: "p1") { id } }',
      contextFor(['REVIEWER']),
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.extensions?.['mosaicAudit']).toEqual({
      personIds: ['p1'],
      decisionIds: ['d-1', 'd-2'],
    });
    const analyst = await run(
      'mutation { confirmVerification(id: "p1") { id } }',
      contextFor(['ANALYST']),
    );
    expect(analyst.errors?.map((e) => e.extensions)).toEqual([
      { code: 'FORBIDDEN', field: 'Mutation.confirmVerification' },
    ]);
  });
});
