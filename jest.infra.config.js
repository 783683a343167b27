// `npm run test:infra`: integration suites against the real PostgreSQL, Kafka
// and search engine started by `npm run infra:up`.
const preset = require('./jest.preset.js');

/** @type {import('jest').Config} */
module.exports = {
  ...preset,
  displayName: 'infra',
  testMatch: ['<rootDir>/{apps,libs,tools}/**/__tests__/**/*.integration-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/tools/lint-fixtures/'],
  testTimeout: 120_000,
};
