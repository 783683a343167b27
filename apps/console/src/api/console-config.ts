// What the console's own server tells the page before anything else: where the
// gateway is, how to sign in, and which roles may declare which purpose.

export interface DemoUser {
  user: string;
  role: string;
}

export interface ConsoleConfig {
  gatewayUrl: string;
  /** demo: pick a demo user (embedded mode); token: paste a token (infra mode). */
  signIn: 'demo' | 'token';
  demoUsers: DemoUser[];
  exampleCase: string | null;
  /** Purpose → the roles that may declare it. */
  purposes: Record<string, string[]>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string');

/** The config as served, checked field by field: a malformed one is an error, not a guess. */
export function parseConsoleConfig(value: unknown): ConsoleConfig {
  if (!isRecord(value)) throw new Error('console config is not an object');
  const { gatewayUrl, signIn, demoUsers, exampleCase, purposes } = value;
  if (typeof gatewayUrl !== 'string') throw new Error('console config has no gatewayUrl');
  if (signIn !== 'demo' && signIn !== 'token') throw new Error('console config: bad signIn');
  if (!Array.isArray(demoUsers)) throw new Error('console config: demoUsers is not a list');
  const users = demoUsers.map((u): DemoUser => {
    if (!isRecord(u) || typeof u['user'] !== 'string' || typeof u['role'] !== 'string') {
      throw new Error('console config: bad demo user');
    }
    return { user: u['user'], role: u['role'] };
  });
  if (!isRecord(purposes)) throw new Error('console config: purposes is not an object');
  const table: Record<string, string[]> = {};
  for (const [purpose, roles] of Object.entries(purposes)) {
    if (!isStringArray(roles)) throw new Error(`console config: bad roles for ${purpose}`);
    table[purpose] = roles;
  }
  return {
    gatewayUrl,
    signIn,
    demoUsers: users,
    exampleCase: typeof exampleCase === 'string' ? exampleCase : null,
    purposes: table,
  };
}

export async function loadConsoleConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/console/config.json', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`the console server answered ${response.status}`);
  return parseConsoleConfig(await response.json());
}

/** A development token for a demo user, minted by the console's server (embedded mode). */
export async function fetchDemoToken(user: string): Promise<string> {
  const response = await fetch('/console/demo-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok || !isRecord(body) || typeof body['token'] !== 'string') {
    const reason = isRecord(body) && typeof body['error'] === 'string' ? body['error'] : '';
    throw new Error(`demo sign-in refused (${response.status}) ${reason}`.trim());
  }
  return body['token'];
}
