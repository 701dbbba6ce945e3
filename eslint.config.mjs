// `npm run lint`: typescript-eslint with type information over the TypeScript, ESLint's recommended
// rules over the plain JavaScript (scripts/, tools/, .ci/, bin/, this file), plus the house's import
// boundaries (tools/eslint-import-boundaries.mjs). Zero warnings: every rule is an error; a disable comment
// must say why (tools/eslint-disable-reason.mjs) and is reported once it suppresses nothing.
// Type information comes from the TypeScript 6 API (package "typescript" is @typescript/typescript6;
// the compiler the build runs, `tsc`, is TypeScript 7 from "@typescript/native", which has no JS API).
import { defineConfig, globalIgnores } from 'eslint/config';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import tseslint from 'typescript-eslint';
import { disableReason } from './tools/eslint-disable-reason.mjs';
import { importBoundaries } from './tools/eslint-import-boundaries.mjs';

/**
 * ESLint's recommended rules (what @eslint/js's `recommended` config lists), read from each core
 * rule's own `meta.docs.recommended` flag: ESLint 10 no longer installs @eslint/js, and ESLint keeps
 * that config and the flag in step, so this follows ESLint upgrades without a second package.
 */
const jsRecommended = Object.fromEntries(
  [...builtinRules].filter(([, rule]) => rule.meta?.docs?.recommended && !rule.meta.deprecated).map(([name]) => [name, 'error']),
);

/**
 * The Node globals our scripts may use without an import; inline because the `globals` package is
 * not a dependency. A script reaching for another one gets no-undef and adds it here.
 */
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'structuredClone', 'AbortController', 'AbortSignal', 'TextEncoder', 'TextDecoder', 'fetch', 'performance'].map((name) => [name, 'readonly']),
);

const DOMAIN = ['main/ssm', 'main/aws', 'main/sessions', 'main/transfer', 'main/sandbox', 'main/storage', 'main/process'];

/** Who may import what (docs/architecture.md). Test files (*.test.ts) are exempt from the folder rules, not from electron. */
const zones = [
  { files: 'main', forbid: ['electron'], because: 'main/ is plain Node; only app/ imports electron' },
  { files: 'shared', forbid: ['electron'], because: 'shared/ is the pure contract' },
  { files: 'renderer', forbid: ['electron'], because: 'the renderer reaches the host only through renderer/bridge and the contract' },
  { files: 'main', forbid: ['app', 'renderer', 'testing', 'bench', 'e2e'], because: 'main/ is product code below the hosts; test support lives in testing/ and bench/' },
  { files: 'main', forbid: ['main/composition', 'main/cli'], because: 'composition/ and cli/ are entry points: nothing in main/ imports them' },
  { files: 'main/ipc', forbid: ['main/composition'], because: 'layers point one way: composition → ipc → hubs → domain → shared' },
  { files: 'main/hubs', forbid: ['main/ipc', 'main/composition'], because: 'layers point one way: composition → ipc → hubs → domain → shared' },
  ...DOMAIN.map((files) => ({ files, forbid: ['main/hubs', 'main/ipc', 'main/composition'], because: 'domain folders sit below hubs/ and ipc/ (composition → ipc → hubs → domain → shared)' })),
  { files: 'shared', forbid: ['node:', 'react', 'react-dom', 'ws', 'main', 'app', 'renderer', 'testing', 'bench'], because: 'shared/ has no Node, no DOM libraries and imports only itself' },
  { files: 'renderer', except: ['renderer/vite.config.mts'], forbid: ['node:', 'ws', 'main', 'app', 'testing', 'bench'], because: 'the renderer runs in a sandboxed page: no Node, and it knows main/ only through shared/contract' },
  { files: 'app', forbid: ['renderer', 'testing', 'bench', 'e2e'], because: 'the hosts serve the built renderer; test support is never product code' },
];

export default defineConfig([
  globalIgnores(['**/node_modules/', '**/dist/', 'test-results/', 'playwright-report/', 'release/', 'e2e/artifacts/', 'bench/results/']),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { porthole: { rules: { 'import-boundaries': importBoundaries, 'disable-reason': disableReason } } },
    rules: { 'porthole/disable-reason': 'error' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: nodeGlobals },
    rules: jsRecommended,
  },
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    // ESLint's recommended rules first; typescript-eslint's set then turns off those TypeScript itself checks.
    extends: [{ rules: jsRecommended }, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // One program over every file (tsconfig.eslint.json says why), not a project service opening
      // each build project, which type-checked the shared sources once per project that includes them.
      parserOptions: { project: './tsconfig.eslint.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Off by choice: what it finds are Promise-returning implementations (interface methods, test
      // fakes) whose `async` is what turns a throw into a rejection; dropping it would change when
      // an error surfaces (ForwardManager.setAutoRestart's unknown id would throw, not reject).
      '@typescript-eslint/require-await': 'off',
      // TypeScript reports an unused private member itself; this rule also counts `this.#timer ??= …`
      // (a pending timer kept as the "already scheduled" mark) as unused.
      'no-unused-private-class-members': 'off',
      // A leading underscore marks a parameter kept for its position (an interface's signature, a
      // stand-in's API); a rest sibling is how a test drops one property from an object.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Rethrowing what a catch or an abort signal holds (typed any/unknown) is fine; a string is not.
      '@typescript-eslint/only-throw-error': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      // The contract and the transfer script match control characters on purpose (each use says why).
      'no-control-regex': 'error',
      'porthole/import-boundaries': ['error', zones],
    },
  },
  {
    // Left out of tsconfig.eslint.json (its declarations clash with the DOM's): read with its own project.
    files: ['shared/text-codec.d.ts'],
    languageOptions: { parserOptions: { project: './shared/tsconfig.json' } },
  },
  {
    // Tests match on shapes with expect.stringMatching(), expect.any() and the like, which vitest and
    // Playwright type as any: in a test, assigning one is the idiom, not an escape from the types.
    files: ['**/*.test.{ts,tsx}', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'e2e/**', 'testing/**', 'bench/**'],
    rules: { 'porthole/import-boundaries': ['error', zones.filter((z) => z.forbid.includes('electron'))] },
  },
]);
