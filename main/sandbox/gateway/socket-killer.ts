// The killSocketEveryMs fault knob: a timer that kills a session's current websocket every so
// often, so the client's resume (§9) is exercised over and over.

export class SocketKiller {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly killCurrent: () => void) {}

  /** (Re)starts the period from now; no timer without a period or without a socket to kill. */
  arm(everyMs: number | undefined, hasSocket: boolean): void {
    this.stop();
    if (!everyMs || !hasSocket) return;
    this.timer = setInterval(this.killCurrent, everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
