// Test support: one window of the app as a host would connect it — control requests as raw
// envelopes through the router's validation, data messages through the binary wire codec both
// ways (as the web host carries them) — with waiters on what arrives.
import {
  decodeDataFrame,
  encodeDataFrame,
  type ControlEvent,
  type MethodName,
  type ParamsIn,
  type Result,
  type ServiceName,
  type SessionStatus,
  type ToMainData,
  type ToRendererControl,
  type ToRendererData,
} from '../../shared/contract/index.js';
import type { Connection } from '../../main/ipc/connection.js';
import type { Router } from '../../main/ipc/router.js';

/** Generous: the sandbox's shells start real ptys, and CI machines are slow. */
const WAIT_TIMEOUT_MS = 15_000;

/** Polls `check` until it holds: for state no message announces (e.g. after a window closed). */
export async function eventually(what: string, check: () => boolean, timeoutMs = WAIT_TIMEOUT_MS): Promise<void> {
  const POLL_MS = 20;
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

export class RemoteCallError extends Error {
  override readonly name = 'RemoteCallError';
  constructor(readonly code: string, message: string, readonly nextStep?: string) {
    super(message);
  }
}

export class TestClient {
  readonly connection: Connection;
  readonly events: ControlEvent[] = [];
  readonly rejected: ToRendererControl[] = [];
  /** Output bytes per session, in arrival order. */
  readonly output = new Map<string, Buffer[]>();
  readonly statuses = new Map<string, SessionStatus[]>();
  readonly dataMessages: ToRendererData[] = [];
  readonly #received = new Map<string, number>();
  /** Output messages received, all sessions. */
  outputMessages = 0;
  #nextId = 1;
  #waiters = new Set<() => void>();
  /** Called with each status the moment it arrives, before any waiter wakes (tests acting at a state change). */
  readonly #statusListeners = new Set<(sessionId: string, status: SessionStatus) => void>();

  /** `retainOutput: false` counts bytes without keeping them (benches: no harness garbage in the figures). */
  constructor(router: Router, private readonly options: { retainOutput?: boolean } = {}) {
    this.connection = router.connect({
      sendControl: (msg) => {
        if (msg.type === 'event') this.events.push(msg);
        else if (msg.type === 'rejected') this.rejected.push(msg);
        this.#wake();
      },
      sendData: (msg) => {
        const decoded = decodeDataFrame(encodeDataFrame(msg)) as ToRendererData;
        if (decoded.type === 'output_stream_data') {
          this.outputMessages += 1;
          if (this.options.retainOutput !== false) {
            this.dataMessages.push(decoded);
            const list = this.output.get(decoded.sessionId) ?? [];
            list.push(Buffer.from(decoded.bytes));
            this.output.set(decoded.sessionId, list);
          }
          this.#received.set(decoded.sessionId, (this.#received.get(decoded.sessionId) ?? 0) + decoded.bytes.byteLength);
        } else {
          this.dataMessages.push(decoded);
          const list = this.statuses.get(decoded.sessionId) ?? [];
          list.push(decoded.status);
          this.statuses.set(decoded.sessionId, list);
          for (const l of [...this.#statusListeners]) l(decoded.sessionId, decoded.status);
        }
        this.#wake();
      },
    });
  }

  async call<S extends ServiceName, M extends MethodName<S>>(service: S, method: M, params: ParamsIn<S, M>): Promise<Result<S, M>> {
    const res = await this.connection.handleControl({ type: 'request', id: this.#nextId++, service, method, params });
    if (!res.ok) throw new RemoteCallError(res.error.code, res.error.message, res.error.nextStep);
    return res.result as Result<S, M>;
  }

  /** Sends a renderer → main data message through the wire codec; returns the rejection, if any. */
  send(msg: ToMainData): string | null {
    return this.connection.handleData(decodeDataFrame(encodeDataFrame(msg)))?.message ?? null;
  }

  input(sessionId: string, text: string | Uint8Array): string | null {
    const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : Uint8Array.from(text);
    return this.send({ type: 'input_stream_data', sessionId, bytes });
  }

  /** Calls `listener` with each session status as it arrives (synchronously, inside main's send); returns the undo. */
  onStatus(listener: (sessionId: string, status: SessionStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  text(sessionId: string): string {
    return Buffer.concat(this.output.get(sessionId) ?? []).toString('utf8');
  }

  bytesReceived(sessionId: string): number {
    return this.#received.get(sessionId) ?? 0;
  }

  lastStatus(sessionId: string): SessionStatus | undefined {
    return this.statuses.get(sessionId)?.at(-1);
  }

  /** Resolves once `check` holds (re-checked on every message), or fails after the timeout. */
  until(what: string, check: () => boolean, timeoutMs = WAIT_TIMEOUT_MS): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(wake);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const wake = (): void => {
        if (!check()) return;
        clearTimeout(timer);
        this.#waiters.delete(wake);
        resolve();
      };
      this.#waiters.add(wake);
    });
  }

  untilText(sessionId: string, needle: string | RegExp, timeoutMs?: number): Promise<void> {
    const test = (t: string) => (typeof needle === 'string' ? t.includes(needle) : needle.test(t));
    return this.until(`output ${String(needle)} in ${sessionId} (have: ${JSON.stringify(this.text(sessionId).slice(-200))})`, () => test(this.text(sessionId)), timeoutMs);
  }

  untilState(sessionId: string, state: SessionStatus['state'], timeoutMs?: number): Promise<SessionStatus> {
    return this.until(`session ${sessionId} ${state}`, () => this.lastStatus(sessionId)?.state === state, timeoutMs).then(() => this.lastStatus(sessionId) as SessionStatus);
  }

  eventsOf(service: string, event: string): unknown[] {
    return this.events.filter((e) => e.service === service && e.event === event).map((e) => e.payload);
  }

  /** The window goes away: 'dropped' (a reload; the default) or 'ended' (an Electron window closed). */
  close(how: 'dropped' | 'ended' = 'dropped'): void {
    this.connection.close(how);
  }

  #wake(): void {
    for (const w of [...this.#waiters]) w();
  }
}
