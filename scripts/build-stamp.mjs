// The staleness check behind `npm run web`, `npm start`, `npm run sandbox` and `npm run bench`:
// a start with an up-to-date build does no build work. After a successful build we record a
// fingerprint of every build input (path, size and modification time of each file under the
// input folders, plus the root config files); the next start recomputes it (a directory walk
// and a stat per file: tens of milliseconds) and builds only when it differs or an output is
// missing. Any edit, addition, deletion or rename of an input changes the fingerprint, and the
// fingerprint written is the one taken BEFORE the build started, so a file saved while the build
// ran triggers the next build too.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, renameSync, mkdirSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

/** Folders whose files feed `tsc -b` or vite. A change anywhere under them rebuilds. */
export const INPUT_DIRS = ['shared', 'main', 'app', 'renderer', 'testing', 'bench', 'e2e', 'tools'];
/** Root files that change what the build produces (compiler settings, dependency versions). */
export const INPUT_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.base.json', 'tsconfig.tests.json'];
/**
 * Paths (relative to the root, '/'-separated) under the input folders that builds, tests and
 * benches write, so they are not inputs: the bench report and e2e artifacts.
 */
export const IGNORED = ['bench/results', 'e2e/artifacts'];
/** What a start needs from the build; if one is missing the build is stale whatever the stamp says. */
export const OUTPUTS = ['dist/app/web/main.js', 'dist/app/electron/main.js', 'dist/main/cli/index.js', 'dist/renderer/index.html', 'dist/testing/renderer/index.html'];
/** Where the fingerprint of the last successful build is kept (inside dist/, so a clean build forgets it). */
export const STAMP = 'dist/.build-stamp';

function walk(root, dir, out) {
  let entries;
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return; // a missing input folder simply contributes nothing
  }
  for (const entry of entries) {
    const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (IGNORED.includes(rel)) continue;
    if (entry.isDirectory()) walk(root, rel, out);
    else if (entry.isFile()) {
      const st = statSync(join(root, rel));
      out.push(`${rel}\0${st.size}\0${st.mtimeMs}`);
    }
  }
}

/** Fingerprint of the build inputs under `root`: a sha256 over sorted (path, size, mtime) lines. */
export function fingerprint(root) {
  const lines = [];
  for (const dir of INPUT_DIRS) walk(root, dir, lines);
  for (const file of INPUT_FILES) {
    const path = join(root, file);
    if (existsSync(path)) {
      const st = statSync(path);
      lines.push(`${file}\0${st.size}\0${st.mtimeMs}`);
    }
  }
  lines.sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** Why a build is needed (a short sentence), or null when the last build is current. */
export function staleReason(root, print = fingerprint(root)) {
  const missing = OUTPUTS.find((o) => !existsSync(join(root, o)));
  if (missing !== undefined) return `${missing.split('/').join(sep)} is missing`;
  const stampPath = join(root, STAMP);
  if (!existsSync(stampPath)) return 'no record of a previous build';
  if (readFileSync(stampPath, 'utf8').trim() !== print) return 'sources changed since the last build';
  return null;
}

/** Records `print` as the fingerprint of a successful build (write to a temp file, then rename). */
export function writeStamp(root, print) {
  const path = join(root, STAMP);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${print}\n`);
  renameSync(tmp, path);
}
