/**
 * The OpenDataChannel text frame (§3.3) and the token check (§12.1). Keys are matched
 * case-insensitively like Go's decoder; ClientId and ClientVersion are optional (older
 * plugins omit them).
 */
import { z } from 'zod';
import { sameSecret } from '../same-secret.js';
import type { SandboxSession } from '../session-registry.js';
import { CloseCode, type CloseCodeValue } from './constants.js';

const OpenSchema = z.object({
  messageschemaversion: z.string().optional(),
  requestid: z.string().optional(),
  tokenvalue: z.string().min(1),
  clientid: z.string().optional(),
  clientversion: z.string().optional(),
});

export interface OpenRequest {
  tokenValue: string;
  requestId: string | undefined;
  clientId: string | undefined;
  clientVersion: string | undefined;
}

/** Why an open was refused: the close code and a plain reason (sent as the Close reason). */
export class OpenRejected extends Error {
  override readonly name = 'OpenRejected';
  constructor(
    readonly code: CloseCodeValue,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export function parseOpenRequest(text: string): OpenRequest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new OpenRejected(CloseCode.BadOpenRequest, 'OpenDataChannel frame is not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new OpenRejected(CloseCode.BadOpenRequest, 'OpenDataChannel frame is not a JSON object');
  }
  const lowered = Object.fromEntries(Object.entries(json).map(([k, v]) => [k.toLowerCase(), v]));
  const parsed = OpenSchema.safeParse(lowered);
  if (!parsed.success) throw new OpenRejected(CloseCode.BadOpenRequest, 'OpenDataChannel frame lacks a TokenValue');
  const d = parsed.data;
  return { tokenValue: d.tokenvalue, requestId: d.requestid, clientId: d.clientid, clientVersion: d.clientversion };
}

/** Checks the token against the registry entry; throws OpenRejected. */
export function checkToken(session: SandboxSession | undefined, sessionId: string, open: OpenRequest, now: number): SandboxSession {
  if (!session) throw new OpenRejected(CloseCode.UnknownSession, `no session ${sessionId}`);
  if (!sameSecret(open.tokenValue, session.tokenValue)) throw new OpenRejected(CloseCode.InvalidToken, 'invalid token for this session');
  if (now >= session.tokenExpiresAt) throw new OpenRejected(CloseCode.ExpiredToken, 'token expired; call ResumeSession for a new one');
  return session;
}
