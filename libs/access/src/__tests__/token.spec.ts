import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthConfig } from '@mosaic/config';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type JWK, type KeyLike } from 'jose';
import {
  AccessError,
  bearerToken,
  developmentSecret,
  mintToken,
  TokenVerifier,
  type Principal,
} from '../index';

const SECRET = 'a-development-secret-of-at-least-32-chars';
const NOW = new Date('2026-03-01T10:00:00Z');
const hs256: AuthConfig = { kind: 'hs256', secret: SECRET, issuer: 'mosaic', audience: 'mosaic' };
const at = (date: Date) => () => date;
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

async function refusal(promise: Promise<unknown>): Promise<AccessError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AccessError) return error;
    throw error;
  }
  throw new Error('expected an AccessError');
}

/** A token signed with the development secret but with hand-picked claims. */
function signed(claims: Record<string, unknown>, alg = 'HS256', secret = SECRET) {
  return new SignJWT(claims).setProtectedHeader({ alg }).sign(new TextEncoder().encode(secret));
}

describe('mintToken + TokenVerifier (HS256)', () => {
  const verifier = TokenVerifier.fromConfig(hs256, { clock: at(NOW) });

  it('round-trips user, roles, token id and expiry', async () => {
    const token = await mintToken({
      user: 'a.analyst',
      roles: ['ANALYST', 'REVIEWER'],
      secret: SECRET,
      ttlSeconds: 600,
      now: NOW,
    });
    const principal: Principal = await verifier.verify(token);
    expect(principal).toEqual({
      user: 'a.analyst',
      roles: ['ANALYST', 'REVIEWER'],
      tokenId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      expiresAt: new Date(NOW.getTime() + 600_000),
    });
  });

  it('gives every token its own id', async () => {
    const options = { user: 'u', roles: ['OFFICER'] as const, secret: SECRET, now: NOW };
    const [a, b] = await Promise.all([mintToken(options), mintToken(options)]);
    const [pa, pb] = await Promise.all([verifier.verify(a), verifier.verify(b)]);
    expect(pa.tokenId).not.toEqual(pb.tokenId);
  });

  it('refuses an expired token', async () => {
    const token = await mintToken({
      user: 'u',
      roles: ['OFFICER'],
      secret: SECRET,
      ttlSeconds: 60,
      now: new Date(NOW.getTime() - 61_000),
    });
    const error = await refusal(verifier.verify(token));
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.reason).toMatch(/expired/);
  });

  it('refuses a token signed with another secret (forged)', async () => {
    const token = await mintToken({
      user: 'u',
      roles: ['SUPERVISOR'],
      secret: 'an-attacker-secret-that-is-32-chars-long',
      now: NOW,
    });
    const error = await refusal(verifier.verify(token));
    expect(error).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: expect.stringMatching(/signature/),
    });
  });

  it('refuses a token whose payload was edited after signing', async () => {
    const token = await mintToken({ user: 'u', roles: ['OFFICER'], secret: SECRET, now: NOW });
    const [header, , signature] = token.split('.');
    const payload = Buffer.from(
      JSON.stringify({
        sub: 'u',
        roles: ['SUPERVISOR'],
        iss: 'mosaic',
        aud: 'mosaic',
        exp: seconds(NOW) + 60,
      }),
    ).toString('base64url');
    const error = await refusal(verifier.verify(`${header}.${payload}.${signature}`));
    expect(error.reason).toMatch(/signature/);
  });

  it('refuses alg none and algorithms other than HS256', async () => {
    const claims = {
      sub: 'u',
      roles: ['OFFICER'],
      iss: 'mosaic',
      aud: 'mosaic',
      exp: seconds(NOW) + 60,
    };
    const unsecured = new UnsecuredJWT(claims).encode();
    expect((await refusal(verifier.verify(unsecured))).code).toBe('UNAUTHENTICATED');
    const hs512 = await signed(claims, 'HS512');
    expect((await refusal(verifier.verify(hs512))).reason).toMatch(/algorithm/);
  });

  it('refuses a wrong issuer or audience', async () => {
    const other = await mintToken({
      user: 'u',
      roles: ['OFFICER'],
      secret: SECRET,
      issuer: 'elsewhere',
      now: NOW,
    });
    expect((await refusal(verifier.verify(other))).reason).toMatch(/not issued by "mosaic"/);
    const aud = await mintToken({
      user: 'u',
      roles: ['OFFICER'],
      secret: SECRET,
      audience: 'billing',
      now: NOW,
    });
    expect((await refusal(verifier.verify(aud))).reason).toMatch(/not meant for "mosaic"/);
  });

  it('refuses missing subject, missing expiry, missing or unknown roles', async () => {
    const base = { iss: 'mosaic', aud: 'mosaic', exp: seconds(NOW) + 60 };
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...base, roles: ['OFFICER'] }, /sub/],
      [{ ...base, sub: '', roles: ['OFFICER'] }, /sub/],
      [{ ...base, sub: 'x\r\nforged: log line', roles: ['OFFICER'] }, /not a user name/],
      [{ ...base, sub: 'u'.repeat(201), roles: ['OFFICER'] }, /not a user name/],
      [{ sub: 'u', roles: ['OFFICER'], iss: 'mosaic', aud: 'mosaic' }, /exp/],
      [{ ...base, sub: 'u' }, /no roles/],
      [{ ...base, sub: 'u', roles: [] }, /no roles/],
      [{ ...base, sub: 'u', roles: 'ADMIN' }, /no roles/],
      [{ ...base, sub: 'u', roles: ['OFFICER', 'ROOT'] }, /unknown role "ROOT"/],
    ];
    for (const [claims, reason] of cases) {
      const error = await refusal(verifier.verify(await signed(claims)));
      expect({ claims, code: error.code, reason: error.reason }).toEqual({
        claims,
        code: 'UNAUTHENTICATED',
        reason: expect.stringMatching(reason),
      });
    }
  });

  it('refuses garbage', async () => {
    for (const token of ['', 'abc', 'a.b.c', '....']) {
      expect((await refusal(verifier.verify(token))).code).toBe('UNAUTHENTICATED');
    }
  });

  it('will not mint with a short secret or an unknown role', async () => {
    await expect(
      mintToken({ user: 'u', roles: ['OFFICER'], secret: 'short', now: NOW }),
    ).rejects.toThrow(/at least 32/);
    await expect(
      mintToken({ user: 'u', roles: ['ROOT' as 'OFFICER'], secret: SECRET, now: NOW }),
    ).rejects.toThrow(/unknown role ROOT/);
    await expect(mintToken({ user: 'u', roles: [], secret: SECRET })).rejects.toThrow(/role/);
  });
});

describe('hs256-file: the embedded secret', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mosaic-access-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is made on first use, readable by its owner only, and then reused', async () => {
    const file = join(dir, 'nested', 'auth-secret');
    const auth: AuthConfig = { kind: 'hs256-file', file, issuer: 'mosaic', audience: 'mosaic' };
    const secret = developmentSecret(auth);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(developmentSecret(auth)).toBe(secret);

    // A token minted with the file's secret (as `mosaic token` does) passes a fresh verifier.
    const token = await mintToken({ user: 'u', roles: ['ANALYST'], secret, now: NOW });
    const principal = await TokenVerifier.fromConfig(auth, { clock: at(NOW) }).verify(token);
    expect(principal.user).toBe('u');
  });

  it('uses an existing secret file and refuses one that is too short', () => {
    const file = join(dir, 'auth-secret');
    writeFileSync(file, `${'x'.repeat(40)}\n`, { mode: 0o600 });
    const auth: AuthConfig = { kind: 'hs256-file', file, issuer: 'mosaic', audience: 'mosaic' };
    expect(developmentSecret(auth)).toBe('x'.repeat(40));
    writeFileSync(file, 'short');
    expect(() => developmentSecret(auth)).toThrow(/at least 32/);
    expect(readFileSync(file, 'utf8')).toBe('short');
  });

  it('fails as a server error, not as a refused caller, when its secret file is unusable', async () => {
    const file = join(dir, 'auth-secret');
    writeFileSync(file, 'short');
    const auth: AuthConfig = { kind: 'hs256-file', file, issuer: 'mosaic', audience: 'mosaic' };
    const token = await mintToken({ user: 'u', roles: ['OFFICER'], secret: SECRET, now: NOW });
    const error = await TokenVerifier.fromConfig(auth, { clock: at(NOW) })
      .verify(token)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(AccessError);
    expect((error as Error).message).toMatch(/at least 32/);
  });

  it('has no development secret in JWKS mode', () => {
    expect(() =>
      developmentSecret({
        kind: 'jwks',
        url: 'https://idp.example/jwks',
        issuer: 'i',
        audience: 'a',
      }),
    ).toThrow(/identity provider/);
  });
});

describe('TokenVerifier (JWKS)', () => {
  let server: Server;
  let url: string;
  const keys: JWK[] = [];
  let rsa: KeyLike;
  let ec: KeyLike;
  let ed: KeyLike;
  let stranger: KeyLike;

  beforeAll(async () => {
    const pairs = await Promise.all([
      generateKeyPair('RS256'),
      generateKeyPair('ES256'),
      generateKeyPair('EdDSA', { crv: 'Ed25519' }),
      generateKeyPair('RS256'),
    ]);
    [rsa, ec, ed, stranger] = pairs.map((p) => p.privateKey as KeyLike) as [
      KeyLike,
      KeyLike,
      KeyLike,
      KeyLike,
    ];
    const published = pairs.slice(0, 3);
    const algs = ['RS256', 'ES256', 'EdDSA'];
    for (const [i, pair] of published.entries()) {
      keys.push({ ...(await exportJWK(pair.publicKey)), kid: `k${i}`, alg: algs[i] as string });
    }
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const jwks = (): AuthConfig => ({
    kind: 'jwks',
    url,
    issuer: 'https://idp.example',
    audience: 'mosaic',
  });
  const claims = { roles: ['REVIEWER'] };
  const idpToken = (key: KeyLike, alg: string, kid: string, exp = seconds(NOW) + 300) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg, kid })
      .setSubject('r.reviewer')
      .setIssuer('https://idp.example')
      .setAudience('mosaic')
      .setIssuedAt(seconds(NOW))
      .setExpirationTime(exp)
      .sign(key);

  it('accepts RS256, ES256 and EdDSA tokens from the key set', async () => {
    const verifier = TokenVerifier.fromConfig(jwks(), { clock: at(NOW) });
    for (const [key, alg, kid] of [
      [rsa, 'RS256', 'k0'],
      [ec, 'ES256', 'k1'],
      [ed, 'EdDSA', 'k2'],
    ] as const) {
      const principal = await verifier.verify(await idpToken(key, alg, kid));
      expect(principal).toMatchObject({ user: 'r.reviewer', roles: ['REVIEWER'], tokenId: null });
    }
  });

  it('refuses a key not in the set, an expired token and HS256 made with a public key', async () => {
    const verifier = TokenVerifier.fromConfig(jwks(), { clock: at(NOW) });
    expect(
      (await refusal(verifier.verify(await idpToken(stranger, 'RS256', 'k0')))).reason,
    ).toMatch(/signature/);
    expect(
      (await refusal(verifier.verify(await idpToken(stranger, 'RS256', 'k9')))).reason,
    ).toMatch(/no key/);
    expect(
      (await refusal(verifier.verify(await idpToken(rsa, 'RS256', 'k0', seconds(NOW) - 1)))).reason,
    ).toMatch(/expired/);
    // Algorithm confusion: an HMAC keyed with the published RSA key must not pass.
    const confused = await signed(
      {
        sub: 'x',
        roles: ['SUPERVISOR'],
        iss: 'https://idp.example',
        aud: 'mosaic',
        exp: seconds(NOW) + 60,
      },
      'HS256',
      JSON.stringify(keys[0]),
    );
    expect((await refusal(verifier.verify(confused))).reason).toMatch(/algorithm/);
  });

  it('fails closed when the key set cannot be fetched', async () => {
    const verifier = TokenVerifier.fromConfig(
      {
        kind: 'jwks',
        url: 'http://127.0.0.1:1/jwks',
        issuer: 'https://idp.example',
        audience: 'mosaic',
      },
      { clock: at(NOW) },
    );
    const error = await refusal(verifier.verify(await idpToken(rsa, 'RS256', 'k0')));
    expect(error).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: expect.stringMatching(/key set could not be fetched/),
    });
  });
});

describe('bearerToken', () => {
  it('reads "Bearer <token>"', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken(['bearer abc.def.ghi'])).toBe('abc.def.ghi');
  });

  it('refuses a missing or malformed header', () => {
    for (const header of [
      undefined,
      null,
      '',
      'abc.def.ghi',
      'Basic dXNlcjpwYXNz',
      'Bearer ',
      'Bearer a b',
    ]) {
      expect(() => bearerToken(header)).toThrow(AccessError);
    }
    expect(() => bearerToken(undefined)).toThrow(/no Authorization header/);
  });
});
