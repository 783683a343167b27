// The module-boundary rules of the workspace (STYLE.md "Layout"), shared by the
// root ESLint config and the lint fixture workspace that proves they bite.

const sourceScopes = ['travel', 'seizure', 'fingerprint'];

// Packages that do I/O or pull in a framework: domain code must stay pure.
const ioPackages = [
  '@nestjs/*',
  '@apollo/*',
  '@electric-sql/*',
  '@elastic/*',
  '@opensearch-project/*',
  'typeorm',
  'typeorm-pglite',
  'pg',
  'kafkajs',
  'pino',
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'net',
  'node:net',
  'http',
  'node:http',
  'https',
  'node:https',
  'child_process',
  'node:child_process',
];

export const depConstraints = [
  // Layering by type: apps sit on top and are never imported themselves.
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:domain', 'type:util'],
  },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:domain', 'type:util'],
  },
  {
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:domain', 'type:util'],
  },
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:domain', 'type:util'],
    bannedExternalImports: ioPackages,
  },
  {
    sourceTag: 'type:util',
    onlyDependOnLibsWithTags: ['type:util'],
  },
  // Scopes: shared code knows no domain; a source never reaches into another source.
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...sourceScopes.map((scope) => ({
    sourceTag: `scope:${scope}`,
    onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
  })),
  { sourceTag: 'scope:identity', onlyDependOnLibsWithTags: ['scope:identity', 'scope:shared'] },
  { sourceTag: 'scope:analysis', onlyDependOnLibsWithTags: ['scope:analysis', 'scope:shared'] },
  { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
  // The console is a browser app: it reaches Mosaic through the gateway only, never a data lib.
  { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:shared'] },
  // The CLI drives every service (synth, import, eval, audit verify), so it may use any scope.
  {
    sourceTag: 'scope:cli',
    onlyDependOnLibsWithTags: [
      ...sourceScopes.map((s) => `scope:${s}`),
      'scope:identity',
      'scope:analysis',
      'scope:gateway',
      'scope:shared',
    ],
  },
];

export const moduleBoundariesRule = [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints,
  },
];
