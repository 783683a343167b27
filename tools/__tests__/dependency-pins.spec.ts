import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Two graphql copies make schema objects from one fail `instanceof` checks in the
// other ("Cannot use GraphQLSchema from another module or realm"), which breaks
// federation at run time. package.json's overrides pin one copy; the lockfile proves it.
const lock = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string }>;
};

function installed(name: string): Array<[string, string]> {
  return Object.entries(lock.packages)
    .filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`))
    .map(([path, meta]) => [path, meta.version ?? '']);
}

describe('dependency pins', () => {
  it('installs exactly one graphql, a 16.x', () => {
    const copies = installed('graphql');
    expect(copies).toHaveLength(1);
    expect(copies[0]![1]).toMatch(/^16\./);
  });

  it.each(['@apollo/gateway', '@apollo/subgraph'])('pins %s to federation 2.14.x', (name) => {
    const copies = installed(name);
    expect(copies.length).toBeGreaterThan(0);
    for (const [, version] of copies) expect(version).toMatch(/^2\.14\./);
  });
});
