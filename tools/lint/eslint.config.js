/**
 * The project's ESLint flat config (the root eslint.config.js re-exports it; it lives here so that it resolves
 * typescript-eslint, and the TypeScript 6 it needs, from this workspace). Type-checked TypeScript rules, Lit and
 * custom-element rules for the widget, and the import boundaries between the browser and the server side:
 *
 * - browser code (the widget: everything in src/ outside src/server, src/sandbox and src/node) imports no server
 *   code and no Node built-in;
 * - server code (src/server, src/sandbox, src/node) imports no browser code;
 * - src/shared/ is what both sides share, so it imports from neither;
 * - src/sandbox/ (the provider emulators) imports nothing of src/server/providers/, the code it checks;
 * - src/ imports nothing of test/, bench/, tools/ or demo/, and bench/ imports nothing of test/.
 */
// First: the TypeScript the type-checked rules run on (see there).
import './typescript-6.js';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const TSCONFIGS = ['./tsconfig.browser.json', './tsconfig.server.json', './tsconfig.json'];
const SERVER_SIDE = ['./src/server', './src/sandbox', './src/node'];
const BROWSER_SIDE = [
  './src/capture',
  './src/cdn',
  './src/client',
  './src/element',
  './src/events',
  './src/i18n',
  './src/package',
  './src/quality',
  './src/assets.ts',
  './src/element.ts',
  './src/errors.ts',
  './src/index.ts',
  './src/liveness-check.ts',
];
const BROWSER_FILES = ['src/**/*.ts'];
const SERVER_FILES = ['src/server/**', 'src/sandbox/**', 'src/node/**'];
const SHARED_ADVICE = 'Move what both sides need into src/shared/.';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'tools/lint/node_modules/**',
      'src/assets/**',
      'test/.generated/**',
      'bench/results/**',
      '.data/**',
      'demo/examples/**/dist/**',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // Each file is typed by the first project that includes it, so src/ is linted in the environment it is
      // compiled in: the widget without Node types, the server without the DOM.
      parserOptions: { project: TSCONFIGS, tsconfigRootDir: ROOT },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: TSCONFIGS.map((file) => `${ROOT}/${file}`),
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      // Unused arguments are kept when they document a callback's shape; a leading underscore says so.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Async implementations of async interfaces (the memory store, the inline validator) have nothing to await,
      // and `async` is what turns their throws into rejections, as callers expect.
      '@typescript-eslint/require-await': 'off',
      // Rejecting with `signal.reason` (typed any by the DOM and Node) is the platform's own convention for aborts;
      // anything else must still reject with an Error.
      '@typescript-eslint/prefer-promise-reject-errors': [
        'error',
        { allowThrowingAny: true, allowThrowingUnknown: true },
      ],
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: ROOT,
          zones: [
            {
              target: BROWSER_SIDE,
              from: SERVER_SIDE,
              message: `Browser code cannot import server code. ${SHARED_ADVICE}`,
            },
            {
              target: SERVER_SIDE,
              from: BROWSER_SIDE,
              message: `Server code cannot import browser code. ${SHARED_ADVICE}`,
            },
            {
              target: './src/shared',
              from: [...SERVER_SIDE, ...BROWSER_SIDE],
              message: 'src/shared/ is imported by both sides, so it imports neither.',
            },
            {
              target: './src/sandbox',
              from: './src/server/providers',
              message:
                'The sandbox emulates the providers; sharing the adapters’ code would let a bug agree with itself.',
            },
            {
              target: './src',
              from: ['./test', './bench', './tools', './demo'],
              message: 'Shipped code cannot depend on tests, benchmarks, tools or the demo.',
            },
            {
              target: './bench',
              from: './test',
              message: 'Benchmarks share helpers with tests through tools/, not test/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: BROWSER_FILES,
    ignores: SERVER_FILES,
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*'], message: 'Browser code runs in a page or a worker: no Node built-ins.' }] },
      ],
    },
  },
  {
    files: ['src/element/**', 'src/liveness-check.ts', 'src/element.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/element/**', 'src/liveness-check.ts', 'src/element.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: [...SERVER_FILES, 'scripts/**', 'bench/**', 'tools/**', 'test/**', 'demo/**', '*.config.*'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Lit calls `@event=${this.handler}` listeners with `this` set to the host element, so they are not unbound.
    files: ['src/element/**'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    files: ['test/**'],
    rules: {
      // vitest's asymmetric matchers (expect.any, expect.closeTo, expect.objectContaining) are typed any.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // Stubs save a global method (`const realFetch = window.fetch`) to put the same function back afterwards.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // chai's property assertions (`expect(x).to.be.true`) are expressions by design.
    files: ['test/browser/**'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    // Scripts that run in a page: the browser tests, the bench pages, the detector probe's page and the examples.
    files: ['test/browser/**', 'bench/pages/**', 'test/support/detect-probe/*.js', 'demo/**/*.js', 'demo/demo.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.mocha } },
  },
  {
    // Plain JavaScript (config files, scripts/*.mjs) is not in a tsconfig, so it gets the untyped rules only.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
