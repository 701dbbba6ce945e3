// Backpressure from one session's websocket toward its emulated agent's pumps (§5): the pumps may
// send while the socket, the unacked output and the sequence window are all under their limits
// (GATEWAY), and once stopped they resume only under FLOW_RESUME_FRACTION of each, on an ack or
// on the poll that watches a draining socket.
import type { WebSocket } from 'ws';
import type { FrameBatch } from '../../ssm/connection/frame-batch.js';
import { GATEWAY } from './constants.js';

/** The agent's reliability layer, as far as the gate measures it. */
export interface FlowChannel {
  readonly unackedBytes: number;
  readonly unackedSpan: number;
}

export class FlowGate {
  private ws: WebSocket | undefined;
  private batch: FrameBatch | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** ok() said no since the pumps were last resumed: they wait for resume. */
  private blocked = false;

  /** `agent.channel` is read at each measure; `resumed` wakes the pumps. */
  constructor(
    private readonly agent: { readonly channel: FlowChannel },
    private readonly resumed: () => void,
  ) {}

  /** The websocket the agent's output goes to now (undefined: none), and its batch. */
  socket(ws: WebSocket | undefined, batch: FrameBatch | undefined): void {
    this.ws = ws;
    this.batch = batch;
  }

  /**
   * Backpressure toward the agent's pumps (§5): a full websocket, too much unacked output, or too
   * far ahead. Once paused, the flow reopens only under FLOW_RESUME_FRACTION of each limit.
   */
  ok(): boolean {
    const ws = this.ws;
    const ok = !!ws && this.clear(ws, this.blocked ? GATEWAY.FLOW_RESUME_FRACTION : 1);
    if (ok || !ws) return ok;
    this.blocked = true;
    // Acks resume the pumps at once (progress); the poll covers a websocket that drains. The
    // poll stays armed until one of its ticks finds the flow clear, so a pump that blocks and is
    // resumed by an ack over and over does not make a timer each time.
    if (!this.timer) {
      this.timer = setInterval(() => {
        if (this.ws && !this.clear(this.ws, GATEWAY.FLOW_RESUME_FRACTION)) return;
        clearInterval(this.timer);
        this.timer = undefined;
        this.resume();
      }, GATEWAY.FLOW_POLL_MS);
    }
    return false;
  }

  /** An ack arrived: if that reopened the flow, resume the pumps now rather than at the next poll. */
  progress(): void {
    if (this.blocked && this.ws && this.clear(this.ws, GATEWAY.FLOW_RESUME_FRACTION)) this.resume();
  }

  /** Stops the poll (the session ended or the sandbox shuts down). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Every measure under `fraction` of its limit. */
  private clear(ws: WebSocket, fraction: number): boolean {
    const channel = this.agent.channel;
    return (
      ws.bufferedAmount + (this.batch?.pendingBytes ?? 0) < GATEWAY.WS_HIGH_WATER_BYTES * fraction &&
      channel.unackedBytes < GATEWAY.UNACKED_HIGH_WATER_BYTES * fraction &&
      channel.unackedSpan < GATEWAY.SEQ_WINDOW_FRAMES * fraction
    );
  }

  private resume(): void {
    if (!this.blocked) return;
    this.blocked = false;
    this.resumed();
  }
}
