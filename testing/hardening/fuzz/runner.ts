/**
 * Runs fuzz targets: each input is a seed as is, a random input, or a mutation of a seed or of an
 * earlier accepted input (so accepted shapes are explored further). Deterministic for a given
 * seed, so any crash replays by re-running with the same seed and count.
 */
import { allTargets } from './all-targets.js';
import { Rng } from './prng.js';
import type { FuzzTarget } from './types.js';

export const FUZZ = {
  /** Share of inputs built from nothing; the rest are mutations. */
  RANDOM_SHARE: 0.2,
  /** Accepted mutants kept to mutate further; bounded so memory stays flat in long runs. */
  CORPUS_LIMIT: 512,
  /** One input taking longer than this is reported as a hang (the parsers are linear and tiny). */
  HANG_MS: 2_000,
  /** Crash reports kept per target: the first few say everything. */
  MAX_CRASHES_KEPT: 5,
} as const;

export interface FuzzCrash {
  readonly index: number;
  readonly error: string;
  readonly input: string;
}

export interface FuzzTargetReport {
  readonly name: string;
  readonly inputs: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly crashes: number;
  readonly crashSamples: readonly FuzzCrash[];
  readonly hangs: number;
  readonly slowestMs: number;
  readonly seconds: number;
}

function runTarget<T>(target: FuzzTarget<T>, inputs: number, seed: number): FuzzTargetReport {
  const rng = new Rng(seed);
  const corpus: T[] = [...target.seeds];
  let accepted = 0;
  let rejected = 0;
  let crashes = 0;
  let hangs = 0;
  let slowest = 0;
  const samples: FuzzCrash[] = [];
  const started = performance.now();
  for (let i = 0; i < inputs; i++) {
    const fromSeed = i < target.seeds.length;
    const input = fromSeed
      ? (target.seeds[i] as T)
      : rng.chance(FUZZ.RANDOM_SHARE)
        ? target.random(rng)
        : target.mutate(rng.pick(corpus), rng.pick(corpus), rng);
    const t0 = performance.now();
    try {
      if (target.check(input) === 'accepted') {
        accepted++;
        if (!fromSeed && corpus.length < FUZZ.CORPUS_LIMIT) corpus.push(input);
      } else rejected++;
    } catch (error) {
      crashes++;
      if (samples.length < FUZZ.MAX_CRASHES_KEPT) {
        samples.push({ index: i, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error), input: target.show(input) });
      }
    }
    const ms = performance.now() - t0;
    if (ms > slowest) slowest = ms;
    if (ms > FUZZ.HANG_MS) hangs++;
  }
  return { name: target.name, inputs, accepted, rejected, crashes, crashSamples: samples, hangs, slowestMs: slowest, seconds: (performance.now() - started) / 1000 };
}

export interface FuzzOptions {
  /** Inputs per target. */
  readonly inputsPerTarget: number;
  readonly seed: number;
  /** Called after each target, for progress output in long runs. */
  readonly onTarget?: (report: FuzzTargetReport) => void;
}

export function runFuzz(options: FuzzOptions): FuzzTargetReport[] {
  return allTargets().map((target, i) => {
    const report = runTarget(target, options.inputsPerTarget, options.seed + i);
    options.onTarget?.(report);
    return report;
  });
}

export function formatFuzzReport(reports: readonly FuzzTargetReport[], seed: number): string {
  const total = reports.reduce((n, r) => n + r.inputs, 0);
  const lines = [
    `Fuzz run, seed ${seed}: ${total.toLocaleString('en-US')} inputs in all.`,
    '',
    '| target | inputs | accepted | rejected (typed) | crashes | hangs | slowest input | s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...reports.map((r) => `| ${r.name} | ${r.inputs} | ${r.accepted} | ${r.rejected} | ${r.crashes} | ${r.hangs} | ${r.slowestMs.toFixed(1)} ms | ${r.seconds.toFixed(1)} |`),
  ];
  for (const r of reports) for (const c of r.crashSamples) lines.push('', `crash in ${r.name} at input ${c.index}: ${c.error}`, `  input: ${c.input}`);
  return lines.join('\n');
}
