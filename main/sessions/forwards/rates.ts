/** Bytes/s from periodic samples of a monotonically growing total. */
export class RateMeter {
  private lastTotal = 0;
  private lastAt: number;
  private current = 0;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.lastAt = now();
  }

  /** Records the total now; the rate is the growth since the previous sample. */
  sample(total: number): void {
    const at = this.now();
    const seconds = (at - this.lastAt) / 1000;
    if (seconds > 0) this.current = Math.max(0, total - this.lastTotal) / seconds;
    this.lastTotal = total;
    this.lastAt = at;
  }

  get perSecond(): number {
    return this.current;
  }
}
