import {
  developmentGatewayHeaders,
  GatewayCredentialVerifier,
  mintGatewayCredential,
  mintToken,
  type DeclaredAccess,
} from '../index';

const KEY = { kind: 'hs256', secret: 'the-gateway-credential-key-of-tests' } as const;
const USER_SECRET = 'the-user-token-secret-of-these-tests!';
const access: DeclaredAccess = {
  user: 'officer.jones',
  roles: ['OFFICER'],
  purpose: 'IDENTITY_VERIFICATION',
  caseNumber: 'CASE-2026-000042',
  expiresAt: new Date('2030-01-01T00:00:00Z'),
};

const verifier = (subgraph = 'identity', now = new Date()) =>
  new GatewayCredentialVerifier(KEY, subgraph, () => now);

async function refusal(authorization: string | undefined, v = verifier()) {
  return v.verify(authorization).then(
    () => 'accepted',
    (error: { code?: string; reason?: string }) => `${error.code}: ${error.reason}`,
  );
}

describe('the gateway credential a subgraph accepts', () => {
  it('carries who, acting why, for which case, and the request id', async () => {
    const token = await mintGatewayCredential(KEY.secret, {
      subgraph: 'identity',
      access,
      requestId: 'req-1',
    });
    await expect(verifier().verify(`Bearer ${token}`)).resolves.toEqual({
      requestId: 'req-1',
      access: expect.objectContaining({
        user: 'officer.jones',
        roles: ['OFFICER'],
        purpose: 'IDENTITY_VERIFICATION',
        caseNumber: 'CASE-2026-000042',
      }),
    });
  });

  it("refuses a user's own valid token, saying where to send the operation", async () => {
    const userToken = await mintToken({ user: 'a', roles: ['SUPERVISOR'], secret: USER_SECRET });
    expect(await refusal(`Bearer ${userToken}`)).toBe(
      "UNAUTHENTICATED: the identity subgraph answers only the gateway: send the operation to the gateway's /graphql",
    );
  });

  it('refuses a user token forged to look like the gateway (signed with another key)', async () => {
    const forged = await mintGatewayCredential('an-attacker-key-that-is-32-chars-long', {
      subgraph: 'identity',
      access,
      requestId: 'r',
    });
    expect(await refusal(`Bearer ${forged}`)).toBe(
      'UNAUTHENTICATED: the gateway credential signature is invalid',
    );
  });

  it('refuses a credential replayed at another subgraph, or after it expired', async () => {
    const travel = await developmentGatewayHeaders(KEY, {
      subgraph: 'travel',
      user: 'u',
      roles: ['OFFICER'],
      purpose: 'CASE_INVESTIGATION',
      caseNumber: 'CASE-2026-1',
    });
    expect(await refusal(travel.authorization)).toMatch(/is for another subgraph, not identity/);
    const later = verifier('travel', new Date(Date.now() + 61_000));
    expect(await refusal(travel.authorization, later)).toBe(
      'UNAUTHENTICATED: the gateway credential has expired',
    );
  });

  it("never outlives the user's own token", async () => {
    const now = new Date('2029-12-31T23:59:50Z');
    const token = await mintGatewayCredential(KEY.secret, {
      subgraph: 'identity',
      access,
      requestId: 'r',
      now,
    });
    expect(await refusal(`Bearer ${token}`, verifier('identity', now))).toBe('accepted');
    expect(
      await refusal(`Bearer ${token}`, verifier('identity', new Date('2030-01-01T00:00:05Z'))),
    ).toBe('UNAUTHENTICATED: the gateway credential has expired');
  });

  it('checks the carried purpose against the carried roles again (FORBIDDEN)', async () => {
    const token = await mintGatewayCredential(KEY.secret, {
      subgraph: 'identity',
      access: { ...access, roles: ['ANALYST'], purpose: 'OVERSIGHT_AUDIT' },
      requestId: 'r',
    });
    expect(await refusal(`Bearer ${token}`)).toMatch(/^FORBIDDEN: purpose OVERSIGHT_AUDIT/);
  });

  it('refuses a call with no credential at all', async () => {
    expect(await refusal(undefined)).toBe(
      'UNAUTHENTICATED: the request has no Authorization header',
    );
  });
});

describe('a gateway credential without a purpose or case', () => {
  it("is PURPOSE_REQUIRED in the credential's words, not a header's", async () => {
    const token = await mintGatewayCredential(KEY.secret, {
      subgraph: 'identity',
      access: { ...access, caseNumber: '' },
      requestId: 'r',
    });
    await expect(verifier().verify(`Bearer ${token}`)).rejects.toMatchObject({
      code: 'PURPOSE_REQUIRED',
      reason: expect.stringMatching(/^the gateway credential's case number is missing/),
    });
  });
});
