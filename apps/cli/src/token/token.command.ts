import { developmentToken, isRole, ROLES, type Role } from '@mosaic/access';
import { ConfigValidationError, loadServiceConfig, type ServiceDefinition } from '@mosaic/config';
import { Command, InvalidArgumentError } from 'commander';

/** Read the token settings exactly as the services do (same variables, same secret file). */
const tokenSettings: ServiceDefinition = {
  name: 'token',
  defaultPort: 1,
  needs: { database: false, bus: false, search: false, auth: true },
};

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
/** A development token outlives a working day at most by a few days: expiry is the control. */
const MAX_TTL_SECONDS = 7 * 86_400;

export function parseTtl(value: string): number {
  const match = /^(\d{1,7})([smhd]?)$/.exec(value.trim());
  const seconds = match ? Number(match[1]) * (UNITS[match[2] || 's'] as number) : NaN;
  if (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > MAX_TTL_SECONDS) {
    throw new InvalidArgumentError(
      `--ttl must be a duration such as 900, 30m, 8h or 2d, at most 7d; got "${value}"`,
    );
  }
  return seconds;
}

function role(value: string, previous: Role[] | undefined): Role[] {
  const name = value.trim().toUpperCase();
  if (!isRole(name)) {
    throw new InvalidArgumentError(`unknown role "${value}"; one of ${ROLES.join(', ')}`);
  }
  const roles = previous ?? [];
  return roles.includes(name) ? roles : [...roles, name];
}

export interface TokenCommandOptions {
  /** The environment the secret is read from (default: process.env). */
  env?: Record<string, string | undefined>;
  /** Issue time (tests). */
  clock?: () => Date;
  /** Where the token goes (default: stdout); notes go to stderr. */
  write?: (line: string) => void;
}

/**
 * `mosaic token --user u --role r [--role r2] [--ttl 8h]`: a development
 * token, signed with the secret the services read (MOSAIC_AUTH_SECRET, or the
 * embedded secret file under MOSAIC_DATA_DIR). In JWKS mode tokens come from
 * the identity provider, so it refuses.
 */
export function tokenCommand(options: TokenCommandOptions = {}): Command {
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  return new Command('token')
    .description(
      'Mint a development token (HS256) for a user and roles; send it as "Authorization: Bearer <token>" with x-mosaic-purpose and x-mosaic-case',
    )
    .requiredOption('--user <name>', 'who the token is for (its subject)')
    .requiredOption(`--role <role>`, `a role, repeatable: ${ROLES.join(', ')}`, role)
    .option(
      '--ttl <duration>',
      'lifetime: seconds, or with s, m, h or d (at most 7d)',
      parseTtl,
      8 * 3600,
    )
    .action(async (opts: { user: string; role: Role[]; ttl: number }, command: Command) => {
      const user = opts.user.trim();
      if (!/^[A-Za-z0-9._@-]{1,100}$/.test(user)) {
        command.error('error: --user must be 1–100 letters, digits, ".", "_", "@" or "-"', {
          exitCode: 2,
        });
      }
      let auth;
      try {
        auth = loadServiceConfig(tokenSettings, options.env ?? process.env).auth;
      } catch (error) {
        if (!(error instanceof ConfigValidationError)) throw error;
        const issues = error.issues.map((i) => `${i.variable}: ${i.reason}`).join('; ');
        command.error(`error: ${issues}`, { exitCode: 2 });
      }
      if (!auth || auth.kind === 'jwks') {
        command.error(
          'error: MOSAIC_AUTH_JWKS_URL is set: tokens come from the identity provider, not from mosaic token',
          { exitCode: 2 },
        );
      }
      const now = options.clock?.() ?? new Date();
      const token = await developmentToken(auth, {
        user,
        roles: opts.role,
        ttlSeconds: opts.ttl,
        now,
      });
      write(`${token}\n`);
      const until = new Date(now.getTime() + opts.ttl * 1000).toISOString();
      process.stderr.write(
        `token for ${user} (${opts.role.join(', ')}), valid until ${until}, issuer ${auth.issuer}, audience ${auth.audience}\n`,
      );
    });
}
