/**
 * How Jest compiles: TypeScript with ts-jest, and the few packages that ship ES modules only
 * (Node loads them from CommonJS; Jest's module system does not): @nestjs/schedule, and otplib's
 * base32 and hash plugins (@scure, @noble).
 */
const esmOnly = ['@nestjs/schedule', '@scure', '@noble'];

module.exports = {
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    [`/node_modules/(${esmOnly.join('|')})/.+\\.js$`]: [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022' }, isolatedModules: true },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)(?!.*/node_modules/)`],
};
