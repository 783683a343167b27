import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type GraphQLResponse } from '@apollo/server';
import { printSubgraphSchema } from '@apollo/subgraph';
import { AuditLog, digest, type AuditRecordInput } from '@mosaic/audit-data';
import { parse } from 'graphql';
import type { DataSource } from 'typeorm';
import { AuditGraphQLDataSource } from '../audit.data-source';
import { auditPlugin, type AuditedContext } from '../audit.plugin';
import { AUDIT_SUBGRAPH_NAME, buildAuditSubgraphSchema } from '../audit-subgraph';
import { anonymousContext, callerContext, openAuditDatabase, tamper } from './audit-fixtures';

const PERSON = '0190a000-0000-7000-8000-000000000001';
const NOW = new Date('2026-03-02T08:00:00.000Z');

/** An access someone made earlier, as the gateway recorded it. */
function earlier(n: number, overrides: Partial<AuditRecordInput> = {}): AuditRecordInput {
  return {
    at: new Date(Date.UTC(2026, 2, 1, 9, n)),
    requestId: `req-${n}`,
    user: n % 2 === 0 ? 'ana.analyst' : 'olu.officer',
    roles: n % 2 === 0 ? ['ANALYST'] : ['OFFICER'],
    purpose: 'CASE_INVESTIGATION',
    caseNumber: 'CASE-2026-000042',
    operationName: 'Profile',
    operationType: 'query',
    documentHash: digest('query Profile { person { id } }'),
    variablesDigest: null,
    personIds: n === 3 ? [PERSON] : [],
    decisionIds: [],
    outcome: 'OK',
    errorCodes: [],
    detail: null,
    ...overrides,
  };
}

const ENTRIES = `query Oversight($filter: AuditEntryFilter, $limit: Int!) {
  auditEntries(filter: $filter, limit: $limit) {
    entries { sequence user purpose personIds outcome at }
    nextCursor
  }
}`;
const VERIFY =
  'query Verify { auditVerification { ok entriesChecked problem { kind sequence entryId message } } }';

describe('the audit subgraph, read through a federation gateway', () => {
  let dataSource: DataSource;
  let log: AuditLog;
  let server: ApolloServer<AuditedContext>;

  beforeAll(async () => {
    dataSource = await openAuditDatabase();
    log = new AuditLog(dataSource);
    for (let n = 1; n <= 4; n++) await log.append(earlier(n));

    const composed = composeServices([
      {
        name: AUDIT_SUBGRAPH_NAME,
        url: 'http://audit.invalid/graphql',
        typeDefs: parse(printSubgraphSchema(buildAuditSubgraphSchema())),
      },
    ]);
    if (composed.errors) throw composed.errors[0];
    server = new ApolloServer<AuditedContext>({
      gateway: new ApolloGateway({
        supergraphSdl: composed.supergraphSdl,
        buildService: () => new AuditGraphQLDataSource(log),
      }),
      plugins: [auditPlugin({ auditLog: log, clock: () => NOW })],
    });
    await server.start();
  });

  afterAll(async () => {
    await server?.stop();
    if (dataSource?.isInitialized) await dataSource.destroy();
  });

  const single = (response: GraphQLResponse) => {
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };
  const oversight = () =>
    callerContext('ola.oversight', ['OVERSIGHT'], 'OVERSIGHT_AUDIT', 'AUDIT-2026-7', 'req-audit');

  it('shows OVERSIGHT who accessed a person, and audits that read too', async () => {
    const response = await server.executeOperation(
      { query: ENTRIES, variables: { filter: { personId: PERSON }, limit: 10 } },
      { contextValue: oversight() },
    );
    expect(single(response)).toEqual({
      data: {
        auditEntries: {
          entries: [
            {
              sequence: '3',
              user: 'olu.officer',
              purpose: 'CASE_INVESTIGATION',
              personIds: [PERSON],
              outcome: 'OK',
              at: '2026-03-01T09:03:00.000Z',
            },
          ],
          nextCursor: null,
        },
      },
    });
    const { entries } = await log.query({ limit: 1 });
    expect(entries[0]).toMatchObject({
      user: 'ola.oversight',
      purpose: 'OVERSIGHT_AUDIT',
      caseNumber: 'AUDIT-2026-7',
      operationName: 'Oversight',
      outcome: 'OK',
    });
  });

  it('pages newest first', async () => {
    const first = single(
      await server.executeOperation(
        { query: ENTRIES, variables: { filter: { user: 'ana.analyst' }, limit: 1 } },
        { contextValue: oversight() },
      ),
    );
    expect(first.data).toEqual({
      auditEntries: {
        entries: [expect.objectContaining({ sequence: '4', user: 'ana.analyst' })],
        nextCursor: '4',
      },
    });
  });

  it('refuses the audit log to every other role, and to OVERSIGHT without a token', async () => {
    const callers: [string, AuditedContext][] = [
      [
        'FORBIDDEN',
        callerContext('ana.analyst', ['ANALYST'], 'CASE_INVESTIGATION', 'CASE-2026-000042'),
      ],
      ['FORBIDDEN', callerContext('adi.admin', ['ADMIN'], 'DATA_QUALITY', 'DQ-2026-1')],
      ['UNAUTHENTICATED', anonymousContext()],
    ];
    for (const [code, contextValue] of callers) {
      for (const query of [ENTRIES, VERIFY]) {
        const result = single(
          await server.executeOperation({ query, variables: { limit: 5 } }, { contextValue }),
        );
        expect({
          code,
          data: result.data,
          errors: result.errors?.map((e) => e.extensions?.['code']),
        }).toEqual({ code, data: null, errors: [code] });
        const { entries } = await log.query({ limit: 1 });
        expect(entries[0]).toMatchObject({ outcome: 'DENIED', errorCodes: [code] });
      }
    }
  });

  it('rejects a page size beyond the limit and an unknown purpose as BAD_USER_INPUT', async () => {
    for (const variables of [{ limit: 101 }, { limit: 5, filter: { purpose: 'CURIOSITY' } }]) {
      const result = single(
        await server.executeOperation({ query: ENTRIES, variables }, { contextValue: oversight() }),
      );
      expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    }
  });

  it('reports an intact chain, then names the entry an intruder altered', async () => {
    const intact = single(
      await server.executeOperation({ query: VERIFY }, { contextValue: oversight() }),
    );
    expect(intact.data).toEqual({
      auditVerification: { ok: true, entriesChecked: expect.any(Number), problem: null },
    });
    await tamper(dataSource, `UPDATE audit_entry SET user_name = 'nobody' WHERE sequence = 2`);
    const broken = single(
      await server.executeOperation({ query: VERIFY }, { contextValue: oversight() }),
    );
    expect(broken.data).toEqual({
      auditVerification: {
        ok: false,
        entriesChecked: 1,
        problem: expect.objectContaining({ kind: 'ALTERED', sequence: '2' }),
      },
    });
  });
});
