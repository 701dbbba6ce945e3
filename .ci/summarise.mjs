// Sums the lint verdict and vitest's and Playwright's JSON reports into one plain final line, `N passed, N failed`,
// which this CI recognises. A runner that left no report (e.g. the build failed first) counts
// as one failure, said in words. Skipped tests are listed as NOT RUN, never counted as passed.
// Usage: node .ci/summarise.mjs <results-dir>; exits 1 when anything failed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'test-results';
let passed = 0;
let failed = 0;
const notes = [];

function read(name) {
  const file = join(dir, name);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    notes.push(`${name} is unreadable: ${err.message}`);
    return null;
  }
}

// Lint counts as one check: passed with zero errors and zero warnings, failed otherwise.
const lint = read('lint.json');
if (lint) {
  const clean = lint.errors === 0 && lint.warnings === 0;
  if (clean) passed += 1;
  else failed += 1;
  for (const f of lint.filesWithProblems ?? []) notes.push(`lint: problems in ${f}`);
  console.log(`lint: ${clean ? '1 passed, 0 failed' : '0 passed, 1 failed'} (${lint.files} files, ${lint.errors} errors, ${lint.warnings} warnings, ${lint.seconds} s)`);
} else {
  failed += 1;
  notes.push('lint produced no report: ESLint did not run (did an earlier step fail?)');
}

const vitest = read('vitest.json');
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  // A test file that fails to load has no failed tests but fails the run.
  const brokenSuites = (vitest.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).every((a) => a.status !== 'failed'));
  failed += brokenSuites.length;
  for (const s of brokenSuites) notes.push(`vitest: ${s.name} failed to run: ${(s.message ?? '').split('\n')[0]}`);
  const skipped = (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  if (skipped > 0) notes.push(`vitest: ${skipped} skipped (not run)`);
  console.log(`vitest: ${vitest.numPassedTests ?? 0} passed, ${(vitest.numFailedTests ?? 0) + brokenSuites.length} failed`);
} else {
  failed += 1;
  notes.push('vitest produced no report: unit tests did not run (did the build or typecheck fail?)');
}

function walkSpecs(suite, out) {
  for (const spec of suite.specs ?? []) for (const t of spec.tests ?? []) out.push({ title: `${t.projectName} › ${spec.file} › ${spec.title}`, test: t });
  for (const child of suite.suites ?? []) walkSpecs(child, out);
}

const pw = read('playwright.json');
if (pw) {
  const stats = pw.stats ?? {};
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  failed += stats.unexpected ?? 0;
  for (const e of pw.errors ?? []) {
    failed += 1;
    notes.push(`playwright: ${(e.message ?? '').split('\n')[0]}`);
  }
  const specs = [];
  for (const s of pw.suites ?? []) walkSpecs(s, specs);
  for (const { title, test } of specs) {
    if (test.status !== 'skipped') continue;
    const reason = (test.annotations ?? []).find((a) => a.type === 'skip')?.description ?? 'skipped';
    notes.push(`playwright: ${title}: ${reason}`);
  }
  if ((stats.flaky ?? 0) > 0) notes.push(`playwright: ${stats.flaky} flaky (passed on retry)`);
  console.log(`playwright: ${(stats.expected ?? 0) + (stats.flaky ?? 0)} passed, ${stats.unexpected ?? 0} failed, ${stats.skipped ?? 0} not run`);
} else {
  failed += 1;
  notes.push('playwright produced no report: e2e tests did not run (did an earlier step fail?)');
}

for (const n of notes) console.log(n);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
