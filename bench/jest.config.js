/** Benchmarks: `npm run bench` (all) or `npm run bench -- bench/<name>.bench.ts`. Not part of `npm test`. */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/bench/**/*.bench.ts'],
  ...require('../jest.transform'),
  testTimeout: 600000,
};
