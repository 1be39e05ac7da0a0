// Lint: typescript-eslint's recommended rules, plus the boundaries docs/architecture.md asks for.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'media/preview.js', 'node_modules/**', '.vscode-test/**', 'test-output/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/core/**/*.ts'],
    rules: {
      // The core is editor-free and host-free (docs/architecture.md): no vscode, no fs, no DOM.
      'no-restricted-imports': ['error', { patterns: ['vscode', 'node:*', 'fs', 'path', 'child_process', '**/extension/**', '**/cli/**', '**/preview/**', '**/host/**'] }],
    },
  },
  {
    files: ['src/host/**/*.ts'],
    rules: {
      // Host code shared by the CLI and the extension (docs/architecture.md): Node, but no editor,
      // and it depends on neither host.
      'no-restricted-imports': ['error', { patterns: ['vscode', '**/extension/**', '**/cli/**', '**/preview/**'] }],
    },
  },
  {
    files: ['src/lsp/**/*.ts'],
    rules: {
      // The language server is a host like the CLI (docs/architecture.md): no editor API. Of the
      // extension it shares only the editor-free modules.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['vscode'], message: 'The language server runs without VS Code.' },
            {
              group: ['**/extension/*', '!**/extension/assist.js', '!**/extension/check-options.js', '!**/extension/convert.js', '!**/extension/diagnostic-shape.js', '!**/extension/fixes.js', '!**/extension/settings.js'],
              message: 'Only the editor-free extension modules are shared with the language server.',
            },
            // It renders the VS Code extension's preview (`trialReport/render`, report.ts) with the
            // CLI's renderer; the webview's own script stays out.
            { group: ['**/preview/**', '!**/preview/render.js'], message: 'The language server uses only the preview renderer (render.ts).' },
          ],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
