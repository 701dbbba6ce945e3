/**
 * The contract between the emulated agent's data channel and its session plugins (shell,
 * command, port), mirroring the agent's split between `datachannel` and `plugins/*`.
 */
import type { PacingMode } from './constants.js';

/**
 * How a plugin answers a client stream message (§4.3, agent side): `ok` → acked;
 * `not-ready` → not acked, so the client retransmits (pty not started, TCP not connected yet).
 */
export type InputResult = 'ok' | 'not-ready';

/** What the agent gives a plugin. */
export interface PluginHost {
  readonly sessionId: string;
  readonly pacing: PacingMode;
  /** False while the client is away or publication is paused (§5): pumps stop sending. */
  readonly active: boolean;
  /** Sends one stream message (the agent encrypts PT 1/11/12 when KMS is on, §6.6). */
  send(payloadType: number, payload: Uint8Array): void;
  /**
   * A plugin that answered `not-ready` can take input now: deliver frames that were acked
   * out of order and are waiting behind the refused one.
   */
  ready(): void;
  /** The plugin is done: `''` for a normal end, else the failure text for channel_closed (§3.6). */
  finish(output: string): void;
}

export interface AgentPlugin {
  /** Starts the work; called once the handshake is complete (or skipped, §6.1). */
  start(): void;
  /** One in-order client stream message (already decrypted). */
  input(payloadType: number, payload: Uint8Array): InputResult;
  /** `host.active` changed: resume pumps. */
  activeChanged(): void;
  /** Cancels: kill processes, close sockets. Idempotent. */
  stop(): void;
}
