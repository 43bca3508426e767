// The house rules a tool checks (npm run lint, part of npm test): TypeScript and Next's rules,
// and the layering of shared/ARCHITECTURE.md — imports run app -> components -> lib and
// server -> lib, lib does no I/O, a screen never imports another screen's files, the wall's
// bundle carries no zod, and message keys are never cast.
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import boundaries from 'eslint-plugin-boundaries';
import prettier from 'eslint-config-prettier/flat';

/** Screen folders under components/: each may use lib/, the shared folders and itself. */
const SCREENS = ['wall', 'training', 'report', 'auth', 'desk', 'public'];
/** Shared UI and plumbing that any screen may use. */
const SHARED = ['components/shared/**', 'components/map/**', 'components/realtime/**', 'components/i18n/**', 'components/config/**'];

/**
 * components/ and app/ import by the `@/` alias only, so a file reads the same wherever it moves;
 * lib/ and server/ keep relative paths (the server's tsc build rewrites those, not aliases).
 */
const ALIAS_IMPORTS_ONLY = {
  group: ['./*', '../*'],
  message: 'In components/ and app/, import by the @/ alias (e.g. @/components/map/mapPanes.ts), not a relative path.',
};

const screenElements = SCREENS.map((screen) => ({ type: `screen-${screen}`, pattern: `components/${screen}/**`, partialMatch: false }));

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    '.next/**',
    'dist/**',
    'node_modules/**',
    'test-results/**',
    'playwright-report/**',
    'public/**',
    '.e2e-data*/**',
    'bench/results/**',
    'next-env.d.ts',
  ]),
  {
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.json' }, node: true },
      'boundaries/elements': [
        { type: 'lib', pattern: 'lib/**', partialMatch: false },
        { type: 'server', pattern: 'server/**', partialMatch: false },
        { type: 'app', pattern: 'app/**', partialMatch: false },
        { type: 'shared-ui', pattern: SHARED, partialMatch: false },
        ...screenElements,
        { type: 'tooling', pattern: ['e2e/**', 'bench/**', 'scripts/**', '*.config.*'], partialMatch: false },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            // lib is pure: nothing from the app, the server or the components, and no Node built-ins.
            {
              from: { element: { type: 'lib' } },
              disallow: {
                to: { element: { types: { anyOf: ['server', 'app', 'shared-ui', 'tooling', ...screenElements.map((e) => e.type)] } } },
              },
            },
            // The server uses lib only, never the UI.
            {
              from: { element: { type: 'server' } },
              disallow: { to: { element: { types: { anyOf: ['app', 'shared-ui', 'tooling', ...screenElements.map((e) => e.type)] } } } },
            },
            // Components never reach into the server or the routes.
            {
              from: { element: { types: { anyOf: ['shared-ui', ...screenElements.map((e) => e.type)] } } },
              disallow: { to: { element: { types: { anyOf: ['server', 'app', 'tooling'] } } } },
            },
            // Shared UI does not depend on any screen.
            {
              from: { element: { type: 'shared-ui' } },
              disallow: { to: { element: { types: { anyOf: screenElements.map((e) => e.type) } } } },
            },
            // A screen never imports another screen's files.
            ...screenElements.map((own) => ({
              from: { element: { type: own.type } },
              disallow: { to: { element: { types: { anyOf: screenElements.map((e) => e.type).filter((t) => t !== own.type) } } } },
            })),
          ],
        },
      ],
      // Every import runs one way, so no module waits on itself.
      'import/no-cycle': ['error', { ignoreExternal: true }],
      // "A missing translation fails the build": a cast would hide it.
      'no-restricted-syntax': [
        'error',
        {
          selector: "TSAsExpression > TSTypeReference[typeName.name='MessageKey']",
          message: 'Do not cast to MessageKey: build the key from typed parts so a missing translation fails the build.',
        },
      ],
      // React Compiler rules (react-hooks 7): they flag effects that measure the DOM or follow an
      // outside system (the socket, the clock), which React documents as what effects are for.
      // Concordia does not use the compiler; they stay visible as warnings, not gates.
      'react-hooks/set-state-in-effect': 'warn',
      'react-hooks/refs': 'warn',
      'react-hooks/purity': 'warn',
      'react-hooks/immutability': 'warn',
      // A `let` read by a closure before its one assignment (late-bound wiring in server/app.ts) stays a let.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    // lib/ is shared with the browser and does no I/O: no Node built-ins.
    files: ['lib/**'],
    // Tests beside the code may read fixtures from disk; the code they test may not.
    ignores: ['lib/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['node:*'], message: 'lib/ does no I/O and runs in the browser too: keep Node built-ins in server/.' }],
          paths: [
            'fs',
            'path',
            'os',
            'crypto',
            'http',
            'https',
            'net',
            'tls',
            'child_process',
            'worker_threads',
            'stream',
            'url',
            'util',
          ].map((name) => ({
            name,
            message: 'lib/ does no I/O and runs in the browser too: keep Node built-ins in server/.',
          })),
        },
      ],
    },
  },
  {
    files: ['components/**', 'app/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ALIAS_IMPORTS_ONLY] }] },
  },
  {
    // The wall's bundle stays zod-free (first-load JS budget), and so does the public board (read on a
    // weak signal at the border): they read replies with the zod-free readers in lib/contract.
    files: [
      'components/wall/**',
      'components/map/**',
      'components/realtime/**',
      'components/shared/**',
      'components/config/useClientConfig.ts',
      'components/public/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: 'The wall carries no zod: import plain lists from lib/contract/vocabulary.ts and friends.' }],
          patterns: [
            // Repeated here: this block's no-restricted-imports replaces the one above for these files.
            ALIAS_IMPORTS_ONLY,
            {
              group: [
                '**/lib/contract/events.ts',
                '**/lib/contract/validation.ts',
                '**/lib/contract/http.ts',
                '**/lib/contract/waitTimes.ts',
              ],
              message: 'These modules build zod schemas; the wall imports plain lists and types only (import type is fine).',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  // Layout is Prettier's job (npm run format): no lint rule argues with it.
  prettier,
]);
