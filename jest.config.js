/** Unit tests beside the code in src/, e2e tests in test/ against the real app and a real database. */
const { transform, transformIgnorePatterns } = require('./jest.transform');

module.exports = {
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/global-setup.js',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: [
        '<rootDir>/src/**/*.spec.ts',
        '<rootDir>/bench/**/*.spec.ts',
        '<rootDir>/lint/**/*.spec.cjs',
        '<rootDir>/scripts/**/*.spec.cjs',
      ],
      transform,
      transformIgnorePatterns,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform,
      transformIgnorePatterns,
    },
  ],
};
