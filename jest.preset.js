// Shared Jest settings: SWC compiles TypeScript with decorator metadata (NestJS
// needs it) and the tsconfig path aliases become module mappings.
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`,
    `<rootDir>/${target}`,
  ]),
);

const transform = {
  '^.+\\.(t|j)s$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    },
  ],
};

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  moduleNameMapper,
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  // Service logs below warn are not printed during tests (tools/jest/quiet-service-logs.ts).
  setupFiles: ['<rootDir>/tools/jest/quiet-service-logs.ts'],
  modulePathIgnorePatterns: ['<rootDir>/.infra/', '<rootDir>/.data/', '<rootDir>/dist/'],
  watchPathIgnorePatterns: ['<rootDir>/.infra/', '<rootDir>/.data/'],
};
