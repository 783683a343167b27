import { randomUUID } from 'node:crypto';
import { developmentGatewayHeaders, type Role } from '@mosaic/access';
import type { MosaicStack } from '../stack/mosaic-stack';
import { auditEntryOf, CASE_NUMBER, codes, graphql, type AuditRow } from './security-client';

/**
 * Issue 15, "Close the side doors", items 1, 2 and 4: a subgraph port answers
 * only the gateway, holds every operation to the gateway's limits whoever
 * sends it, and the gateway's refusals before GraphQL runs are GraphQL errors
 * that are audited.
 */

type Subgraph = keyof MosaicStack['subgraphUrls'];

export interface SideDoorContext {
  stack: MosaicStack;
  personId: string;
  tokenFor(user: string, roles: Role[]): Promise<string>;
  /** The gateway's limit per user per minute in this stack. */
  rateLimitPerMinute: number;
}

/** One lookup per subgraph that reaches a guarded field of that subgraph. */
function lookups(personId: string): Record<Subgraph, string> {
  return {
    travel: '{ travelEncounter(id: "TE00000000001") { id } }',
    seizure: '{ seizureCase(id: "SC00000000001") { id } }',
    fingerprint: '{ fingerprintEnrollment(id: "FE00000000001") { id } }',
    identity: `{ person(id: "${personId}") { id attributes { names { value } } } }`,
    analysis: `{ _entities(representations: [{ __typename: "Person", id: "${personId}" }]) { ... on Person { neighbors(hops: 1) { nodes { hops } } } } }`,
  };
}

/**
 * The query of the report (item 2): 15 levels of a case's subjects and each
 * subject's case, which ran 290 s and took the process's heap to 3.9 GB.
 * Against a subgraph without those types it is still a 30-level document.
 */
function depthBomb(): string {
  let selection = 'id';
  for (let i = 0; i < 15; i += 1) selection = `subjects { case { ${selection} } }`;
  return `{ seizureCase(id: "SC00000000001") { ${selection} } }`;
}

interface RawAnswer {
  status: number;
  contentType: string | null;
  body: { data?: unknown; errors?: { message?: string; extensions?: { code?: string } }[] };
}

async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<RawAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: JSON.parse(text) as RawAnswer['body'],
  };
}

/** The audit entry of a request, once the gateway has written it (refusals are written after the answer). */
async function eventuallyAudited(stack: MosaicStack, requestId: string): Promise<AuditRow> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await auditEntryOf(stack.databases.audit, requestId);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export function describeSideDoorCases(context: () => SideDoorContext): void {
  describe('side doors (issue 15)', () => {
    const gatewayKey = () => ({
      kind: 'hs256' as const,
      secret: context().stack.env['MOSAIC_GATEWAY_SECRET'] as string,
    });

    it.each(['travel', 'seizure', 'fingerprint', 'identity', 'analysis'] as const)(
      'the %s port refuses a valid user token: UNAUTHENTICATED naming the gateway, no data',
      async (subgraph) => {
        const { stack, personId, tokenFor } = context();
        const answer = await graphql(stack.subgraphUrls[subgraph], lookups(personId)[subgraph], {
          token: await tokenFor('supervisor.sam', ['SUPERVISOR']),
        });
        expect(codes(answer)).toEqual(['UNAUTHENTICATED']);
        expect(answer.errors?.[0]?.message).toMatch(/answers only the gateway/);
        const values = Object.values(answer.data ?? {});
        expect(values.every((v) => v === null || (Array.isArray(v) && v.every((e) => !e)))).toBe(
          true,
        );
        expect(JSON.stringify(answer.data ?? null)).not.toContain('names');
      },
    );

    it.each(['travel', 'seizure', 'fingerprint', 'identity', 'analysis'] as const)(
      "the %s port refuses the report's depth bomb even with the gateway's credential: fast, process alive, heap bounded",
      async (subgraph) => {
        const { stack } = context();
        const headers = await developmentGatewayHeaders(gatewayKey(), {
          subgraph,
          user: 'analyst.ann',
          roles: ['ANALYST'],
          purpose: 'CASE_INVESTIGATION',
          caseNumber: CASE_NUMBER,
        });
        const heapBefore = process.memoryUsage().heapUsed;
        const answer = await post(
          stack.subgraphUrls[subgraph],
          JSON.stringify({ query: depthBomb() }),
          headers,
        );
        expect(answer.body.errors?.map((e) => e.extensions?.code)).toContain('QUERY_TOO_COMPLEX');
        expect(answer.body.data ?? null).toBeNull();
        // The services of the stack live in this process: its heap is theirs.
        expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
        const health = await fetch(stack.subgraphUrls[subgraph].replace(/\/graphql$/, '/health'));
        expect(health.status).toBe(200);
      },
    );

    it("the analysis port refuses nested link analysis with the gateway's credential", async () => {
      const { stack, personId } = context();
      let selection = 'hops';
      for (let i = 0; i < 4; i += 1) {
        selection = `nodes { person { neighbors(hops: 1) { ${selection} } } }`;
      }
      const headers = await developmentGatewayHeaders(gatewayKey(), {
        subgraph: 'analysis',
        user: 'analyst.ann',
        roles: ['ANALYST'],
        purpose: 'CASE_INVESTIGATION',
        caseNumber: CASE_NUMBER,
      });
      const answer = await post(
        stack.subgraphUrls.analysis,
        JSON.stringify({
          query: `{ _entities(representations: [{ __typename: "Person", id: "${personId}" }]) { ... on Person { neighbors(hops: 1) { ${selection} } } } }`,
        }),
        headers,
      );
      expect(answer.body.errors?.map((e) => e.extensions?.code)).toContain('QUERY_TOO_COMPLEX');
      expect(answer.body.data ?? null).toBeNull();
    });

    it('tells a caller without a valid token nothing about the schema: UNAUTHENTICATED before validation, audited', async () => {
      const { stack } = context();
      const answer = await graphql(
        stack.gatewayUrl,
        '{ person(id: "x") { idd secretField } persn { id } }',
        { token: null },
      );
      expect(answer.status).toBe(401);
      expect(codes(answer)).toEqual(['UNAUTHENTICATED']);
      expect(JSON.stringify(answer.errors)).not.toMatch(/Cannot query|Did you mean|secretField/);
      const entry = await auditEntryOf(stack.databases.audit, answer.sentRequestId);
      expect(entry).toMatchObject({ outcome: 'DENIED', error_codes: ['UNAUTHENTICATED'] });
    });

    it('counts __typename aliases against the alias limit at the gateway', async () => {
      const { stack, tokenFor } = context();
      const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: __typename`).join(' ');
      const answer = await graphql(stack.gatewayUrl, `{ ${aliases} }`, {
        token: await tokenFor('analyst.ann', ['ANALYST']),
      });
      expect(codes(answer)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(answer.data ?? null).toBeNull();
      const entry = await auditEntryOf(stack.databases.audit, answer.sentRequestId);
      expect(entry).toMatchObject({ outcome: 'DENIED', error_codes: ['QUERY_TOO_COMPLEX'] });
    });

    it('answers 400 sequential id guesses in under a minute at most up to the rate limit', async () => {
      const { stack, tokenFor, rateLimitPerMinute } = context();
      const token = await tokenFor('analyst.sequential', ['ANALYST']);
      const started = Date.now();
      let answered = 0;
      for (let i = 0; i < 400; i += 1) {
        const guess = `0190${i.toString(16).padStart(4, '0')}-0000-7000-8000-00000000beef`;
        const answer = await graphql(
          stack.gatewayUrl,
          '{ person(id: $id) { id } }'.replace('$id', `"${guess}"`),
          {
            token,
          },
        );
        if (!codes(answer).includes('RATE_LIMITED')) answered += 1;
      }
      // The run took under a minute, so every guess fell in one window of the limit.
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(answered).toBe(rateLimitPerMinute);
    });

    it.each([
      [
        'a 2 MB body',
        () => JSON.stringify({ query: `{ ${'a'.repeat(2_000_000)} }` }),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      ['malformed JSON', () => '{"query": ', 400, 'BAD_REQUEST'],
    ])(
      'answers %s with a GraphQL error and a code, and audits it',
      async (_label, body, status, code) => {
        const { stack, tokenFor } = context();
        const requestId = `sec-${randomUUID()}`;
        const answer = await post(stack.gatewayUrl, body(), {
          authorization: `Bearer ${await tokenFor('analyst.ann', ['ANALYST'])}`,
          'x-mosaic-purpose': 'CASE_INVESTIGATION',
          'x-mosaic-case': CASE_NUMBER,
          'x-request-id': requestId,
        });
        expect(answer.status).toBe(status);
        expect(answer.contentType).toMatch(/application\/json/);
        expect(answer.body).toEqual({
          errors: [{ message: expect.any(String), extensions: { code } }],
        });
        const entry = await eventuallyAudited(stack, requestId);
        expect(entry).toMatchObject({
          outcome: 'DENIED',
          error_codes: [code],
          purpose: 'CASE_INVESTIGATION',
          case_number: CASE_NUMBER,
        });
      },
    );

    it('audits a cross-site GET mutation and a batch, each with its own code', async () => {
      const { stack } = context();
      const csrfId = `sec-${randomUUID()}`;
      const csrf = await fetch(
        `${stack.gatewayUrl}?query=${encodeURIComponent('mutation { __typename }')}`,
        { headers: { 'x-request-id': csrfId } },
      );
      expect(csrf.status).toBe(400);
      expect(((await csrf.json()) as RawAnswer['body']).errors?.[0]?.extensions?.code).toBe(
        'CSRF_PREVENTED',
      );
      const batchId = `sec-${randomUUID()}`;
      const batch = await post(stack.gatewayUrl, '[{"query":"{ __typename }"}]', {
        authorization: `Bearer ${await context().tokenFor('analyst.ann', ['ANALYST'])}`,
        'x-request-id': batchId,
      });
      expect(batch.body.errors?.[0]?.extensions?.code).toBe('BATCH_NOT_ALLOWED');
      expect((await eventuallyAudited(stack, csrfId)).error_codes).toEqual(['CSRF_PREVENTED']);
      expect((await eventuallyAudited(stack, batchId)).error_codes).toEqual(['BATCH_NOT_ALLOWED']);
    });
  });
}
