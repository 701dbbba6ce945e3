// Live frames for the inspector panel: the shell manager's frame tap publishes here, and each
// window that subscribed to one of its own sessions receives `inspector.frame` events. Secrets
// are masked (same length) before a frame leaves main; a flood is thinned to a frame budget, and
// each run of frames left out is reported as an `inspector.gap` event where the frames would have been.
import type { EventName, EventPayloadIn, InspectorFrame, InspectorGap } from '../../shared/contract/index.js';
import type { TapEvent } from '../ssm/channel/index.js';
import { decodeFrame, type ClientMessage } from '../ssm/frame/index.js';
import { maskBinaryFrame, maskTextFrame } from '../ssm/inspect/index.js';
import { SHELLS } from '../sessions/shells/index.js';
import type { ClientHandle } from './client-handle.js';

/** The budget window for INSPECTOR_MAX_FRAMES_PER_SECOND. */
const BUDGET_WINDOW_MS = 1000;

/** One session's budget window: frames sent in it, and frames left out since its gap was last reported. */
interface Budget {
  readonly start: number;
  sent: number;
  notShown: number;
  /** Reports the gap when the window ends, for a flood that stops while over budget. */
  timer: ReturnType<typeof setTimeout> | null;
}

export class InspectorHub {
  readonly #subscribers = new Map<string, Set<ClientHandle>>();
  readonly #budget = new Map<string, Budget>();
  /** Frames left out per watched session, cumulative until nobody watches it any more. */
  readonly #totalNotShown = new Map<string, number>();

  constructor(private readonly maxFramesPerSecond: number = SHELLS.INSPECTOR_MAX_FRAMES_PER_SECOND) {}

  watching(sessionId: string): boolean {
    return (this.#subscribers.get(sessionId)?.size ?? 0) > 0;
  }

  subscribe(client: ClientHandle, sessionId: string): void {
    let set = this.#subscribers.get(sessionId);
    if (set === undefined) {
      set = new Set();
      this.#subscribers.set(sessionId, set);
    }
    set.add(client);
  }

  unsubscribe(client: ClientHandle, sessionId: string): void {
    const set = this.#subscribers.get(sessionId);
    set?.delete(client);
    if (set?.size === 0) {
      this.#subscribers.delete(sessionId);
      const b = this.#budget.get(sessionId);
      if (b?.timer != null) clearTimeout(b.timer);
      this.#budget.delete(sessionId);
      this.#totalNotShown.delete(sessionId);
    }
  }

  /** A window went away: drop all its subscriptions. */
  dropClient(client: ClientHandle): void {
    for (const id of [...this.#subscribers.keys()]) this.unsubscribe(client, id);
  }

  publish(sessionId: string, event: TapEvent): void {
    if (!this.#subscribers.has(sessionId) || !this.#admit(sessionId)) return;
    this.#emit(sessionId, 'frame', toInspectorFrame(sessionId, event));
  }

  #emit<E extends EventName<'inspector'>>(sessionId: string, name: E, payload: EventPayloadIn<'inspector', E>): void {
    for (const client of this.#subscribers.get(sessionId) ?? []) {
      if (client.closed) continue;
      try {
        client.emit('inspector', name, payload);
      } catch (err) {
        console.warn(`porthole: inspector ${name} for ${sessionId} not sent: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  /** Within the budget? A frame over it is counted into the current gap instead. */
  #admit(sessionId: string): boolean {
    const now = Date.now();
    let b = this.#budget.get(sessionId);
    if (b !== undefined && now - b.start >= BUDGET_WINDOW_MS) {
      this.#reportGap(sessionId, b);
      b = undefined;
    }
    if (b === undefined) {
      b = { start: now, sent: 0, notShown: 0, timer: null };
      this.#budget.set(sessionId, b);
    }
    if (b.sent < this.maxFramesPerSecond) {
      b.sent += 1;
      return true;
    }
    b.notShown += 1;
    const budget = b;
    b.timer ??= setTimeout(() => this.#reportGap(sessionId, budget), Math.max(0, b.start + BUDGET_WINDOW_MS - now));
    return false;
  }

  #reportGap(sessionId: string, b: Budget): void {
    if (b.timer !== null) clearTimeout(b.timer);
    b.timer = null;
    if (b.notShown === 0) return;
    const totalNotShown = (this.#totalNotShown.get(sessionId) ?? 0) + b.notShown;
    this.#totalNotShown.set(sessionId, totalNotShown);
    const gap: InspectorGap = { sessionId, at: Date.now(), notShown: b.notShown, totalNotShown, maxPerSecond: this.maxFramesPerSecond };
    b.notShown = 0;
    this.#emit(sessionId, 'gap', gap);
  }
}

/** The tap decodes incoming frames; outgoing ones are bytes only, decoded here (ours, so well-formed). */
function decoded(event: TapEvent): ClientMessage | undefined {
  if (event.frame !== undefined || event.text !== undefined || event.error !== undefined) return event.frame;
  try {
    return decodeFrame(event.bytes);
  } catch {
    return undefined;
  }
}

export function toInspectorFrame(sessionId: string, event: TapEvent): InspectorFrame {
  const masked = event.text !== undefined ? maskTextFrame(new TextEncoder().encode(event.text)) : maskBinaryFrame(event.bytes);
  const frame = decoded(event);
  const messageType = frame?.messageType ?? (event.text !== undefined ? 'open_data_channel' : 'malformed');
  return {
    sessionId,
    direction: event.direction,
    at: Math.floor(event.at),
    messageType,
    sequence: frame?.sequenceNumber ?? null,
    frameBase64: Buffer.from(masked.bytes).toString('base64'),
  };
}
