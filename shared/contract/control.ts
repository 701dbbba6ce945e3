// Control-plane envelopes (JSON): requests renderer → main; responses, events and rejections
// main → renderer. Parsing is total: any input yields a typed value or a ContractError.
import { z } from 'zod';
import { lazySchema } from './lazy.js';
import { ContractError, describeIssues, RemoteErrorSchema } from './errors.js';
import { IdSchema } from './common.js';
import { INPUT_KINDS, INPUT_REFUSALS } from './data.js';
import { lookupEvent, lookupMethod } from './services.js';

export const CONTROL_LIMITS = {
  /** A control message is small JSON; anything bigger is a bug or an attack, refused before parsing. */
  MAX_MESSAGE_CHARS: 1024 * 1024,
} as const;

export const RequestIdSchema = lazySchema(() => z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER));

const NameSchema = lazySchema(() => z.string().min(1).max(64));

export const ControlRequestSchema = lazySchema(() => z
  .object({ type: z.literal('request'), id: RequestIdSchema, service: NameSchema, method: NameSchema, params: z.unknown() })
  .strict());
export type ControlRequest = z.infer<typeof ControlRequestSchema>;

export const ControlResponseSchema = lazySchema(() => z.discriminatedUnion('ok', [
  z.object({ type: z.literal('response'), id: RequestIdSchema, ok: z.literal(true), result: z.unknown() }).strict(),
  /** id is null when the request was too malformed to have a readable id. */
  z.object({ type: z.literal('response'), id: RequestIdSchema.nullable(), ok: z.literal(false), error: RemoteErrorSchema }).strict(),
]));
export type ControlResponse = z.infer<typeof ControlResponseSchema>;

export const ControlEventSchema = lazySchema(() => z.object({ type: z.literal('event'), service: NameSchema, event: NameSchema, payload: z.unknown() }).strict());
export type ControlEvent = z.infer<typeof ControlEventSchema>;

/**
 * Input for a session that main refused: which session, how many bytes the refused message held,
 * and why (the window says so in that session's tab; see InputRefusedError).
 */
export const RefusedInputSchema = lazySchema(() => z.object({ sessionId: IdSchema, bytes: z.number().int().nonnegative(), why: z.enum(INPUT_REFUSALS), kind: z.enum(INPUT_KINDS) }).strict());
export type RefusedInput = z.infer<typeof RefusedInputSchema>;

/** Told to the sender when a message that has no reply (a data-plane message) was refused; `input` when it was a session's input. */
export const ControlRejectedSchema = lazySchema(() => z.object({ type: z.literal('rejected'), plane: z.enum(['control', 'data']), error: RemoteErrorSchema, input: RefusedInputSchema.optional() }).strict());
export type ControlRejected = z.infer<typeof ControlRejectedSchema>;

export const ToRendererControlSchema = lazySchema(() => z.union([ControlResponseSchema, ControlEventSchema, ControlRejectedSchema]));
export type ToRendererControl = z.infer<typeof ToRendererControlSchema>;

/** A request whose envelope, method and params all matched the contract. */
export interface ValidRequest {
  readonly id: number;
  readonly service: string;
  readonly method: string;
  readonly params: unknown;
}

/** Best-effort id of a malformed request, so its error can still be matched by the caller. */
export function readRequestId(raw: unknown): number | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const id: unknown = (raw as Record<string, unknown>)['id'];
  return RequestIdSchema.safeParse(id).success ? (id as number) : null;
}

export function parseControlRequest(raw: unknown): ValidRequest {
  const envelope = ControlRequestSchema.safeParse(raw);
  if (!envelope.success) throw new ContractError('malformed', `Malformed control request: ${describeIssues(envelope.error, '')}`);
  const { id, service, method, params } = envelope.data;
  const def = lookupMethod(service, method);
  if (def === undefined) throw new ContractError('unknown_method', `Unknown method ${service}.${method}: the contract has no such service method.`);
  const parsed = def.params.safeParse(params);
  if (!parsed.success) throw new ContractError('invalid_params', `Invalid params for ${service}.${method}: ${describeIssues(parsed.error, 'params')}`);
  return { id, service, method, params: parsed.data };
}

/** Checks a result against the method's schema; `who` says which side produced it, for the message. */
export function parseResult(service: string, method: string, raw: unknown, who: string): unknown {
  const def = lookupMethod(service, method);
  if (def === undefined) throw new ContractError('unknown_method', `Unknown method ${service}.${method}.`);
  const parsed = def.result.safeParse(raw);
  if (!parsed.success) throw new ContractError('invalid_result', `${who} returned an invalid result for ${service}.${method}: ${describeIssues(parsed.error, 'result')}`);
  return parsed.data;
}

export function parseEventPayload(service: string, event: string, raw: unknown): unknown {
  const schema = lookupEvent(service, event);
  if (schema === undefined) throw new ContractError('unknown_method', `Unknown event ${service}.${event}: the contract has no such event.`);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ContractError('malformed', `Invalid payload for event ${service}.${event}: ${describeIssues(parsed.error, 'payload')}`);
  return parsed.data;
}

/** Parses control-plane text (JSON) with a size bound; never throws anything but ContractError. */
export function parseControlText(text: string): unknown {
  if (text.length > CONTROL_LIMITS.MAX_MESSAGE_CHARS) {
    throw new ContractError('malformed', `Control message too large: ${text.length} characters (limit ${CONTROL_LIMITS.MAX_MESSAGE_CHARS}).`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ContractError('malformed', `Control message is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** A response/event/rejection as received by the renderer, envelope-checked (payloads checked by the caller). */
export function parseToRendererControl(raw: unknown): ToRendererControl {
  const parsed = ToRendererControlSchema.safeParse(raw);
  if (!parsed.success) throw new ContractError('malformed', `Malformed control message from main: ${describeIssues(parsed.error, '')}`);
  return parsed.data;
}
