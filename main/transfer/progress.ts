// Transfer progress: payload bytes done of a total (when known), bytes/s over a sliding window,
// and the ETA that rate gives. Reported at most every PROGRESS_INTERVAL_MS, and once at the end.
import { formatBytes, formatDuration, formatRate } from '../../shared/format/bytes.js';
import { TRANSFER } from './constants.js';

export interface TransferProgress {
  /** Payload bytes (the file's own bytes, before compression and base64) done so far. */
  readonly bytes: number;
  /** Total payload bytes, when known (a folder's tar size is known only once packed). */
  readonly total: number | undefined;
  readonly bytesPerSecond: number;
  /** Seconds left at the current rate; undefined when the total or the rate is unknown. */
  readonly etaSeconds: number | undefined;
}

export class ProgressMeter {
  #bytes = 0;
  #total: number | undefined;
  #lastReport = 0;
  readonly #samples: Array<{ at: number; bytes: number }> = [];

  constructor(
    private readonly report: (p: TransferProgress) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  setTotal(total: number | undefined): void {
    this.#total = total;
  }

  add(bytes: number): void {
    this.#bytes += bytes;
    const at = this.now();
    this.#samples.push({ at, bytes: this.#bytes });
    while (this.#samples.length > 2 && (this.#samples[0]?.at ?? at) < at - TRANSFER.RATE_WINDOW_MS) this.#samples.shift();
    if (at - this.#lastReport >= TRANSFER.PROGRESS_INTERVAL_MS) this.flush();
  }

  get bytes(): number {
    return this.#bytes;
  }

  snapshot(): TransferProgress {
    const first = this.#samples[0];
    const last = this.#samples[this.#samples.length - 1];
    const span = first && last ? (last.at - first.at) / 1000 : 0;
    const rate = first && last && span > 0 ? (last.bytes - first.bytes) / span : 0;
    const left = this.#total === undefined ? undefined : Math.max(0, this.#total - this.#bytes);
    return {
      bytes: this.#bytes,
      total: this.#total,
      bytesPerSecond: rate,
      etaSeconds: left === undefined || rate <= 0 ? undefined : left / rate,
    };
  }

  flush(): void {
    this.#lastReport = this.now();
    this.report(this.snapshot());
  }
}

/** "12.3 MB of 50.0 MB, 4.10 MB/s, 9 s left" (the CLI's progress line and the UI's tooltip). */
export function formatProgress(p: TransferProgress): string {
  const of = p.total === undefined ? '' : ` of ${formatBytes(p.total)}`;
  const eta = p.etaSeconds === undefined ? '' : `, ${formatDuration(p.etaSeconds)} left`;
  return `${formatBytes(p.bytes)}${of}, ${formatRate(p.bytesPerSecond)}${eta}`;
}
