// Data plane: terminal bytes for one session, carried as Uint8Array and never broadcast.
// Names follow the Session Manager protocol's own message types.
import { z } from 'zod';
import { lazySchema } from './lazy.js';
import { IdSchema } from './common.js';
import { ContractError, describeIssues } from './errors.js';
import { ColsSchema, RowsSchema, SessionStatusSchema } from './sessions.js';

export const DATA_LIMITS = {
  /** Main batches output in messages of up to 16 KiB (and replays up to 1 MiB of scrollback in them); 1 MiB bounds a bad sender. */
  MAX_CHUNK_BYTES: 1024 * 1024,
  /** Acks are counted in uint32 on the wire. */
  MAX_ACK_BYTES: 0xffff_ffff,
} as const;

/**
 * Why main refused a session's input: the session was still starting and had held all it holds
 * (SHELLS.LAUNCH_INPUT_MAX_BYTES), it is closed (or not open in this window), or the message was
 * otherwise refused (the error says how).
 */
export const INPUT_REFUSALS = ['starting', 'closed', 'other'] as const;
export type InputRefusal = (typeof INPUT_REFUSALS)[number];

/**
 * Where input came from: typed (keys, an input method) or pasted. Told with the input and back in a
 * refusal, so the tab says "Paste of 120 KB not sent" or "Typed input … not sent" as it was.
 */
export const INPUT_KINDS = ['keys', 'paste'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

/** A session's input refused for a reason the window tells in its tab (main/ipc/connection.ts reports it with the session and size). */
export class InputRefusedError extends ContractError {
  constructor(
    readonly why: Exclude<InputRefusal, 'other'>,
    message: string,
    nextStep?: string,
  ) {
    super('failed', message, nextStep);
  }
}

const BytesSchema = lazySchema(() => z
  .instanceof(Uint8Array, { message: 'must be bytes (Uint8Array)' })
  .refine((b) => b.byteLength <= DATA_LIMITS.MAX_CHUNK_BYTES, `must be at most ${DATA_LIMITS.MAX_CHUNK_BYTES} bytes`));

/** main → renderer: bytes the remote shell wrote (protocol message type output_stream_data). */
export const OutputStreamDataSchema = lazySchema(() => z.object({ type: z.literal('output_stream_data'), sessionId: IdSchema, bytes: BytesSchema }).strict());
/** main → renderer: the session's state, ordered with its bytes (e.g. `closed` after the last output). */
export const DataStatusSchema = lazySchema(() => z.object({ type: z.literal('status'), sessionId: IdSchema, status: SessionStatusSchema }).strict());
/** renderer → main: keystrokes and pastes (protocol message type input_stream_data). */
export const InputStreamDataSchema = lazySchema(() => z.object({
  type: z.literal('input_stream_data'),
  sessionId: IdSchema,
  bytes: BytesSchema,
  /** Set for pasted input; absent for typed keys (the common case, and senders that do not say). */
  kind: z.literal('paste').optional(),
}).strict());
/** renderer → main: how many output bytes xterm has parsed, for flow control (not the protocol's acknowledge). */
export const AckSchema = lazySchema(() => z.object({ type: z.literal('ack'), sessionId: IdSchema, bytes: z.number().int().min(1).max(DATA_LIMITS.MAX_ACK_BYTES) }).strict());
/** renderer → main: the terminal's new size. */
export const ResizeSchema = lazySchema(() => z.object({ type: z.literal('resize'), sessionId: IdSchema, cols: ColsSchema, rows: RowsSchema }).strict());

export const ToRendererDataSchema = lazySchema(() => z.discriminatedUnion('type', [OutputStreamDataSchema, DataStatusSchema]));
export const ToMainDataSchema = lazySchema(() => z.discriminatedUnion('type', [InputStreamDataSchema, AckSchema, ResizeSchema]));
export const DataMessageSchema = lazySchema(() => z.discriminatedUnion('type', [OutputStreamDataSchema, DataStatusSchema, InputStreamDataSchema, AckSchema, ResizeSchema]));

export type OutputStreamData = z.infer<typeof OutputStreamDataSchema>;
export type DataStatus = z.infer<typeof DataStatusSchema>;
export type InputStreamData = z.infer<typeof InputStreamDataSchema>;
export type Ack = z.infer<typeof AckSchema>;
export type Resize = z.infer<typeof ResizeSchema>;
export type ToRendererData = z.infer<typeof ToRendererDataSchema>;
export type ToMainData = z.infer<typeof ToMainDataSchema>;
export type DataMessage = z.infer<typeof DataMessageSchema>;

function parseWith<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ContractError('malformed', `Malformed ${what}: ${describeIssues(parsed.error, '')}`);
  return parsed.data;
}

/** What main accepts from a renderer: input, ack or resize. Output or status from a renderer is refused. */
export function parseToMainData(raw: unknown): ToMainData {
  return parseWith(ToMainDataSchema, raw, 'data message from renderer');
}

export function parseToRendererData(raw: unknown): ToRendererData {
  return parseWith(ToRendererDataSchema, raw, 'data message from main');
}
