/**
 * How Jest compiles: TypeScript with ts-jest, and @nestjs/schedule too, which ships ES modules
 * only (Node loads them from CommonJS; Jest's module system does not).
 */
module.exports = {
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    '/node_modules/@nestjs/schedule/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022' }, isolatedModules: true },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/schedule/)'],
};
