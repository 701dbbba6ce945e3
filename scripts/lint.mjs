// `npm run lint`: ESLint over the repository (eslint.config.mjs), zero warnings allowed. Prints
// ESLint's usual report and, with --report <file>, also writes a small JSON verdict that
// .ci/summarise.mjs counts as one check in CI's `N passed, N failed` line.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ESLint } from 'eslint';

const reportAt = process.argv.indexOf('--report');
const reportFile = reportAt === -1 ? undefined : process.argv[reportAt + 1];

// This process lints once and exits, so typescript-eslint may build its TypeScript program once
// rather than as a watch program kept ready for edits (it assumes that only under `eslint` or CI=true,
// and this script is neither). Measured on the full lint: about 30% less CPU.
process.env.TSESTREE_SINGLE_RUN ??= 'true';

const started = Date.now();
const eslint = new ESLint({ cwd: process.cwd() });
const results = await eslint.lintFiles(['.']);
const formatter = await eslint.loadFormatter('stylish');
const text = await formatter.format(results);
if (text) process.stdout.write(text);

const errors = results.reduce((n, r) => n + r.errorCount, 0); // errorCount includes fatal (parsing) errors
const warnings = results.reduce((n, r) => n + r.warningCount, 0);
const seconds = (Date.now() - started) / 1000;
const filesWithProblems = results.filter((r) => r.messages.length > 0).map((r) => r.filePath);
console.log(`lint: ${results.length} files, ${errors} errors, ${warnings} warnings in ${seconds.toFixed(1)} s`);
if (reportFile) {
  mkdirSync(dirname(reportFile), { recursive: true });
  writeFileSync(reportFile, JSON.stringify({ files: results.length, errors, warnings, seconds, filesWithProblems }, null, 2));
}
process.exit(errors + warnings > 0 ? 1 : 0);
