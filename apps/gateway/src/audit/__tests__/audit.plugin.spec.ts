import { ApolloServer, HeaderMap, type GraphQLResponse } from '@apollo/server';
import { AUDIT_WRITER_ROLE, AuditLog, digest, type AuditEntry } from '@mosaic/audit-data';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { auditPlugin, type AuditedContext } from '../audit.plugin';
import { anonymousContext, callerContext, openAuditDatabase } from './audit-fixtures';

const PERSON = '0190a000-0000-7000-8000-000000000001';
const OTHER = '0190a000-0000-7000-8000-000000000002';
const NOW = new Date('2026-03-01T10:00:00.000Z');

/** A tiny graph: persons (recorded in the trail as the subgraphs report them), a secret, a fault. */
const typeDefs = `#graphql
  type Person { id: ID! name: String }
  type Query { person(id: ID!): Person, secret: String, broken: String }
  type Mutation { confirmLink(decisionId: ID!): Boolean }
`;

const resolvers = {
  Query: {
    person: (_: unknown, { id }: { id: string }, context: AuditedContext) => {
      context.trail.personIds.add(id);
      return { id, name: 'Ada Example' };
    },
    secret: () => {
      throw new GraphQLError('Query.secret is open to SUPERVISOR', {
        extensions: { code: 'FORBIDDEN' },
      });
    },
    broken: () => {
      throw new Error('the store is on fire');
    },
  },
  Mutation: {
    confirmLink: (_: unknown, { decisionId }: { decisionId: string }, context: AuditedContext) => {
      context.trail.decisionIds.add(decisionId);
      return true;
    },
  },
};

describe('the audit plugin (one entry per request, fail closed)', () => {
  let dataSource: DataSource;
  let log: AuditLog;
  let server: ApolloServer<AuditedContext>;

  beforeAll(async () => {
    dataSource = await openAuditDatabase();
    log = new AuditLog(dataSource);
    server = new ApolloServer<AuditedContext>({
      typeDefs,
      resolvers,
      plugins: [
        // Stands in for the gateway's access-control plugin: refuses before execution.
        {
          async requestDidStart() {
            return {
              async didResolveOperation({ contextValue }) {
                if (!contextValue.principal.ok) {
                  throw new GraphQLError(contextValue.principal.error.reason, {
                    extensions: { code: contextValue.principal.error.code },
                  });
                }
              },
            };
          },
        },
        auditPlugin({ auditLog: log, clock: () => NOW }),
      ],
    });
    await server.start();
  });

  afterAll(async () => {
    await server?.stop();
    if (dataSource?.isInitialized) await dataSource.destroy();
  });

  const latest = async (): Promise<AuditEntry> => {
    const { entries } = await log.query({ limit: 1 });
    return entries[0] as AuditEntry;
  };
  const entryCount = async () => {
    const [{ n }] = (await dataSource.query('SELECT count(*)::int AS n FROM audit_entry')) as [
      { n: number },
    ];
    return n;
  };
  const single = (response: GraphQLResponse) => {
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };

  const analyst = () =>
    callerContext('ana.analyst', ['ANALYST'], 'CASE_INVESTIGATION', 'CASE-2026-000042', 'req-7');

  it('records who asked what, for which purpose and case, and which persons came back', async () => {
    const query = 'query Profile($id: ID!) { person(id: $id) { id name } }';
    const response = await server.executeOperation(
      { query, variables: { id: PERSON }, operationName: 'Profile' },
      { contextValue: analyst() },
    );
    expect(single(response).data).toEqual({ person: { id: PERSON, name: 'Ada Example' } });
    expect(await latest()).toMatchObject({
      at: NOW,
      requestId: 'req-7',
      user: 'ana.analyst',
      roles: ['ANALYST'],
      purpose: 'CASE_INVESTIGATION',
      caseNumber: 'CASE-2026-000042',
      operationName: 'Profile',
      operationType: 'query',
      documentHash: digest(query),
      variablesDigest: digest({ id: PERSON }),
      personIds: [PERSON],
      decisionIds: [],
      outcome: 'OK',
      errorCodes: [],
      detail: null,
    });
  });

  it('gives the same variables digest whatever the order of their keys', async () => {
    const query =
      'query Two($a: ID!, $b: ID!) { a: person(id: $a) { id } b: person(id: $b) { id } }';
    await server.executeOperation(
      { query, variables: { a: PERSON, b: OTHER } },
      { contextValue: analyst() },
    );
    const first = await latest();
    await server.executeOperation(
      { query, variables: { b: OTHER, a: PERSON } },
      { contextValue: analyst() },
    );
    expect((await latest()).variablesDigest).toBe(first.variablesDigest);
    expect(first.personIds).toEqual([PERSON, OTHER]);
  });

  it('records a refused request as DENIED, with what it claimed and why it was refused', async () => {
    const response = await server.executeOperation(
      {
        query: '{ person(id: "x") { id } }',
        http: {
          method: 'POST',
          search: '',
          body: null,
          headers: new HeaderMap([
            ['x-mosaic-purpose', 'CASE_INVESTIGATION'],
            ['x-mosaic-case', 'CASE-2026-000099'],
          ]),
        },
      },
      { contextValue: anonymousContext('req-anon') },
    );
    expect(single(response).data).toBeUndefined();
    expect(await latest()).toMatchObject({
      requestId: 'req-anon',
      user: null,
      roles: [],
      purpose: 'CASE_INVESTIGATION',
      caseNumber: 'CASE-2026-000099',
      operationType: 'query',
      personIds: [],
      outcome: 'DENIED',
      errorCodes: ['UNAUTHENTICATED'],
      detail: expect.stringContaining('UNAUTHENTICATED: the request has no bearer token'),
    });
  });

  it('records a document the schema refuses as DENIED, without an operation type', async () => {
    await server.executeOperation({ query: '{ everyone { id } }' }, { contextValue: analyst() });
    expect(await latest()).toMatchObject({
      operationType: null,
      outcome: 'DENIED',
      errorCodes: ['GRAPHQL_VALIDATION_FAILED'],
    });
  });

  it('records data returned alongside a refused field as PARTIAL', async () => {
    await server.executeOperation(
      { query: `{ person(id: "${PERSON}") { id } secret }` },
      { contextValue: analyst() },
    );
    expect(await latest()).toMatchObject({
      outcome: 'PARTIAL',
      personIds: [PERSON],
      errorCodes: ['FORBIDDEN'],
      detail: expect.stringContaining('FORBIDDEN at secret'),
    });
  });

  it('records an operation that broke as FAILED', async () => {
    await server.executeOperation({ query: '{ broken }' }, { contextValue: analyst() });
    expect(await latest()).toMatchObject({
      outcome: 'FAILED',
      errorCodes: ['INTERNAL_SERVER_ERROR'],
    });
  });

  it('records the decisions a mutation acted on', async () => {
    const reviewer = callerContext(
      'rui.reviewer',
      ['REVIEWER'],
      'IDENTITY_VERIFICATION',
      'CASE-2026-000042',
    );
    await server.executeOperation(
      { query: 'mutation Confirm { confirmLink(decisionId: "D-17") }' },
      { contextValue: reviewer },
    );
    expect(await latest()).toMatchObject({
      user: 'rui.reviewer',
      operationName: 'Confirm',
      operationType: 'mutation',
      decisionIds: ['D-17'],
      outcome: 'OK',
    });
  });

  it('writes exactly one entry per request, and the entries form an intact chain', async () => {
    const before = await entryCount();
    for (const query of ['{ broken }', '{ nothing }', `{ person(id: "${OTHER}") { id } }`]) {
      await server.executeOperation({ query }, { contextValue: analyst() });
    }
    await server.executeOperation({ query: '{ secret }' }, { contextValue: anonymousContext() });
    expect(await entryCount()).toBe(before + 4);
    expect(await log.verify()).toMatchObject({ ok: true, entries: before + 4 });
  });

  it('withholds the result when the entry cannot be written: one AUDIT_UNAVAILABLE error, no data', async () => {
    const before = await entryCount();
    await dataSource.query(`REVOKE INSERT ON audit_entry FROM ${AUDIT_WRITER_ROLE}`);
    let response: GraphQLResponse;
    try {
      response = await server.executeOperation(
        { query: `{ person(id: "${PERSON}") { id name } }` },
        { contextValue: analyst() },
      );
    } finally {
      await dataSource.query(`GRANT INSERT ON audit_entry TO ${AUDIT_WRITER_ROLE}`);
    }
    expect(response.http.status).toBe(503);
    expect(single(response)).toEqual({
      errors: [
        {
          message: expect.stringContaining('audit log could not record'),
          extensions: { code: 'AUDIT_UNAVAILABLE' },
        },
      ],
    });
    expect(await entryCount()).toBe(before);
  });
});
