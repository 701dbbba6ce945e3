// The terminal's size on its way to its session. A size goes once the terminal has stopped
// changing size (a separator drag refits many times, and each size sent makes the remote shell and
// a full-screen program redraw everything), but never behind input: keys and pastes go to the
// session after the size the terminal had when they were typed. Otherwise a command typed at the
// first prompt, before the first fit's size went (150 ms, far longer on a loaded machine), ran at
// the launch's 80×24: `ls` laid out for 80 columns, `stty size` said 24 rows.
import { Debounce } from './debounce.js';

export class RemoteSize {
  /** A size is waiting for the debounce. */
  #waiting = false;
  readonly #later: Debounce;

  /** `send` tells the session the terminal's size now (it decides whether the session takes it). */
  constructor(waitMs: number, private readonly send: () => void) {
    this.#later = new Debounce(waitMs, () => this.#go());
  }

  /** The size changed, or the session must hear it again (live again): sent once it stops changing. */
  changed(): void {
    this.#waiting = true;
    this.#later.schedule();
  }

  /** Input is about to go to the session: a size still waiting goes first. */
  beforeInput(): void {
    if (!this.#waiting) return;
    this.#later.cancel();
    this.#go();
  }

  cancel(): void {
    this.#waiting = false;
    this.#later.cancel();
  }

  #go(): void {
    this.#waiting = false;
    this.send();
  }
}
