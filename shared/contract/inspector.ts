// `inspector`: a live view of one session's data-channel frames, for the inspector panel.
import { z } from 'zod';
import { lazySchema } from './lazy.js';
import { EpochMsSchema, IdSchema, TextSchema } from './common.js';
import { defineService, method } from './define.js';

export const INSPECTOR_BOUNDS = {
  /** A data-channel frame is at most a 120-byte header plus a payload well under 64 KiB; base64 grows it by 4/3. */
  MAX_FRAME_BASE64: 128 * 1024,
} as const;

export const FrameDirectionSchema = lazySchema(() => z.enum(['in', 'out']));

export const InspectorFrameSchema = lazySchema(() => z.object({
  sessionId: IdSchema,
  /** in: received from the gateway; out: sent by Porthole. */
  direction: FrameDirectionSchema,
  at: EpochMsSchema,
  /** The frame's MessageType field (output_stream_data, acknowledge, …), as decoded. */
  messageType: TextSchema,
  sequence: z.number().int().nullable(),
  /** The whole binary frame, base64: the control plane is JSON and never carries raw bytes. */
  frameBase64: z.base64().max(INSPECTOR_BOUNDS.MAX_FRAME_BASE64),
}));
export type InspectorFrame = z.infer<typeof InspectorFrameSchema>;

/** Frames main did not send because the session went over its frame budget: one gap in the list. */
export const InspectorGapSchema = lazySchema(() => z.object({
  sessionId: IdSchema,
  /** When the gap closed (the budget window ended). */
  at: EpochMsSchema,
  /** Frames left out in this gap. */
  notShown: z.number().int().positive(),
  /** Frames left out for this session since the inspector started watching it (this gap included). */
  totalNotShown: z.number().int().positive(),
  /** The budget that was exceeded, in frames per second. */
  maxPerSecond: z.number().int().positive(),
}));
export type InspectorGap = z.infer<typeof InspectorGapSchema>;

const BySession = lazySchema(() => z.object({ sessionId: IdSchema }).strict());

export const inspectorService = defineService({
  methods: {
    subscribe: method(() => BySession, () => z.object({})),
    unsubscribe: method(() => BySession, () => z.object({})),
  },
  events: {
    frame: InspectorFrameSchema,
    /** Sent where frames were thinned away, in order with the frames around the gap. */
    gap: InspectorGapSchema,
  },
});
