// The renderer's typed view of the contract. Checks everything that arrives from main (the
// renderer trusts main no more than main trusts the renderer) and what it sends, so a bad call
// fails here with a clear message instead of as a rejection later.
import {
  ContractError,
  ControlResponseSchema,
  describeIssues,
  parseEventPayload,
  parseResult,
  parseToMainData,
  parseToRendererData,
  RefusedInputSchema,
  RemoteErrorSchema,
  type EventName,
  type EventPayload,
  type LinkPurpose,
  type PlainError,
  type InputKind,
  type RefusedInput,
  type MethodName,
  type OpenLinkResult,
  type ParamsIn,
  type RemoteError,
  type Result,
  type ServiceName,
  type ToRendererData,
} from '../../shared/contract/index.js';
import type { Bridge } from './types.js';

export class PortholeClient {
  /** Why Porthole's services could not start, once a call said so ('not_started'); null while all is well. */
  #startFailure: string | null = null;
  readonly #startFailureListeners = new Set<() => void>();

  /** Why the link to the host is lost (the latest, clearest reason); null while it holds. */
  #linkLost: string | null = null;

  constructor(private readonly bridge: Bridge) {
    bridge.onDisconnect((reason) => {
      this.#linkLost = reason;
    });
  }

  /** For parts that show up after the link was lost (a lazy panel that can no longer load says why). */
  get linkLost(): string | null {
    return this.#linkLost;
  }

  get startFailure(): string | null {
    return this.#startFailure;
  }

  /** Told once, when a call first says the services could not start (the window then shows only that). */
  onStartFailure(listener: () => void): () => void {
    this.#startFailureListeners.add(listener);
    return () => this.#startFailureListeners.delete(listener);
  }

  /** Opens a web address outside Porthole, however this window's host does that. */
  openLink(url: string, purpose: LinkPurpose): Promise<OpenLinkResult> {
    return this.bridge.openLink(url, purpose, () => this.call('links', 'open', { url, purpose }));
  }

  /** Asks before the page unloads while `shouldAsk()` (hosts that guard closing in main ignore it). */
  guardUnload(shouldAsk: () => boolean): () => void {
    return this.bridge.guardUnload(shouldAsk);
  }

  /** Whether the browser keeps some keys for itself (see Bridge.browserKeys). */
  get browserKeys(): boolean {
    return this.bridge.browserKeys;
  }

  /** Whether the host can show a file in the system's file manager (see Bridge.showsFiles). */
  get showsFiles(): boolean {
    return this.bridge.showsFiles;
  }

  /** Calls a contract method; resolves with its checked result or throws a ContractError. */
  async call<S extends ServiceName, M extends MethodName<S>>(service: S, method: M, params: ParamsIn<S, M>): Promise<Result<S, M>> {
    const raw = await this.bridge.request(service, method, params);
    const envelope = ControlResponseSchema.safeParse(raw);
    if (!envelope.success) throw new ContractError('malformed', `Malformed reply to ${service}.${method}: ${describeIssues(envelope.error, '')}`);
    const res = envelope.data;
    if (!res.ok) {
      if (res.error.code === 'not_started' && this.#startFailure === null) {
        this.#startFailure = res.error.message;
        for (const listener of [...this.#startFailureListeners]) listener();
      }
      throw new ContractError(res.error.code, res.error.message, res.error.nextStep, res.error.details, res.error.localBindProblem);
    }
    return parseResult(service, method, res.result, 'Porthole') as Result<S, M>;
  }

  /** Subscribes to a contract event; payloads that fail the schema are logged and dropped. */
  on<S extends ServiceName, E extends EventName<S>>(service: S, event: E, listener: (payload: EventPayload<S, E>) => void): () => void {
    return this.bridge.onEvent(service, event, (raw) => {
      try {
        listener(parseEventPayload(service, event, raw) as EventPayload<S, E>);
      } catch (err) {
        console.error(`porthole: dropped a ${service}.${event} event:`, err);
      }
    });
  }

  /** Refusals from main: messages this window sent that main refused; `input` when it was a session's input. */
  onRejected(listener: (error: RemoteError, input?: RefusedInput) => void): () => void {
    return this.bridge.onRejected((raw) => {
      const { error, input } = (raw ?? {}) as { error?: unknown; input?: unknown };
      const parsed = RemoteErrorSchema.safeParse(error);
      const refused = input === undefined ? undefined : RefusedInputSchema.safeParse(input);
      listener(parsed.success ? parsed.data : { code: 'malformed', message: 'Main sent an unreadable refusal.' }, refused?.success === true ? refused.data : undefined);
    });
  }

  onDisconnect(listener: (reason: string, hostRestarted: boolean) => void): () => void {
    return this.bridge.onDisconnect(listener);
  }

  // Data plane: the UI's TerminalController uses these; bytes never enter React state.

  /** Throws when it cannot go: the link to the host is lost (the bridge would drop it), or the contract refuses it. */
  sendInput(sessionId: string, bytes: Uint8Array, kind: InputKind = 'keys'): void {
    if (this.#linkLost !== null) throw new ContractError('failed', this.#linkLost);
    this.bridge.sendData(parseToMainData({ type: 'input_stream_data', sessionId, bytes, ...(kind === 'paste' ? { kind } : {}) }));
  }

  sendAck(sessionId: string, bytes: number): void {
    this.bridge.sendData(parseToMainData({ type: 'ack', sessionId, bytes }));
  }

  sendResize(sessionId: string, cols: number, rows: number): void {
    this.bridge.sendData(parseToMainData({ type: 'resize', sessionId, cols, rows }));
  }

  /** Output and status for this window's sessions, checked. */
  onData(listener: (msg: ToRendererData) => void): () => void {
    return this.bridge.onData((raw) => {
      try {
        listener(parseToRendererData(raw));
      } catch (err) {
        console.error('porthole: dropped a data message from main:', err);
      }
    });
  }
}

/** Any error a call may throw, split into what happened and what to do next. */
export function plainError(err: unknown): PlainError {
  if (err instanceof ContractError) return { message: err.message, ...(err.nextStep ? { nextStep: err.nextStep } : {}), ...(err.details ? { details: err.details } : {}) };
  return { message: err instanceof Error ? err.message : String(err) };
}

/** A readable one-liner for any error a call may throw. */
export function errorText(err: unknown): string {
  if (err instanceof ContractError) return err.nextStep ? `${err.message} ${err.nextStep}` : err.message;
  return err instanceof Error ? err.message : String(err);
}
