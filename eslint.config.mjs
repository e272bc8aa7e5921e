import tseslint from 'typescript-eslint';
import kattegat from './lint/eslint-plugin-kattegat.cjs';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'scripts/**', 'lint/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Each module writes only its own tables (lint/eslint-plugin-kattegat.cjs).
    files: ['src/**/*.ts'],
    plugins: { kattegat },
    rules: {
      'kattegat/no-foreign-entity-write': 'error',
      'no-restricted-syntax': [
        'error',
        {
          // localeCompare with a locale builds a new collator on every call: slow in a sort.
          selector: "CallExpression[callee.property.name='localeCompare'][arguments.length>1]",
          message: 'Sort with danishCompare from src/common/danish-order (one shared collator).',
        },
      ],
    },
  },
  {
    // The lint tools themselves: CommonJS scripts and their Jest specs, outside the TypeScript program.
    files: ['lint/**/*.cjs', '.dependency-cruiser.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        describe: 'readonly',
        it: 'readonly',
        expect: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
