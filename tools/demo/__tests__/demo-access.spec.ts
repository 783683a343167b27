import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenVerifier } from '@mosaic/access';
import type { AuthConfig } from '@mosaic/config';
import { DEMO_CASE, DEMO_USERS, demoHeaders, mintDemoTokens } from '../demo-access';

describe('the development tokens npm start prints', () => {
  const NOW = new Date('2026-03-01T10:00:00Z');
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mosaic-demo-access-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are one per demo user, accepted by a service reading the same secret file, with the role named', async () => {
    // Embedded mode without MOSAIC_AUTH_SECRET: the secret the services make in the data folder.
    const auth: AuthConfig = {
      kind: 'hs256-file',
      file: join(dir, 'auth-secret'),
      issuer: 'mosaic',
      audience: 'mosaic',
    };
    const tokens = await mintDemoTokens(auth, NOW);
    expect(tokens?.map(({ user, role }) => ({ user, role }))).toEqual(DEMO_USERS);
    const service = TokenVerifier.fromConfig(auth, { clock: () => NOW });
    for (const { user, role, token } of tokens ?? []) {
      await expect(service.verify(token)).resolves.toMatchObject({ user, roles: [role] });
    }
    // Two different reviewers: a link needs two people to confirm it.
    expect(new Set(tokens?.filter((t) => t.role === 'REVIEWER').map((t) => t.user)).size).toBe(2);
  });

  it('are signed for the configured issuer and audience, and refused by a service with another secret', async () => {
    const auth: AuthConfig = {
      kind: 'hs256',
      secret: 'the-secret-of-this-deployment-0123456789',
      issuer: 'border-agency',
      audience: 'mosaic-api',
    };
    const [analyst] = (await mintDemoTokens(auth, NOW)) ?? [];
    await expect(
      TokenVerifier.fromConfig(auth, { clock: () => NOW }).verify(analyst?.token as string),
    ).resolves.toMatchObject({ user: 'demo.analyst' });
    await expect(
      TokenVerifier.fromConfig(
        { ...auth, secret: 'another-deployment-secret-0123456789abc' },
        { clock: () => NOW },
      ).verify(analyst?.token as string),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('are none when tokens come from an identity provider', async () => {
    await expect(
      mintDemoTokens({ kind: 'jwks', url: 'https://idp.example/jwks', issuer: 'i', audience: 'a' }),
    ).resolves.toBeNull();
  });

  it('go with a purpose and the demo case number', () => {
    expect(demoHeaders('t0k3n', 'IDENTITY_VERIFICATION')).toEqual({
      authorization: 'Bearer t0k3n',
      'x-mosaic-purpose': 'IDENTITY_VERIFICATION',
      'x-mosaic-case': DEMO_CASE,
    });
  });
});
