/**
 * Handshake payloads as the agent writes and reads them (§6.2–§6.5). Written with Go's field
 * order and map-key sorting so they compare byte for byte with the recordings; read with
 * case-insensitive keys like Go's decoder.
 */
import { parseObject } from '../../ssm/frame/index.js';

const encoder = new TextEncoder();

export const ActionType = { SessionType: 'SessionType', KMSEncryption: 'KMSEncryption' } as const;
/** ActionStatus 1 = Success (§2.5); anything else is a failure to the agent. */
export const ACTION_SUCCESS = 1;

export interface HandshakeRequestInput {
  agentVersion: string;
  sessionType: string;
  /** The Port document's properties; null for the shell-type plugins (§6.2). */
  properties: Record<string, string> | null;
  kms?: { keyId: string; challenge: string };
}

export function encodeHandshakeRequest(r: HandshakeRequestInput): Uint8Array {
  const actions: unknown[] = [
    { ActionType: ActionType.SessionType, ActionParameters: { SessionType: r.sessionType, Properties: r.properties === null ? null : sortKeys(r.properties) } },
  ];
  if (r.kms) actions.push({ ActionType: ActionType.KMSEncryption, ActionParameters: { KMSKeyId: r.kms.keyId, Challenge: r.kms.challenge } });
  return encoder.encode(JSON.stringify({ AgentVersion: r.agentVersion, RequestedClientActions: actions }));
}

export function encodeHandshakeComplete(durationNs: number, customerMessage: string): Uint8Array {
  return encoder.encode(JSON.stringify({ HandshakeTimeToComplete: durationNs, CustomerMessage: customerMessage }));
}

export function encodeChallenge(challengeBase64: string): Uint8Array {
  return encoder.encode(JSON.stringify({ Challenge: challengeBase64 }));
}

export interface ProcessedAction {
  actionType: string;
  actionStatus: number;
  error: string;
  /** KMSEncryption: base64 CiphertextBlob of the client's data key. */
  kmsCipherTextKey?: string;
  /** Client opted into the RandomChallenge encryption-context entry (§6.6). */
  challengeAcknowledged: boolean;
}

export interface HandshakeResponse {
  clientVersion: string;
  actions: ProcessedAction[];
  errors: string[];
}

export class HandshakePayloadError extends Error {
  override readonly name = 'HandshakePayloadError';
}

/** Parses a HandshakeResponse (PT 6). Throws HandshakePayloadError when it is not one. */
export function decodeHandshakeResponse(payload: Uint8Array): HandshakeResponse {
  let json: Record<string, unknown>;
  try {
    json = parseObject(payload);
  } catch (e) {
    throw new HandshakePayloadError(`HandshakeResponse is not a JSON object: ${(e as Error).message}`);
  }
  const rawActions = json['processedclientactions'];
  const actions: ProcessedAction[] = [];
  for (const a of Array.isArray(rawActions) ? rawActions : []) {
    if (typeof a !== 'object' || a === null) continue;
    const o = lower(a as Record<string, unknown>);
    const result = typeof o['actionresult'] === 'object' && o['actionresult'] !== null ? lower(o['actionresult'] as Record<string, unknown>) : {};
    const key = result['kmsciphertextkey'];
    actions.push({
      actionType: typeof o['actiontype'] === 'string' ? o['actiontype'] : '',
      actionStatus: typeof o['actionstatus'] === 'number' ? o['actionstatus'] : 0,
      error: typeof o['error'] === 'string' ? o['error'] : '',
      ...(typeof key === 'string' ? { kmsCipherTextKey: key } : {}),
      challengeAcknowledged: result['challengeacknowledgement'] === true,
    });
  }
  const errors = Array.isArray(json['errors']) ? json['errors'].filter((e): e is string => typeof e === 'string') : [];
  return { clientVersion: typeof json['clientversion'] === 'string' ? json['clientversion'] : '', actions, errors };
}

/** Reads the `Challenge` of an EncChallengeResponse (PT 9). */
export function decodeChallenge(payload: Uint8Array): Uint8Array {
  let json: Record<string, unknown>;
  try {
    json = parseObject(payload);
  } catch (e) {
    throw new HandshakePayloadError(`EncChallengeResponse is not a JSON object: ${(e as Error).message}`);
  }
  const c = json['challenge'];
  if (typeof c !== 'string') throw new HandshakePayloadError('EncChallengeResponse has no Challenge string');
  return Buffer.from(c, 'base64');
}

function lower(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k.toLowerCase()] = v;
  return out;
}

/** Go marshals maps with sorted keys. */
function sortKeys(o: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k] as string;
  return out;
}
