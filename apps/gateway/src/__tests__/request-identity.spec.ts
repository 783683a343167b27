import { subgraphContext } from '@mosaic/service-kit';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import { DevelopmentAuthenticator } from '../request/development.authenticator';
import { requestIdFor } from '../request/request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request id', () => {
  it("keeps the caller's id when it is a sane token", () => {
    expect(requestIdFor('case-42.step_3')).toBe('case-42.step_3');
    expect(requestIdFor('a'.repeat(100))).toBe('a'.repeat(100));
  });

  it('replaces a missing, oversized or unsafe id with a new UUID', () => {
    for (const unsafe of [undefined, '', 'a'.repeat(101), 'two words', 'id\r\nx-evil: 1', 'ïd']) {
      expect(requestIdFor(unsafe)).toMatch(UUID);
    }
    expect(requestIdFor(undefined)).not.toBe(requestIdFor(undefined));
  });
});

describe('development authenticator', () => {
  const authenticator = new DevelopmentAuthenticator();
  const authenticate = (headers: Record<string, string>) => authenticator.authenticate({ headers });

  it('treats a request without identity headers as anonymous with no roles', async () => {
    await expect(authenticate({})).resolves.toEqual({ user: 'anonymous', roles: [] });
  });

  it('reads the user and a comma list of roles, trimmed and without duplicates', async () => {
    await expect(
      authenticate({
        'x-mosaic-user': 'officer.jones@border',
        'x-mosaic-roles': ' analyst, reviewer,analyst,',
      }),
    ).resolves.toEqual({ user: 'officer.jones@border', roles: ['analyst', 'reviewer'] });
  });

  it.each([
    ['a user name with a space', { 'x-mosaic-user': 'officer jones' }, 'x-mosaic-user'],
    ['a user name over 100 characters', { 'x-mosaic-user': 'u'.repeat(101) }, 'x-mosaic-user'],
    ['a role with a space', { 'x-mosaic-roles': 'analyst,drop table' }, 'drop table'],
    ['a role starting with a digit', { 'x-mosaic-roles': '1st' }, '1st'],
    [
      'more than 20 roles',
      { 'x-mosaic-roles': Array.from({ length: 21 }, (_, i) => `r${i}`).join(',') },
      'at most 20',
    ],
  ])('refuses %s with an UNAUTHENTICATED error naming the problem', async (_, headers, named) => {
    const error = await authenticate(headers).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions['code']).toBe('UNAUTHENTICATED');
    expect((error as GraphQLError).message).toContain(named);
  });
});

describe('what a subgraph reads from the forwarded headers', () => {
  const request = (headers: Record<string, string>) => ({ headers }) as unknown as Request;

  it('is the request id and identity the gateway sent', () => {
    const context = subgraphContext(
      request({
        'x-request-id': 'req-1',
        'x-mosaic-user': 'officer.jones',
        'x-mosaic-roles': 'analyst,reviewer',
      }),
    );
    expect(context.requestId).toBe('req-1');
    expect(context.identity).toEqual({ user: 'officer.jones', roles: ['analyst', 'reviewer'] });
  });

  it('is no identity and a fresh request id when called directly, not through the gateway', () => {
    const context = subgraphContext(request({}));
    expect(context.requestId).toMatch(UUID);
    expect(context.identity).toBeNull();
  });

  it('is no identity at all when a forwarded header is malformed', () => {
    expect(subgraphContext(request({ 'x-mosaic-user': 'a b' })).identity).toBeNull();
    expect(
      subgraphContext(request({ 'x-mosaic-user': 'ok', 'x-mosaic-roles': 'analyst,!' })).identity,
    ).toBeNull();
  });
});
