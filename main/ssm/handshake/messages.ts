// Handshake payloads (protocol §6.2–§6.5). Parsing matches keys case-insensitively like Go;
// building writes Go's struct order so the bytes look like the plugin's.
import { parseObject } from '../frame/index.js';

export const SessionTypes = ['Standard_Stream', 'InteractiveCommands', 'NonInteractiveCommands', 'Port'] as const;
export type SessionType = (typeof SessionTypes)[number];

export const ActionType = { KMSEncryption: 'KMSEncryption', SessionType: 'SessionType' } as const;
export const ActionStatus = { Success: 1, Failed: 2, Unsupported: 3 } as const;

export class HandshakeError extends Error {
  override readonly name = 'HandshakeError';
}

export interface RequestedAction {
  readonly actionType: string;
  /** ActionParameters with lower-cased keys (their values keep their original shape). */
  readonly parameters: Record<string, unknown>;
}

export interface HandshakeRequest {
  readonly agentVersion: string;
  readonly actions: readonly RequestedAction[];
}

export interface ProcessedAction {
  readonly actionType: string;
  readonly actionStatus: number;
  /** null, or an object serialized as-is (e.g. the KMS result). */
  readonly actionResult: Record<string, unknown> | null;
  readonly error: string;
}

export interface HandshakeComplete {
  /** Go time.Duration: nanoseconds. */
  readonly handshakeTimeToCompleteNs: number;
  readonly customerMessage: string;
}

function lowerKeys(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), v]));
}

export function parseHandshakeRequest(payload: Uint8Array): HandshakeRequest {
  const json = parseObject(payload);
  const actions = json['requestedclientactions'];
  if (!Array.isArray(actions)) throw new HandshakeError('HandshakeRequest has no RequestedClientActions array');
  return {
    agentVersion: typeof json['agentversion'] === 'string' ? json['agentversion'] : '',
    actions: actions.map((a) => {
      const action = lowerKeys(a);
      if (typeof action['actiontype'] !== 'string') throw new HandshakeError('HandshakeRequest action without ActionType');
      return { actionType: action['actiontype'], parameters: lowerKeys(action['actionparameters']) };
    }),
  };
}

export function buildHandshakeResponse(clientVersion: string, processed: readonly ProcessedAction[], errors: readonly string[]): Uint8Array {
  const body = {
    ClientVersion: clientVersion,
    ProcessedClientActions: processed.map((p) => ({ ActionType: p.actionType, ActionStatus: p.actionStatus, ActionResult: p.actionResult, Error: p.error })),
    Errors: errors.length === 0 ? null : errors,
  };
  return new TextEncoder().encode(JSON.stringify(body));
}

export function parseHandshakeComplete(payload: Uint8Array): HandshakeComplete {
  const json = parseObject(payload);
  const ns = json['handshaketimetocomplete'];
  const message = json['customermessage'];
  return { handshakeTimeToCompleteNs: typeof ns === 'number' ? ns : 0, customerMessage: typeof message === 'string' ? message : '' };
}

/** EncChallengeRequest / EncChallengeResponse: {"Challenge":"<base64>"}. */
export function parseChallenge(payload: Uint8Array): Uint8Array {
  const challenge = parseObject(payload)['challenge'];
  if (typeof challenge !== 'string') throw new HandshakeError('encryption challenge without a Challenge string');
  return Buffer.from(challenge, 'base64');
}

export function buildChallenge(bytes: Uint8Array): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ Challenge: Buffer.from(bytes).toString('base64') }));
}

export function isSessionType(value: unknown): value is SessionType {
  return typeof value === 'string' && (SessionTypes as readonly string[]).includes(value);
}
