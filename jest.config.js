// `npm test`: every unit and embedded-mode suite. Needs no service running.
const preset = require('./jest.preset.js');

/** @type {import('jest').Config} */
module.exports = {
  ...preset,
  displayName: 'unit+embedded',
  testMatch: ['<rootDir>/{apps,libs,tools}/**/__tests__/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/tools/lint-fixtures/'],
  testTimeout: 30_000,
};
