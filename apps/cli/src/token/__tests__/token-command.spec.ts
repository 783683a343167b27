import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessError, TokenVerifier } from '@mosaic/access';
import { loadServiceConfig, type AuthConfig } from '@mosaic/config';
import { Command, CommanderError } from 'commander';
import { parseTtl, tokenCommand } from '../token.command';

const NOW = new Date('2026-03-01T09:00:00Z');
const SECRET = 'a-shared-development-secret-of-40-chars!';

/** Runs `mosaic token …` with `env`; returns the exit code, the token printed and stderr. */
async function mint(args: string[], env: Record<string, string | undefined>) {
  const printed: string[] = [];
  const errors: string[] = [];
  const program = new Command('mosaic')
    .exitOverride()
    .configureOutput({ writeErr: (s) => errors.push(s), writeOut: () => undefined })
    .addCommand(
      tokenCommand({ env, clock: () => NOW, write: (line) => printed.push(line) })
        .exitOverride()
        .configureOutput({ writeErr: (s) => errors.push(s), writeOut: () => undefined }),
    );
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await program.parseAsync(['token', ...args], { from: 'user' });
    return { code: 0, token: printed.join('').trim(), errors: errors.join('') };
  } catch (error) {
    if (error instanceof CommanderError) {
      return { code: error.exitCode, token: printed.join('').trim(), errors: errors.join('') };
    }
    throw error;
  } finally {
    stderr.mockRestore();
  }
}

/** The auth config a service loads from the same environment. */
function serviceAuth(env: Record<string, string | undefined>): AuthConfig {
  const config = loadServiceConfig(
    {
      name: 'travel',
      defaultPort: 4001,
      needs: { database: true, bus: true, search: false, auth: true },
    },
    env,
  );
  return config.auth as AuthConfig;
}

describe('mosaic token', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'mosaic-token-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('mints a token the services accept, for the roles and lifetime asked', async () => {
    const env = { MOSAIC_AUTH_SECRET: SECRET };
    const result = await mint(
      ['--user', 'r.reviewer', '--role', 'reviewer', '--role', 'SUPERVISOR', '--ttl', '8h'],
      env,
    );
    expect(result.code).toBe(0);
    const principal = await TokenVerifier.fromConfig(serviceAuth(env), { clock: () => NOW }).verify(
      result.token,
    );
    expect(principal).toMatchObject({
      user: 'r.reviewer',
      roles: ['REVIEWER', 'SUPERVISOR'],
      expiresAt: new Date(NOW.getTime() + 8 * 3600_000),
    });
    // Past its lifetime the same token is refused.
    await expect(
      TokenVerifier.fromConfig(serviceAuth(env), {
        clock: () => new Date(NOW.getTime() + 8 * 3600_000 + 1000),
      }).verify(result.token),
    ).rejects.toThrow(AccessError);
  });

  it('in embedded mode uses the secret file the services use, making it on first use', async () => {
    const env = { MOSAIC_DATA_DIR: dataDir };
    const result = await mint(['--user', 'a.analyst', '--role', 'ANALYST'], env);
    expect(result.code).toBe(0);
    expect(statSync(join(dataDir, 'auth-secret')).mode & 0o777).toBe(0o600);
    const principal = await TokenVerifier.fromConfig(serviceAuth(env), { clock: () => NOW }).verify(
      result.token,
    );
    expect(principal).toMatchObject({ user: 'a.analyst', roles: ['ANALYST'] });
    // Another data folder has another secret: its services refuse the token.
    const other = mkdtempSync(join(tmpdir(), 'mosaic-token-other-'));
    try {
      await expect(
        TokenVerifier.fromConfig(serviceAuth({ MOSAIC_DATA_DIR: other }), {
          clock: () => NOW,
        }).verify(result.token),
      ).rejects.toThrow(/signature/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('refuses JWKS mode: tokens come from the identity provider there', async () => {
    const result = await mint(['--user', 'u', '--role', 'OFFICER'], {
      MOSAIC_AUTH_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
    });
    expect(result.code).toBe(2);
    expect(result.token).toBe('');
    expect(result.errors).toMatch(/identity provider/);
  });

  it('refuses an unknown role, a missing role or user, a bad lifetime and a bad user name', async () => {
    const env = { MOSAIC_AUTH_SECRET: SECRET };
    const cases: Array<[string[], RegExp]> = [
      [['--user', 'u', '--role', 'ROOT'], /unknown role "ROOT"/],
      [['--user', 'u'], /--role/],
      [['--role', 'OFFICER'], /--user/],
      [['--user', 'u', '--role', 'OFFICER', '--ttl', '30d'], /at most 7d/],
      [['--user', 'u', '--role', 'OFFICER', '--ttl', 'forever'], /--ttl/],
      [['--user', 'a b', '--role', 'OFFICER'], /--user must be/],
    ];
    for (const [args, message] of cases) {
      const result = await mint(args, env);
      expect({ args, failed: result.code !== 0, token: result.token }).toEqual({
        args,
        failed: true,
        token: '',
      });
      expect(result.errors).toMatch(message);
    }
  });

  it('refuses a secret that is too short, naming the variable', async () => {
    const result = await mint(['--user', 'u', '--role', 'OFFICER'], {
      MOSAIC_AUTH_SECRET: 'short',
    });
    expect(result.code).toBe(2);
    expect(result.errors).toMatch(/MOSAIC_AUTH_SECRET: must be at least 32 characters/);
  });
});

describe('parseTtl', () => {
  it('reads seconds and s/m/h/d durations', () => {
    expect(parseTtl('900')).toBe(900);
    expect(parseTtl('30m')).toBe(1800);
    expect(parseTtl('8h')).toBe(28_800);
    expect(parseTtl('7d')).toBe(604_800);
    for (const bad of ['0', '-1', '1.5h', '8w', '', '8d']) expect(() => parseTtl(bad)).toThrow();
  });
});
