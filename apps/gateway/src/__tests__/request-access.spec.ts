import { mintToken, TokenVerifier } from '@mosaic/access';
import { JwtAuthenticator } from '../request/authenticator';
import { checkRequest } from '../request/gateway-context';
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

describe('what the gateway makes of a request', () => {
  const SECRET = 'gateway-unit-test-secret-0123456789abcdef';
  const NOW = new Date('2026-03-01T10:00:00Z');
  const authenticator = new JwtAuthenticator(
    TokenVerifier.fromConfig(
      { kind: 'hs256', secret: SECRET, issuer: 'mosaic', audience: 'mosaic' },
      { clock: () => NOW },
    ),
  );
  const token = (roles: Parameters<typeof mintToken>[0]['roles'], ttlSeconds = 600) =>
    mintToken({ user: 'officer.jones', roles, secret: SECRET, now: NOW, ttlSeconds });
  const purposeHeaders = {
    'x-mosaic-purpose': 'IDENTITY_VERIFICATION',
    'x-mosaic-case': 'CASE-2026-000042',
  };

  it('is the verified caller and the purpose and case they declared', async () => {
    const checked = await checkRequest(authenticator, {
      authorization: `Bearer ${await token(['OFFICER'])}`,
      ...purposeHeaders,
    });
    expect(checked).toEqual({
      principal: {
        ok: true,
        value: {
          user: 'officer.jones',
          roles: ['OFFICER'],
          tokenId: expect.any(String),
          expiresAt: new Date(NOW.getTime() + 600_000),
        },
      },
      purpose: {
        ok: true,
        value: { purpose: 'IDENTITY_VERIFICATION', caseNumber: 'CASE-2026-000042' },
      },
    });
  });

  it('records, never throws, why a request without a token is refused, and still reads its purpose', async () => {
    const checked = await checkRequest(authenticator, purposeHeaders);
    expect(checked.principal).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    });
    // For the audit entry: what an unauthenticated request claimed, checked for form only.
    expect(checked.purpose).toEqual({
      ok: true,
      value: { purpose: 'IDENTITY_VERIFICATION', caseNumber: 'CASE-2026-000042' },
    });
  });

  it('records an expired token and a malformed case number side by side', async () => {
    const expired = await mintToken({
      user: 'officer.jones',
      roles: ['OFFICER'],
      secret: SECRET,
      now: new Date(NOW.getTime() - 3_600_000),
      ttlSeconds: 60,
    });
    const checked = await checkRequest(authenticator, {
      authorization: `Bearer ${expired}`,
      'x-mosaic-purpose': 'CASE_INVESTIGATION',
      'x-mosaic-case': 'case 42',
    });
    expect(checked.principal).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(checked.purpose).toMatchObject({ ok: false, error: { code: 'PURPOSE_REQUIRED' } });
  });

  it("refuses a purpose none of the caller's roles may use as FORBIDDEN", async () => {
    const checked = await checkRequest(authenticator, {
      authorization: `Bearer ${await token(['ANALYST'])}`,
      ...purposeHeaders,
    });
    expect(checked.principal.ok).toBe(true);
    expect(checked.purpose).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('turns a verifier that breaks (rather than refuses) into UNAUTHENTICATED', async () => {
    const broken = {
      authenticate: () => Promise.reject(new Error('key set fetch failed: ECONNRESET')),
    };
    const checked = await checkRequest(broken, purposeHeaders);
    expect(checked.principal).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', reason: 'the token could not be verified' },
    });
  });
});
