/**
 * The fault-injection vocabulary (issue 3 part 5), as a zod schema so the same JSON can come
 * from a test in-process or over the sandbox API's HTTP control endpoint.
 *
 * Persistent knobs (`toClient`, `toAgent`, `killSocketEveryMs`) stay in force until replaced;
 * `actions` run once, the moment the spec is applied to a live session.
 */
import { z } from 'zod';

/** Message types a direction's knobs act on unless `types` says otherwise. */
export const DEFAULT_FAULTED_TYPES = ['output_stream_data', 'input_stream_data', 'acknowledge'] as const;

const probability = z.number().min(0).max(1);

export const DirectionFaultsSchema = z.strictObject({
  /** Probability that a frame is silently lost. */
  drop: probability.default(0),
  /** Probability that a frame is delivered twice. */
  duplicate: probability.default(0),
  /** Hold up to this many frames and release them in shuffled order (0 = off). */
  reorderWindow: z.number().int().min(0).max(256).default(0),
  /** Added latency per frame, in ms (order preserved). */
  delayMs: z.number().int().min(0).max(60_000).default(0),
  /** Message types affected (trimmed MessageType strings). */
  types: z.array(z.string().min(1).max(32)).default([...DEFAULT_FAULTED_TYPES]),
  /**
   * Leave handshake payloads (PT 5–9) alone: the real plugin mis-handles reordered handshake
   * frames (§4.3), so tests of data-path faults usually want the handshake intact.
   */
  spareHandshake: z.boolean().default(true),
});
export type DirectionFaults = z.infer<typeof DirectionFaultsSchema>;
export type DirectionFaultsInput = z.input<typeof DirectionFaultsSchema>;

/** Malformed frames the gateway can inject toward the client (§1.5 negative cases). */
export const MALFORMED_VARIANTS = ['bad-digest', 'short-header', 'header-length-zero', 'header-length-overrun', 'empty-type', 'zero-created-date', 'garbage', 'text-frame'] as const;
export type MalformedVariant = (typeof MALFORMED_VARIANTS)[number];

export const FaultActionSchema = z.discriminatedUnion('do', [
  /** Terminate the client's websocket now (TCP destroyed, the client sees 1006). */
  z.strictObject({ do: z.literal('kill-socket') }),
  /**
   * The client's websocket goes silent with its TCP connection up, like a hung gateway node: it
   * is no longer read (no pongs, acks or input) and gets nothing more. A re-open is served normally.
   */
  z.strictObject({ do: z.literal('go-silent') }),
  /** MGS-originated flow control toward the client (§5). */
  z.strictObject({ do: z.literal('pause-publication') }),
  z.strictObject({ do: z.literal('start-publication') }),
  /** One malformed frame toward the client. */
  z.strictObject({ do: z.literal('malformed'), variant: z.enum(MALFORMED_VARIANTS) }),
  /** End the session with the 112-byte-header, NUL-padded `channel_closed` (§1.5). */
  z.strictObject({ do: z.literal('channel-closed-112'), output: z.string().default('') }),
  /** Make the session's current token expire now: the next open/re-open is refused. */
  z.strictObject({ do: z.literal('expire-token') }),
]);
export type FaultAction = z.infer<typeof FaultActionSchema>;

export const FaultSpecSchema = z.strictObject({
  /** Frames the agent/gateway sends to the client. */
  toClient: DirectionFaultsSchema.optional(),
  /** Frames the client sends to the agent. */
  toAgent: DirectionFaultsSchema.optional(),
  /** Kill the client's websocket every N ms while attached (0/absent = never). */
  killSocketEveryMs: z.number().int().min(10).max(3_600_000).optional(),
  /** Seed for the drop/duplicate/reorder choices, so a failing run can be replayed. */
  seed: z.number().int().default(1),
  actions: z.array(FaultActionSchema).default([]),
});
export type FaultSpec = z.infer<typeof FaultSpecSchema>;
export type FaultSpecInput = z.input<typeof FaultSpecSchema>;

/** The HTTP/JSON control message: a spec for one session, or the default for new sessions. */
export const FaultControlSchema = z.union([
  z.strictObject({ sessionId: z.string().min(1), faults: FaultSpecSchema }),
  z.strictObject({ default: z.literal(true), faults: FaultSpecSchema }),
]);
export type FaultControlInput = z.input<typeof FaultControlSchema>;
