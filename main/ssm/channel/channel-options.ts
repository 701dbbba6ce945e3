// What a ReliableChannel is built with (channel.ts): its policy, hooks and the copy/verify choices.
import type { ChannelPolicy } from './policy.js';
import type { ChannelHooks } from './types.js';

export interface ChannelOptions {
  readonly policy: ChannelPolicy;
  readonly hooks: ChannelHooks;
  /** Check payload digests on receipt (default true; the real agent does not). */
  readonly verifyDigest?: boolean;
  /**
   * Deliver a stream frame that arrives in order with its payload as a view of the received
   * message instead of a copy (LentFrame): for handlers that use or copy the payload before
   * returning, or keep it knowing it pins the received message's buffer (a port session's smux
   * reader holds at most a frame's worth). Frames buffered out of order, or held after a refusal,
   * are always copies. Default false.
   */
  readonly lendPayloads?: boolean;
  /**
   * The payloads given to `send` are never modified afterwards (a port session's socket reads
   * and the payloads packed from them): each sent frame keeps its payload as given, after its
   * encoded header, instead of a copy of it in one buffer (the copy and its slab memory were the
   * larger part of encoding a forward's 1 KB frame). The wire bytes are the same. Default false.
   */
  readonly lendOutgoing?: boolean;
  /** Monotonic clock in ms (injectable for tests). */
  readonly now?: () => number;
}
