/** Benchmarks: `npm run bench` (all) or `npm run bench -- bench/<name>.bench.ts`. Not part of `npm test`. */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/bench/**/*.bench.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 600000,
};
