// A call made once things stop changing: each schedule() restarts the wait, cancel() drops it.

export class Debounce {
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly waitMs: number,
    private readonly run: () => void,
  ) {}

  schedule(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.run();
    }, this.waitMs);
  }

  cancel(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
  }
}
