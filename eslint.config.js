// Lint rules: typescript-eslint's recommended set, plus the house rules of CONTRIBUTING.md (the boundaries between
// the parts of src/ are checked by dependency-cruiser, .dependency-cruiser.cjs, in the same npm run lint).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'migrations/', '.bench-data/', 'dist/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Only config.ts reads the environment (CONTRIBUTING.md, "Pure core, thin edges": nothing reads process.env outside config.ts).
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/config.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through src/config.ts.' }],
    },
  },
);
