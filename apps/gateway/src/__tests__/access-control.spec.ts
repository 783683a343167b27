import { AccessError, type Principal } from '@mosaic/access';
import { GraphQLError } from 'graphql';
import { accessControlPlugin } from '../request/access-control.plugin';
import type { GatewayContext } from '../request/gateway-context';

const principal = (user: string): Principal => ({
  user,
  roles: ['ANALYST'],
  tokenId: null,
  expiresAt: new Date('2030-01-01T00:00:00Z'),
});
const purpose = { purpose: 'CASE_INVESTIGATION' as const, caseNumber: 'CASE-2026-000001' };

/** The plugin's verdict on one request: its error's code and HTTP status, or 'allowed'. */
async function verdict(
  plugin: ReturnType<typeof accessControlPlugin>,
  context: Pick<GatewayContext, 'principal' | 'purpose'>,
  address = '203.0.113.7',
): Promise<string> {
  const listener = await plugin.requestDidStart?.({} as never);
  const req = { socket: { remoteAddress: address } };
  try {
    await listener?.didResolveOperation?.({ contextValue: { ...context, req } } as never);
    return 'allowed';
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const { code, http } = error.extensions as { code: string; http: { status: number } };
    return `${code} ${http.status}`;
  }
}

describe('access control, before any subgraph is called', () => {
  it('refuses the token first, then counts the rate, then checks the purpose', async () => {
    const plugin = accessControlPlugin({ rateLimitPerMinute: 2, anonymousRateLimitPerMinute: 10 });
    const noToken = new AccessError('UNAUTHENTICATED', 'the request has no Authorization header');
    const noPurpose = new AccessError('PURPOSE_REQUIRED', 'the x-mosaic-purpose header is missing');
    const forbidden = new AccessError(
      'FORBIDDEN',
      'purpose OVERSIGHT_AUDIT is not open to ANALYST',
    );
    expect(
      await verdict(plugin, {
        principal: { ok: false, error: noToken },
        purpose: { ok: false, error: noPurpose },
      }),
    ).toBe('UNAUTHENTICATED 401');
    const alice = { ok: true as const, value: principal('alice') };
    // Refused requests count against the user's rate too: probing purposes is limited.
    expect(
      await verdict(plugin, { principal: alice, purpose: { ok: false, error: noPurpose } }),
    ).toBe('PURPOSE_REQUIRED 400');
    expect(
      await verdict(plugin, { principal: alice, purpose: { ok: false, error: forbidden } }),
    ).toBe('FORBIDDEN 403');
    expect(await verdict(plugin, { principal: alice, purpose: { ok: true, value: purpose } })).toBe(
      'RATE_LIMITED 429',
    );
    // Each user has a rate of their own; requests without a token count against their address.
    const bob = { ok: true as const, value: principal('bob') };
    expect(await verdict(plugin, { principal: bob, purpose: { ok: true, value: purpose } })).toBe(
      'allowed',
    );
    expect(await verdict(plugin, { principal: bob, purpose: { ok: true, value: purpose } })).toBe(
      'allowed',
    );
  });

  it('gives each gateway its own counts: two in one process (as in tests) share none', async () => {
    const context = {
      principal: { ok: true as const, value: principal('carol') },
      purpose: { ok: true as const, value: purpose },
    };
    const first = accessControlPlugin({ rateLimitPerMinute: 1, anonymousRateLimitPerMinute: 1 });
    const second = accessControlPlugin({ rateLimitPerMinute: 1, anonymousRateLimitPerMinute: 1 });
    expect(await verdict(first, context)).toBe('allowed');
    expect(await verdict(first, context)).toBe('RATE_LIMITED 429');
    expect(await verdict(second, context)).toBe('allowed');
  });

  it('holds the rate over any minute, not per calendar minute: no double burst across a boundary', async () => {
    let now = 0;
    const plugin = accessControlPlugin({
      rateLimitPerMinute: 300,
      anonymousRateLimitPerMinute: 10,
      now: () => now,
    });
    const context = {
      principal: { ok: true as const, value: principal('dave') },
      purpose: { ok: true as const, value: purpose },
    };
    // One request at 0 s, then 400 guesses from 50 s to 109 s. A fixed window opened at 0 s would
    // answer ~68 guesses before 60 s and 300 more after it.
    await verdict(plugin, context);
    let answered = 0;
    for (let i = 0; i < 400; i += 1) {
      now = 50_000 + Math.floor(i * 147.5);
      if ((await verdict(plugin, context)) === 'allowed') answered += 1;
    }
    expect(answered).toBe(300);
    now = 50_000 + 60_001;
    expect(await verdict(plugin, context)).toBe('allowed');
  });

  it('limits requests without a valid token per address: RATE_LIMITED past the limit, other addresses unaffected', async () => {
    const plugin = accessControlPlugin({ rateLimitPerMinute: 100, anonymousRateLimitPerMinute: 3 });
    const noToken = {
      principal: {
        ok: false as const,
        error: new AccessError('UNAUTHENTICATED', 'the token signature is invalid'),
      },
      purpose: { ok: true as const, value: purpose },
    };
    const verdicts = [];
    for (let i = 0; i < 5; i += 1) verdicts.push(await verdict(plugin, noToken, '198.51.100.1'));
    expect(verdicts).toEqual([
      'UNAUTHENTICATED 401',
      'UNAUTHENTICATED 401',
      'UNAUTHENTICATED 401',
      'RATE_LIMITED 429',
      'RATE_LIMITED 429',
    ]);
    expect(await verdict(plugin, noToken, '198.51.100.2')).toBe('UNAUTHENTICATED 401');
  });
});
