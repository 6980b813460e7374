// Two worlds: resolver code must pass the rules AppSync applies to APPSYNC_JS;
// everything else is strict TypeScript.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import appsync from '@aws-appsync/eslint-plugin';

export default tseslint.config(
  { ignores: ['node_modules/**', 'build/**', 'cdk.out/**', '.data/**', 'resolvers/generated/**', 'web/dist/**'] },
  {
    files: ['**/*.ts'],
    ignores: ['resolvers/**'],
    extends: [js.configs.recommended, ...tseslint.configs.strict],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['resolvers/**/*.ts'],
    ...appsync.configs.recommended,
    languageOptions: {
      ...appsync.configs.recommended.languageOptions,
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      ...appsync.configs.recommended.rules,
      // The plugin does not flag throw; APPSYNC_JS rejects it (use util.error).
      'no-restricted-syntax': ['error', { selector: 'ThrowStatement', message: 'throw is not supported in APPSYNC_JS: use util.error().' }],
    },
  },
);
