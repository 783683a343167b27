// What the console shows about the signed-in user, read from the token's
// claims. Display only: the gateway verifies the token on every request.

export interface Identity {
  token: string;
  user: string;
  roles: string[];
  /** Seconds since the epoch, or null when the token does not say. */
  expiresAt: number | null;
}

export const CASE_NUMBER = /^[A-Z]{2,8}-\d{4}-\d{1,8}$/;

function base64UrlDecode(part: string): string {
  const padded = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The identity a JWT claims, or an error saying why it is not one. */
export function identityFromToken(token: string): Identity {
  const trimmed = token.trim();
  const parts = trimmed.split('.');
  if (parts.length !== 3 || !parts[1]) throw new Error('not a JWT (three dot-separated parts)');
  let claims: unknown;
  try {
    claims = JSON.parse(base64UrlDecode(parts[1]));
  } catch {
    throw new Error('the token’s claims are not readable JSON');
  }
  if (typeof claims !== 'object' || claims === null) throw new Error('the token has no claims');
  const { sub, roles, exp } = claims as Record<string, unknown>;
  if (typeof sub !== 'string') throw new Error('the token names no user (sub)');
  const roleList = Array.isArray(roles)
    ? roles.filter((r): r is string => typeof r === 'string')
    : [];
  return {
    token: trimmed,
    user: sub,
    roles: roleList,
    expiresAt: typeof exp === 'number' ? exp : null,
  };
}

/** The purposes `roles` may declare, given the purpose → roles table. */
export function purposesFor(
  roles: readonly string[],
  purposes: Readonly<Record<string, readonly string[]>>,
): string[] {
  return Object.entries(purposes)
    .filter(([, allowed]) => allowed.some((role) => roles.includes(role)))
    .map(([purpose]) => purpose);
}
