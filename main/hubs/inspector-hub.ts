// Live frames for the inspector panel: the shell manager's frame tap publishes here, and each
// window that subscribed to one of its own sessions receives `inspector.frame` events. Secrets
// are masked (same length) before a frame leaves main; a flood is thinned to a frame budget.
import type { InspectorFrame } from '../../shared/contract/index.js';
import type { TapEvent } from '../ssm/channel/index.js';
import { decodeFrame, type ClientMessage } from '../ssm/frame/index.js';
import { maskBinaryFrame, maskTextFrame } from '../ssm/inspect/index.js';
import { SHELLS } from '../sessions/shells/index.js';
import type { ClientHandle } from './client-handle.js';

/** The budget window for INSPECTOR_MAX_FRAMES_PER_SECOND. */
const BUDGET_WINDOW_MS = 1000;

export class InspectorHub {
  readonly #subscribers = new Map<string, Set<ClientHandle>>();
  readonly #budget = new Map<string, { start: number; count: number }>();

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
      this.#budget.delete(sessionId);
    }
  }

  /** A window went away: drop all its subscriptions. */
  dropClient(client: ClientHandle): void {
    for (const id of [...this.#subscribers.keys()]) this.unsubscribe(client, id);
  }

  publish(sessionId: string, event: TapEvent): void {
    const set = this.#subscribers.get(sessionId);
    if (set === undefined || !this.#withinBudget(sessionId)) return;
    const frame = toInspectorFrame(sessionId, event);
    for (const client of set) {
      if (client.closed) continue;
      try {
        client.emit('inspector', 'frame', frame);
      } catch (err) {
        console.warn(`porthole: inspector frame for ${sessionId} not sent: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  #withinBudget(sessionId: string): boolean {
    const now = Date.now();
    const b = this.#budget.get(sessionId);
    if (b === undefined || now - b.start >= BUDGET_WINDOW_MS) {
      this.#budget.set(sessionId, { start: now, count: 1 });
      return true;
    }
    b.count += 1;
    return b.count <= this.maxFramesPerSecond;
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
