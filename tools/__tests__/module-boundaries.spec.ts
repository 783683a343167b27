import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// Lints a miniature workspace (tools/lint-fixtures/workspace) with the real
// depConstraints from tools/eslint/dep-constraints.mjs, so a rule that stops
// biting fails here rather than silently in review.
const root = join(__dirname, '..', '..');
const fixture = join(root, 'tools', 'lint-fixtures', 'workspace');
const bin = (pkg: string, path: string) => join(root, 'node_modules', pkg, path);

interface EslintFileResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; message: string }>;
}

function lintFixture(): Map<string, string[]> {
  const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
  // The boundary rule reads Nx's project graph; compute it for the fixture first.
  execFileSync(process.execPath, [bin('nx', 'bin/nx.js'), 'show', 'projects'], {
    cwd: fixture,
    env,
    stdio: 'pipe',
  });
  let output: string;
  try {
    output = execFileSync(process.execPath, [bin('eslint', 'bin/eslint.js'), '.', '-f', 'json'], {
      cwd: fixture,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    // ESLint exits 1 when it finds errors, which is what this fixture is for.
    output = (error as { stdout: string }).stdout;
  }
  const results = JSON.parse(output) as EslintFileResult[];
  return new Map(
    results.map((r) => [
      r.filePath.slice(fixture.length + 1),
      r.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message),
    ]),
  );
}

describe('module boundaries (STYLE.md "Layout")', () => {
  let findings: Map<string, string[]>;

  beforeAll(() => {
    findings = lintFixture();
  }, 120_000);

  it('fails lint when a lib imports an app', () => {
    expect(findings.get('libs/shared-util/src/imports-app.ts')).toHaveLength(1);
  });

  it('fails lint when an app imports another app', () => {
    expect(findings.get('apps/seizure/src/imports-app.ts')).toHaveLength(1);
  });

  it('fails lint when one source scope imports another', () => {
    expect(findings.get('libs/travel-domain/src/imports-other-source.ts')).toEqual([
      expect.stringContaining(
        '"scope:travel" can only depend on libs tagged with "scope:travel", "scope:shared"',
      ),
    ]);
  });

  it('lets an app use its own scope and shared libs', () => {
    expect(findings.get('apps/travel/src/main.ts')).toEqual([]);
  });
});
