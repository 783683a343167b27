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
): Promise<string> {
  const listener = await plugin.requestDidStart?.({} as never);
  try {
    await listener?.didResolveOperation?.({ contextValue: context } as never);
    return 'allowed';
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const { code, http } = error.extensions as { code: string; http: { status: number } };
    return `${code} ${http.status}`;
  }
}

describe('access control, before any subgraph is called', () => {
  it('refuses the token first, then counts the rate, then checks the purpose', async () => {
    const plugin = accessControlPlugin({ rateLimitPerMinute: 2 });
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
    // Each user has a rate of their own; requests without a token count against nobody's.
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
    const first = accessControlPlugin({ rateLimitPerMinute: 1 });
    const second = accessControlPlugin({ rateLimitPerMinute: 1 });
    expect(await verdict(first, context)).toBe('allowed');
    expect(await verdict(first, context)).toBe('RATE_LIMITED 429');
    expect(await verdict(second, context)).toBe('allowed');
  });
});
