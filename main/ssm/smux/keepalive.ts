/**
 * smux keepalive (§8.3): a NOP every interval, and a check every timeout that ends the session
 * when no frame at all arrived since the previous check.
 */
export interface SmuxKeepaliveOptions {
  intervalMs: number;
  timeoutMs: number;
  sendNop(): void;
  /** False while the silence could be our own pause rather than a dead peer. */
  canJudge(): boolean;
  onDead(): void;
}

export class SmuxKeepalive {
  private heardSinceCheck = false;
  private readonly pinger: NodeJS.Timeout;
  private readonly checker: NodeJS.Timeout;

  constructor(options: SmuxKeepaliveOptions) {
    this.pinger = setInterval(() => options.sendNop(), options.intervalMs);
    this.checker = setInterval(() => {
      if (!this.heardSinceCheck && options.canJudge()) options.onDead();
      this.heardSinceCheck = false;
    }, options.timeoutMs);
    // Timers must not keep a process alive on their own; the session's owner decides its lifetime.
    this.pinger.unref();
    this.checker.unref();
  }

  heard(): void {
    this.heardSinceCheck = true;
  }

  stop(): void {
    clearInterval(this.pinger);
    clearInterval(this.checker);
  }
}
