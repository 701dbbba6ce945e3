// Replays an asciicast v2 recording: writes each "o" event's data at its recorded time, scaled by
// a speed factor, with long idle gaps capped so a recording left open overnight still plays.
import { parseCast, type Cast } from './asciicast.js';

export const PLAYER = {
  /** Idle gaps longer than this many seconds play as this long (asciinema's `-i` default is off; 2 s keeps pauses visible but short). */
  DEFAULT_IDLE_LIMIT_S: 2,
  /** Waits shorter than this are skipped: timers cannot be that precise and the eye cannot tell. */
  MIN_WAIT_MS: 1,
} as const;

export interface PlayOptions {
  /** 2 = twice as fast. Must be > 0. */
  speed?: number;
  /** Cap on any single pause, in recorded seconds; Infinity plays gaps as recorded. */
  idleLimit?: number;
  signal?: AbortSignal;
  /** Called for "r" events with the recorded size, e.g. to resize an xterm. */
  onResize?: (cols: number, rows: number) => void;
}

export class PlayError extends Error {
  override readonly name = 'PlayError';
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Plays a parsed cast into `write`. Resolves when done or aborted. */
export async function playCast(cast: Cast, write: (data: string) => void, options: PlayOptions = {}): Promise<void> {
  const speed = options.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed)) throw new PlayError(`speed must be a positive number, got ${speed}`);
  const idleLimit = options.idleLimit ?? PLAYER.DEFAULT_IDLE_LIMIT_S;
  let previous = 0;
  for (const event of cast.events) {
    if (options.signal?.aborted) return;
    const gap = Math.min(Math.max(event.time - previous, 0), idleLimit);
    previous = event.time;
    const waitMs = (gap * 1000) / speed;
    if (waitMs >= PLAYER.MIN_WAIT_MS) await sleep(waitMs, options.signal);
    if (options.signal?.aborted) return;
    if (event.code === 'o') write(event.data);
    else if (event.code === 'r') {
      const m = /^(\d+)x(\d+)$/.exec(event.data);
      if (m) options.onResize?.(Number(m[1]), Number(m[2]));
    }
  }
}

/** Parses and plays .cast text. */
export function playCastText(text: string, write: (data: string) => void, options: PlayOptions = {}): Promise<void> {
  return playCast(parseCast(text), write, options);
}
