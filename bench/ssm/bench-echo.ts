// Keystroke → echo timing for bench/ (issue 7): one timer for every echo path (the engine, a
// plain websocket relay, a local pty), so their figures differ only by the path.
/** Something that takes keystrokes and gives back what a raw-mode `cat` echoed. */
export interface EchoTarget {
  send(key: string): void;
  /** Called with echoed text as it arrives (latin1 for bytes). */
  onText(listener: (text: string) => void): void;
  close(): Promise<void>;
}

/** Bytes cycled through as keystrokes: printable, one byte each. */
const ECHO_ALPHABET = 'abcdefghijklmnopqrstuvwxyz';
/** A path that does not echo for this long is broken, not slow: fail the run instead of hanging. */
export const ECHO_TIMEOUT_MS = 10_000;

/**
 * Times keystrokes one at a time on `target`. The arrival time is taken in the text listener
 * itself, when the key is seen — the moment an app would hand the echo on — not after promise
 * and tick queues have run.
 */
export class EchoTimer {
  private seen = '';
  private waiting: { key: string; resolve: (at: number) => void; timer: NodeJS.Timeout } | undefined;

  constructor(private readonly target: EchoTarget) {
    target.onText((text) => {
      const at = performance.now();
      this.seen += text;
      const w = this.waiting;
      if (w && this.seen.includes(w.key)) {
        this.waiting = undefined;
        w.resolve(at);
      }
    });
  }

  /** Resolves once `needle` has been echoed (e.g. a prompt printed by the setup command). */
  async waitForText(needle: string): Promise<void> {
    if (this.seen.includes(needle)) return;
    await this.until(needle);
  }

  /** Sends `count` keystrokes one after another; pushes each key's echo time (ms) onto `out`. */
  async time(count: number, out: number[] = []): Promise<number[]> {
    for (let i = 0; i < count; i++) {
      const key = ECHO_ALPHABET[i % ECHO_ALPHABET.length] ?? 'a';
      this.seen = '';
      const arrived = this.until(key);
      const t0 = performance.now();
      try {
        this.target.send(key);
      } catch (error) {
        this.cancel();
        throw error;
      }
      out.push((await arrived) - t0);
    }
    return out;
  }

  close(): Promise<void> {
    return this.target.close();
  }

  private until(key: string): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.waiting === waiter) this.waiting = undefined;
        reject(new Error(`no echo of ${JSON.stringify(key)} within ${ECHO_TIMEOUT_MS} ms`));
      }, ECHO_TIMEOUT_MS);
      const waiter = { key, resolve: (at: number) => { clearTimeout(timer); resolve(at); }, timer };
      this.waiting = waiter;
    });
  }

  /** Forgets the pending key (its send failed): its timer must not fire later. */
  private cancel(): void {
    if (this.waiting) clearTimeout(this.waiting.timer);
    this.waiting = undefined;
  }
}

export interface LatencyResult {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Keystrokes not counted while the path's pty and JIT warm up. */
const WARMUP_KEYS = 20;

/** Times `samples` keystrokes after a warm-up on a freshly opened path, then closes it. */
export async function measureEcho(open: () => Promise<EchoTimer>, samples: number): Promise<LatencyResult> {
  const timer = await open();
  try {
    await timer.time(WARMUP_KEYS);
    const times = await timer.time(samples);
    return { samples: times.length, p50Ms: quantile(times, 0.5), p99Ms: quantile(times, 0.99) };
  } finally {
    await timer.close();
  }
}

/** Ascending copy's p-quantile (0–1); 0 for none. */
export function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? 0 : (s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0);
}
