// A full garbage collection on demand. `node --expose-gc` provides globalThis.gc; without the
// flag (vitest workers) it is switched on at runtime, which V8 allows for the gc extension.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface MemorySample {
  readonly heapMb: number;
  readonly rssMb: number;
  /** Buffers outside the JS heap (frames, socket data): where byte-moving code keeps its memory. */
  readonly arrayBuffersMb: number;
}

/** Collections per settle: weak callbacks and finalizers free more on the second and third pass. */
const GC_PASSES = 3;
/** Pause between passes so sockets closing in the background can drop their buffers. */
const SETTLE_MS = 50;

const MB = 1024 * 1024;

function findGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

let gcFn: (() => void) | undefined;

/** Collects garbage until stable and returns heap used and RSS, in MB. */
export async function settledMemory(): Promise<MemorySample> {
  gcFn ??= findGc();
  for (let i = 0; i < GC_PASSES; i++) {
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    gcFn();
  }
  return currentMemory();
}

export function currentMemory(): MemorySample {
  const m = process.memoryUsage();
  return { heapMb: m.heapUsed / MB, rssMb: m.rss / MB, arrayBuffersMb: m.arrayBuffers / MB };
}
