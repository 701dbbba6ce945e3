/**
 * `npm run bench`: runs every benchmark of the other issues in one process, one after another
 * (so they do not disturb each other), and writes the summary and details to
 * bench/results/latest.md, then prints it.
 *
 *   node dist/bench/run.js [--scale 0.25] [--only engine,forwards] [--out file.md]
 */
import { cpus, loadavg } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatReport, type BenchSection, type FailedSection } from './report.js';
import { benchDiscoveryTree } from './sections/discovery.js';
import { benchEngine } from './sections/engine.js';
import { benchForwards } from './sections/forward.js';
import { benchMemory } from './sections/memory.js';
import { benchShells } from './sections/shells.js';
import { benchStartup } from './sections/startup.js';
import { benchTransfer } from './sections/transfer.js';
import { benchUi } from './sections/ui.js';

/** Where the committed report lives: bench/results/latest.md beside the sources (run from dist/bench). */
const DEFAULT_OUT = fileURLToPath(new URL('../../bench/results/latest.md', import.meta.url));

const SECTIONS: ReadonlyArray<{ readonly key: string; readonly run: (scale: number) => Promise<Omit<BenchSection, 'seconds'>> }> = [
  { key: 'engine', run: benchEngine },
  { key: 'forwards', run: benchForwards },
  { key: 'discovery', run: () => benchDiscoveryTree() },
  { key: 'shells', run: benchShells },
  { key: 'transfer', run: benchTransfer },
  { key: 'ui', run: benchUi },
  { key: 'memory', run: benchMemory },
  // Last: it ends with `npm run build`, which rewrites dist/ under the running bench.
  { key: 'startup', run: benchStartup },
];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, only: { type: 'string' }, out: { type: 'string', default: DEFAULT_OUT } } });
  const scale = Number(values.scale);
  if (!(scale > 0)) throw new Error(`--scale must be a positive number, got ${values.scale}`);
  const only = values.only === undefined ? null : new Set(values.only.split(','));
  const unknown = [...(only ?? [])].filter((k) => !SECTIONS.some((s) => s.key === k));
  if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.key).join(', ')}`);
  const load = loadavg().map((l) => l.toFixed(2)).join(' / ');
  const done: BenchSection[] = [];
  const failed: FailedSection[] = [];
  for (const section of SECTIONS) {
    if (only !== null && !only.has(section.key)) continue;
    process.stderr.write(`bench: ${section.key}…\n`);
    const started = performance.now();
    try {
      const result = await section.run(scale);
      done.push({ ...result, seconds: (performance.now() - started) / 1000 });
      process.stderr.write(`bench: ${section.key} done in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      failed.push({ title: section.key, error: message });
      process.stderr.write(`bench: ${section.key} failed: ${message}\n`);
    }
  }
  const cpu = cpus();
  const report = formatReport(
    { date: new Date().toISOString(), node: process.versions.node, cpus: `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}`, loadAverage: load, scale },
    done,
    failed,
  );
  await mkdir(dirname(values.out), { recursive: true });
  await writeFile(values.out, report);
  process.stdout.write(`${report}\n`);
  process.stderr.write(`bench: wrote ${values.out}\n`);
}

main().then(
  // Sandbox servers and ptys are closed by each section; exit anyway so a straggling handle cannot hold the run open.
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
