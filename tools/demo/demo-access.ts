// The development tokens `npm start` prints: one user per role a demo needs,
// signed with the secret every service of the run checks tokens with.
import {
  accessHeaders,
  developmentSecret,
  mintToken,
  PURPOSE_ROLES,
  type Purpose,
  type Role,
} from '@mosaic/access';
import type { AuthConfig } from '@mosaic/config';

/** The demo's users: two reviewers, because a link needs two different people to confirm it. */
export const DEMO_USERS: readonly { user: string; role: Role }[] = [
  { user: 'demo.analyst', role: 'ANALYST' },
  { user: 'demo.officer', role: 'OFFICER' },
  { user: 'demo.reviewer1', role: 'REVIEWER' },
  { user: 'demo.reviewer2', role: 'REVIEWER' },
  { user: 'demo.supervisor', role: 'SUPERVISOR' },
  { user: 'demo.oversight', role: 'OVERSIGHT' },
];

/** The case number the printed examples use. */
export const DEMO_CASE = 'DEMO-2026-000001';

/** How long a printed token lasts: a working day of trying things out. */
export const DEMO_TOKEN_TTL_SECONDS = 12 * 3600;

export interface DemoToken {
  user: string;
  role: Role;
  token: string;
}

/**
 * A token per demo user, signed with the development secret of `auth`; null
 * when tokens come from an identity provider (JWKS), which has no secret to
 * sign with.
 */
export async function mintDemoTokens(auth: AuthConfig, now?: Date): Promise<DemoToken[] | null> {
  if (auth.kind === 'jwks') return null;
  const secret = developmentSecret(auth);
  return Promise.all(
    DEMO_USERS.map(async ({ user, role }) => ({
      user,
      role,
      token: await mintToken({
        user,
        roles: [role],
        secret,
        issuer: auth.issuer,
        audience: auth.audience,
        ttlSeconds: DEMO_TOKEN_TTL_SECONDS,
        ...(now ? { now } : {}),
      }),
    })),
  );
}

/** The headers of a demo request: `token`, under `purpose`, for the demo case. */
export function demoHeaders(
  token: string,
  purpose: Purpose = 'CASE_INVESTIGATION',
): Record<string, string> {
  return accessHeaders({ token, purpose, caseNumber: DEMO_CASE });
}

/** Which roles may declare which purpose, one line each (for the start-up summary). */
export function purposeLines(): string[] {
  return Object.entries(PURPOSE_ROLES).map(
    ([purpose, roles]) => `  ${purpose.padEnd(22)} ${roles.join(', ')}`,
  );
}
