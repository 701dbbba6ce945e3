// The transfer's view of its own shell session: lines typed in, markers (in order) and base64
// data out, input held back while the data channel has too much unacknowledged, and one
// 'session ended' error for every waiter when the session closes under it.
import type { ShellSession } from '../ssm/shell/shell-session.js';
import { TRANSFER } from './constants.js';
import { systemError, TransferError, transferError } from './errors.js';
import { MarkerScanner, TAG, type Marker } from './markers.js';

/** What the transfer needs of a shell session (ShellSession has all of it). */
export type TransferSession = Pick<ShellSession, 'write' | 'on' | 'open' | 'terminate' | 'pendingInput' | 'pause' | 'resume' | 'status' | 'closedBecause'>;

interface Waiter {
  resolve(marker: Marker): void;
  reject(error: Error): void;
}

export class RemoteShell {
  readonly #markers: Marker[] = [];
  readonly #waiters: Waiter[] = [];
  readonly #scanner: MarkerScanner;
  #failure: TransferError | undefined;
  #data: (text: Buffer) => void = () => undefined;
  readonly #unsubscribe: Array<() => void> = [];

  constructor(
    readonly session: TransferSession,
    nonce: string,
    /** How messages name the target ("i-0123…", "ecs:demo/…/app"). */
    readonly label: string,
  ) {
    this.#scanner = new MarkerScanner(nonce, {
      marker: (m) => this.#push(m),
      data: (text) => this.#data(text),
    });
    this.#unsubscribe.push(
      session.on('output', (bytes) => {
        if (this.#failure !== undefined) return;
        try {
          this.#scanner.feed(bytes);
        } catch (err) {
          this.fail(err instanceof TransferError ? err : transferError('failed', String(err)));
        }
      }),
      session.on('closed', (reason) => {
        this.fail(transferError('session-ended', `The session to ${label} ended before the transfer finished (${reason.message}).`));
      }),
    );
  }

  /** Where base64 text between BEGIN and the next marker goes. */
  onData(sink: (text: Buffer) => void): void {
    this.#data = sink;
  }

  /** Types text (one or more complete lines, or data) into the remote shell. */
  send(text: string | Uint8Array): void {
    if (this.#failure !== undefined) throw this.#failure;
    this.session.write(text);
  }

  /** Resolves once the data channel holds few enough unacknowledged input frames. */
  async writable(): Promise<void> {
    while (this.session.pendingInput > TRANSFER.MAX_PENDING_INPUT_FRAMES) {
      if (this.#failure !== undefined) throw this.#failure;
      await new Promise((r) => setTimeout(r, TRANSFER.PENDING_POLL_MS));
    }
    if (this.#failure !== undefined) throw this.#failure;
  }

  /**
   * The next marker. An ERROR marker becomes a TransferError for `what` (the remote's own
   * words, classified); a tag not in `expected` is a protocol error.
   */
  async expect(what: string, expected: readonly string[], timeoutMs?: number): Promise<Marker> {
    const marker = await this.#next(timeoutMs);
    if (marker.tag === TAG.ERROR) throw systemError(`on ${this.label}`, what, marker.args);
    if (!expected.includes(marker.tag)) throw transferError('failed', `The target answered "${marker.tag}" where ${expected.join(' or ')} was expected (${what}).`);
    return marker;
  }

  /** Fails every waiter (and every later call) with `error`; the first failure wins. */
  fail(error: TransferError): void {
    if (this.#failure !== undefined) return;
    this.#failure = error;
    for (const w of this.#waiters.splice(0)) w.reject(error);
  }

  get failure(): TransferError | undefined {
    return this.#failure;
  }

  dispose(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
  }

  #push(marker: Marker): void {
    const waiter = this.#waiters.shift();
    if (waiter) waiter.resolve(marker);
    else this.#markers.push(marker);
  }

  #next(timeoutMs?: number): Promise<Marker> {
    const queued = this.#markers.shift();
    if (queued) return Promise.resolve(queued);
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    return new Promise<Marker>((resolve, reject) => {
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => {
        const i = this.#waiters.indexOf(waiter);
        if (i >= 0) this.#waiters.splice(i, 1);
        reject(transferError('failed', `${this.label} did not answer within ${Math.round(timeoutMs / 1000)} s: its shell may not be a POSIX shell.`));
      }, timeoutMs);
      const waiter: Waiter = {
        resolve: (m) => { clearTimeout(timer); resolve(m); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      };
      this.#waiters.push(waiter);
    });
  }
}
