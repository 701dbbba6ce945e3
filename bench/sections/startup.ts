// Issue 16 §1, start-up where the user feels it: `npm run web` to the printed URL and `npm start`
// up to the Electron launch when nothing changed, the pieces on that path, and `npm run build`.
// Baseline: an empty `node -e ''` in the same run (what any Node start costs on this machine now).
// The page (Chromium) and the drop-in have their own files; this one runs them and makes the rows.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchRow, BenchSection } from '../report.js';
import { PAGE_REQUESTED_LINE, WINDOW_CREATED_LINE } from './electron-stand-in/fake-electron.js';
import { benchDropIn } from './startup-dropin.js';
import { benchFirstPage } from './startup-page.js';
import { REPO_ROOT, timeProcess } from './startup-process.js';
import { median } from './stats.js';

export const STARTUP_BENCH = {
  /** Runs per figure (median): one slow start on a loaded machine should not set it. Scaled down in quick mode. */
  RUNS: 5,
  /** Issue 16 §1: `npm run web` to the URL, and `npm start` to the Electron launch, nothing changed. */
  WARM_START_TARGET_MS: 1_500,
} as const;


/** Printed by app/web/run.ts. */
const URL_LINE = /Open: http:\/\/127\.0\.0\.1:\d+\/\?token=/;
const READY_LINE = /^porthole: services ready\.$/m;
/** Printed by the stand-in Electron binary, then by the stand-in electron module (electron-stand-in/). */
const LAUNCHED_LINE = /PORTHOLE-BENCH-ELECTRON-LAUNCHED/;
const WINDOW_LINE = new RegExp(`^${WINDOW_CREATED_LINE}$`, 'm');
const PAGE_LINE = new RegExp(`^${PAGE_REQUESTED_LINE}$`, 'm');

async function runs<T>(n: number, once: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await once());
  return out;
}

const s = (ms: number): number => ms / 1000;

export async function benchStartup(scale: number): Promise<Omit<BenchSection, 'seconds'>> {
  const n = Math.max(1, Math.round(STARTUP_BENCH.RUNS * Math.min(1, scale)));
  const loadAtStart = loadavg()[0] ?? 0;
  const home = await mkdtemp(join(tmpdir(), 'porthole-bench-start-'));
  // A person without AWS profiles (the sandbox starts), and a throwaway data folder.
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, PORTHOLE_DATA_DIR: join(home, 'data'), AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none') };
  delete env['PORTHOLE_SANDBOX'];
  // `npm start` without a real Electron: electron's launcher runs this stand-in binary (ELECTRON_OVERRIDE_DIST_PATH), which says it was
  // launched and then runs the desktop host's main script (package.json "main") under this Node, with `electron` resolved to the stand-in module.
  const node = process.execPath;
  const desktopMain = join(REPO_ROOT, (JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { main: string }).main);
  const standInArgs = ['--import', join(REPO_ROOT, 'dist', 'bench', 'sections', 'electron-stand-in', 'register.js'), desktopMain];
  const fakeElectronDir = join(home, 'electron');
  await import('node:fs/promises').then((fs) => fs.mkdir(fakeElectronDir));
  const quote = (arg: string): string => `'${arg.replaceAll("'", "'\\''")}'`;
  await writeFile(join(fakeElectronDir, 'electron'), `#!/bin/sh\necho PORTHOLE-BENCH-ELECTRON-LAUNCHED\nexec ${[node, ...standInArgs].map(quote).join(' ')}\n`);
  await chmod(join(fakeElectronDir, 'electron'), 0o755);
  try {
    // Untimed: makes sure the build is up to date, so no figure below includes a build.
    await timeProcess(node, ['scripts/build-if-stale.mjs'], { cwd: REPO_ROOT, env, until: null });
    const nodeEmpty = median((await runs(n, () => timeProcess(node, ['-e', ''], { until: null }))).map((t) => t.ms));
    const stale = median((await runs(n, () => timeProcess(node, ['scripts/build-if-stale.mjs'], { cwd: REPO_ROOT, env, until: null }))).map((t) => t.ms));
    const abi = median((await runs(n, () => timeProcess(node, ['scripts/native-abi.mjs', 'node'], { cwd: REPO_ROOT, env, until: null }))).map((t) => t.ms));
    const checks = median((await runs(n, () => timeProcess(node, ['scripts/ready-to-run.mjs', 'node'], { cwd: REPO_ROOT, env, until: null }))).map((t) => t.ms));
    const hostAlone = await runs(n, () => timeProcess(node, ['dist/app/web/main.js'], { cwd: REPO_ROOT, env, until: URL_LINE, then: [READY_LINE] }));
    const web = await runs(n, () => timeProcess('npm', ['run', 'web'], { cwd: REPO_ROOT, env, until: URL_LINE, then: [READY_LINE] }));
    const start = await runs(n, () => timeProcess('npm', ['start'], { cwd: REPO_ROOT, env: { ...env, ELECTRON_OVERRIDE_DIST_PATH: fakeElectronDir }, until: LAUNCHED_LINE, then: [WINDOW_LINE, PAGE_LINE, READY_LINE] }));
    const desktopAlone = await runs(n, () => timeProcess(node, standInArgs, { cwd: REPO_ROOT, env, until: WINDOW_LINE, then: [READY_LINE] }));
    const webMs = median(web.map((t) => t.ms));
    const webReadyMs = median(web.map((t) => t.more[0] ?? Number.NaN));
    const hostMs = median(hostAlone.map((t) => t.ms));
    const hostReadyMs = median(hostAlone.map((t) => t.more[0] ?? Number.NaN));
    const startMs = median(start.map((t) => t.ms));
    const more = (timed: readonly { more: ReadonlyArray<number | undefined> }[], i: number): number => median(timed.map((t) => t.more[i] ?? Number.NaN));
    const startWindowMs = more(start, 0);
    const startPageMs = more(start, 1);
    const startReadyMs = more(start, 2);
    const desktopWindowMs = median(desktopAlone.map((t) => t.ms));
    const desktopReadyMs = more(desktopAlone, 0);
    const page = await benchFirstPage(env);
    const dropIn = await benchDropIn(n, nodeEmpty);
    // Last: it rewrites dist/ (identical output) and the build stamp; nothing of this run loads from it after.
    const build = await timeProcess('npm', ['run', 'build'], { cwd: REPO_ROOT, env, until: null });

    const base = { value: s(nodeEmpty), label: "node -e ''" };
    const rows: BenchRow[] = [
      { figure: '`npm run web` → URL printed (nothing changed, sandbox profile)', value: s(webMs), unit: 's', baseline: base, target: { text: '< 1.5 s', met: webMs < STARTUP_BENCH.WARM_START_TARGET_MS } },
      { figure: '`npm run web` → services (and sandbox) ready', value: s(webReadyMs), unit: 's', baseline: base },
      { figure: '`npm start` → Electron launched (nothing changed)', value: s(startMs), unit: 's', baseline: base, target: { text: '< 1.5 s', met: startMs < STARTUP_BENCH.WARM_START_TARGET_MS } },
      { figure: '`npm start` → window created (main.js under Node with a stand-in electron module)', value: s(startWindowMs), unit: 's', baseline: base },
      { figure: '`npm start` → services (and sandbox) ready (same stand-in)', value: s(startReadyMs), unit: 's', baseline: base },
      { figure: 'web host alone (node dist/app/web/main.js) → URL', value: s(hostMs), unit: 's', baseline: base },
      { figure: 'desktop main script alone (node + stand-in electron, dist/app/electron/main.js) → window created', value: s(desktopWindowMs), unit: 's', baseline: base },
      { figure: 'scripts/build-if-stale.mjs (up to date)', value: s(stale), unit: 's', baseline: base },
      { figure: 'scripts/native-abi.mjs node (nothing to do)', value: s(abi), unit: 's', baseline: base },
      { figure: 'scripts/ready-to-run.mjs node (both checks in one process, what npm run web runs first)', value: s(checks), unit: 's', baseline: base },
      ...page.rows,
      ...dropIn.rows,
      { figure: '`npm run build` (tsc -b with its incremental state + both vite builds)', value: s(build.ms), unit: 's', baseline: base },
    ];
    const detail = [
      `Load average (1 min) ${loadAtStart.toFixed(1)} when this section started and ${(loadavg()[0] ?? 0).toFixed(1)} when it ended, on 2 cores shared with other work: start-up figures are single processes racing that load, so they move with it (runs of this section earlier the same night, at a load of 10–18, measured \`npm run web\` → URL at 1.4–3.2 s, most of it npm's own start). Compare the ratios to node -e '' across runs rather than the absolute times.`,
      `Medians of ${n} runs each (\`--scale\` below 1 runs fewer). HOME is a fresh folder without AWS profiles, so the sandbox starts as it does for a new user.`,
      `\`npm run web\` runs scripts/ready-to-run.mjs: the build check and the node-pty check (${checks.toFixed(0)} ms for both, against ${(stale + abi).toFixed(0)} ms as the two separate scripts), then the host in that same Node process (${hostMs.toFixed(0)} ms to its URL on its own); the rest of the ${webMs.toFixed(0)} ms is npm's own start. The host listens and prints the URL before it imports the AWS SDK, the sessions and the sandbox (${hostReadyMs.toFixed(0)} ms to "services ready" for the host alone).`,
      `\`npm start\` has no Electron binary to launch on this machine, so a stand-in binary (ELECTRON_OVERRIDE_DIST_PATH) takes its place: it prints a line when Electron's launcher starts it (the "→ Electron launched" row), then runs the desktop host's main script (dist/app/electron/main.js) under this Node with \`electron\` resolved to a stand-in module (bench/sections/electron-stand-in/) that prints a line when the main script constructs its BrowserWindow and when it asks it to load the renderer. What these rows measure: npm, the build and node-pty checks, and our main-process code up to the window call (${startWindowMs.toFixed(0)} ms; page asked for at ${startPageMs.toFixed(0)} ms), then the composition root imported and built behind it (→ services ready). What they do not: Electron's own start (its runtime boots instead of this Node, which is not the same cost), the real window, the renderer's load and its first paint, none of which exist here. The main script alone: ${desktopWindowMs.toFixed(0)} ms to the window call and ${desktopReadyMs.toFixed(0)} ms to services ready; the window call comes before the composition root is imported (app/electron/start.ts, unit-tested in start.test.ts).`,
      `All runs (ms): npm run web → URL ${web.map((t) => t.ms.toFixed(0)).join(', ')}; → ready ${web.map((t) => (t.more[0] ?? Number.NaN).toFixed(0)).join(', ')}; npm start → launched ${start.map((t) => t.ms.toFixed(0)).join(', ')}; → window ${start.map((t) => (t.more[0] ?? Number.NaN).toFixed(0)).join(', ')}; → ready ${start.map((t) => (t.more[2] ?? Number.NaN).toFixed(0)).join(', ')}; node -e '' median ${nodeEmpty.toFixed(0)}.`,
      '',
      page.detail,
      '',
      dropIn.detail,
    ].join('\n');
    return { title: 'Start-up (issue 16 §1)', rows, detail };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}
