// The no-personal-data rule at unit level: the redaction every service logs
// through, and the scanner the stack-wide log test relies on, shown to catch a
// name that does reach a line.
import { ApolloServer } from '@apollo/server';
import {
  graphqlObservabilityPlugin,
  serviceLogger,
  ServiceMetrics,
  withLogContext,
} from '@mosaic/service-kit';
import { GraphQLError } from 'graphql';
import { captureLogs, findPersonalData, type LogCapture } from '../support/log-capture';

const NAME = 'Ysolde Brannigan-Okafor';
const DOCUMENT = 'XQ 441-8273';
const PHONE = '+31 687 650 932';

describe('log redaction and the personal-data scan', () => {
  let capture: LogCapture;
  beforeEach(() => {
    capture = captureLogs('trace');
  });
  afterEach(() => capture.stop());

  it('finds a name logged in a message: the scan can fail', () => {
    serviceLogger('travel').info(`recorded encounter of ${NAME}`);
    expect(findPersonalData(capture.lines, [NAME])).toEqual([
      { value: NAME, line: expect.stringContaining(NAME) },
    ]);
  });

  it('finds a document number or phone written without its punctuation', () => {
    serviceLogger('travel').info({ ref: 'XQ4418273', from: '31687650932' }, 'normalised');
    expect(findPersonalData(capture.lines, [DOCUMENT, PHONE]).map((h) => h.value)).toEqual([
      DOCUMENT,
    ]);
    expect(findPersonalData(capture.lines, [PHONE]).map((h) => h.value)).toEqual([PHONE]);
  });

  it('redacts personal fields, variables, payloads and SQL parameters of a logged object', () => {
    const failure = Object.assign(new Error('duplicate key value violates unique constraint'), {
      parameters: [NAME, DOCUMENT],
      detail: `Key (document_number)=(${DOCUMENT}) already exists.`,
      query: `INSERT INTO traveler (name) VALUES ('${NAME}')`,
    });
    serviceLogger('identity').warn(
      {
        variables: { input: { surname: NAME } },
        payload: { traveler: { name: NAME } },
        person: { name: NAME, phones: [PHONE], documentNumber: DOCUMENT },
        err: failure,
      },
      'batch failed',
    );
    expect(capture.lines).toHaveLength(1);
    expect(findPersonalData(capture.lines, [NAME, DOCUMENT, PHONE])).toEqual([]);
    const line = JSON.parse(capture.lines[0] as string) as Record<string, unknown>;
    expect(line['err']).toEqual(
      expect.objectContaining({ message: 'duplicate key value violates unique constraint' }),
    );
  });

  it('puts the request id and trace id on every line logged while serving a request', async () => {
    const log = serviceLogger('gateway');
    await withLogContext({ requestId: 'req-22', traceId: 'a'.repeat(32) }, async () => {
      log.info('before');
      await new Promise((r) => setTimeout(r, 1));
      log.child({ component: 'audit' }).info('after an await, in a child');
    });
    log.info('outside');
    const lines = capture.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l['msg'], l['requestId'], l['traceId']])).toEqual([
      ['before', 'req-22', 'a'.repeat(32)],
      ['after an await, in a child', 'req-22', 'a'.repeat(32)],
      ['outside', undefined, undefined],
    ]);
  });

  it('logs a typed client error at info without stack or message, a server error at error with its stack', async () => {
    const metrics = new ServiceMetrics('travel');
    const server = new ApolloServer({
      typeDefs: 'type Query { person(name: String!): String, crash: String }',
      resolvers: {
        Query: {
          person: (_: unknown, args: { name: string }) => {
            throw new GraphQLError(`No person named ${args.name}`, {
              extensions: { code: 'NOT_FOUND' },
            });
          },
          crash: () => {
            throw new Error('store failed');
          },
        },
      },
      plugins: [graphqlObservabilityPlugin(metrics, serviceLogger('travel'))],
    });
    await server.start();
    try {
      await server.executeOperation({
        query: 'query Lookup($name: String!) { person(name: $name) }',
        variables: { name: NAME },
      });
      await server.executeOperation({ query: 'query Crash { crash }' });
    } finally {
      await server.stop();
    }
    const lines = capture.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const client = lines.find((l) => l['msg'] === 'graphql client error');
    expect(client).toEqual(
      expect.objectContaining({
        level: 'info',
        code: 'NOT_FOUND',
        operationName: 'Lookup',
        path: 'person',
      }),
    );
    expect(JSON.stringify(client)).not.toMatch(/stack|No person named/);
    const server500 = lines.find((l) => l['msg'] === 'graphql operation failed');
    expect(server500).toEqual(
      expect.objectContaining({ level: 'error', code: 'INTERNAL_SERVER_ERROR' }),
    );
    expect((server500?.['err'] as { stack?: string }).stack).toMatch(/store failed/);
    expect(findPersonalData(capture.lines, [NAME])).toEqual([]);

    const text = await metrics.text();
    expect(text).toMatch(
      /^mosaic_graphql_errors_total\{operation_name="Lookup",code="NOT_FOUND",service="travel"\} 1$/m,
    );
    expect(text).toMatch(
      /^mosaic_graphql_requests_total\{operation_name="Crash",operation_type="query",service="travel"\} 1$/m,
    );
  });

  it('reports client-chosen operation names past the cap as "other"', () => {
    const metrics = new ServiceMetrics('gateway');
    for (let i = 0; i < 200; i++) expect(metrics.operationLabel(`Op${i}`)).toBe(`Op${i}`);
    expect(metrics.operationLabel('OneTooMany')).toBe('other');
    expect(metrics.operationLabel('Op7')).toBe('Op7');
    expect(metrics.operationLabel('not a name')).toBe('other');
    expect(metrics.operationLabel(undefined)).toBe('anonymous');
  });
});
