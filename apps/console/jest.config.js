// `npm run test:console`: the console's component and logic tests (React
// rendered to static markup in Node; no browser). The browser flows are the
// Playwright suite (npm run test:e2e).
const path = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'console',
  rootDir: path.resolve(__dirname, '../..'),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/apps/console/src/**/__tests__/**/*.spec.{ts,tsx}'],
  moduleFileExtensions: ['tsx', 'ts', 'js', 'mjs', 'json'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  testTimeout: 10_000,
};
