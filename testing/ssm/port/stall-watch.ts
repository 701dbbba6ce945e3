/**
 * Test support: fail a transfer that stopped moving, with what each side holds, instead of the
 * runner's bare timeout. Not a speed check: only a window with no byte moved at all trips it.
 */
import { Reliability } from '../../../main/ssm/channel/index.js';

/**
 * A live transfer moves a byte well within this: each end resends its oldest unacked frame at
 * least once per maximum RTO (1 s), so even a loss costs about a second, and a loaded CI machine
 * stretches that a few times at most. Fifteen of them with nothing moved is a wedge, and it
 * leaves the runner's 60 s test timeout the room to print the report.
 */
export const STALL_QUIET_MS = 15 * Reliability.MAX_RTO_MS;
/** How often the progress counter is read. */
const POLL_MS = 250;

export interface StallWatch {
  /** A counter that grows whenever the transfer makes progress (bytes moved, summed). */
  moved(): number;
  /** The state to print when it stalls. */
  report(): string;
  quietMs?: number;
}

/** Resolves with `work`, or rejects with `report()` once `moved()` stood still for `quietMs`. */
export async function failOnStall<T>(work: Promise<T>, watch: StallWatch): Promise<T> {
  const quietMs = watch.quietMs ?? STALL_QUIET_MS;
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_resolve, reject) => {
    let last = watch.moved();
    let lastChange = Date.now();
    timer = setInterval(() => {
      const now = watch.moved();
      if (now !== last) {
        last = now;
        lastChange = Date.now();
      } else if (Date.now() - lastChange >= quietMs) {
        reject(new Error(`stalled: nothing moved for ${quietMs} ms\n${watch.report()}`));
      }
    }, POLL_MS);
  });
  try {
    return await Promise.race([work, stalled]);
  } finally {
    clearInterval(timer);
  }
}
