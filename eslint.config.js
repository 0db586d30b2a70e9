// Lints the project's own code: type-aware typescript-eslint on src/, rules/, test/ and scripts/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'action/**', 'node_modules/**', 'schemas/**', 'scratch/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { project: './tsconfig.lint.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    rules: {
      // A walk down a tree starts from a local that is `this` (KNode.at/nearest); closures that outlive a call name the provider.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['node', 'provider'] }],
    },
  },
  {
    // Tests read reports back with JSON.parse; typing every parsed report buys nothing there.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  { files: ['**/*.mjs', '**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
);
