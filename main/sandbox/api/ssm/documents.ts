/**
 * Session documents as StartSession applies them: defaults, required parameters and the
 * `properties` the agent sends in its HandshakeRequest (spec §8.1).
 */
import { ApiError, invalidParameter } from '../errors.js';

export const SHELL_DOCUMENT = 'SSM-SessionManagerRunShell';

export type DocumentPlan =
  | { type: 'Standard_Stream' }
  | { type: 'InteractiveCommands'; command: string }
  | { type: 'NonInteractiveCommands'; command: string }
  | { type: 'Port'; host: string; portNumber: number; properties: Record<string, string> };

type DocParams = Record<string, string[]>;

function one(params: DocParams, name: string, fallback?: string): string | undefined {
  const v = params[name];
  if (v && v.length > 1) throw invalidParameter('ssm', `Parameter ${name} accepts a single value.`);
  return v?.[0] ?? fallback;
}

function required(params: DocParams, name: string, document: string): string {
  const v = one(params, name);
  if (!v) throw invalidParameter('ssm', `Parameter ${name} is required by document ${document}.`);
  return v;
}

function port(value: string, name: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 65535) throw invalidParameter('ssm', `Parameter ${name} must be a port number between 1 and 65535, got "${value}".`);
  return n;
}

/** Local port 0 asks the client for a random port; the agent only relays it. */
function localPort(value: string): string {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw invalidParameter('ssm', `Parameter localPortNumber must be a port number, got "${value}".`);
  return value;
}

export function planDocument(documentName: string | undefined, params: DocParams): DocumentPlan {
  const doc = documentName ?? SHELL_DOCUMENT;
  switch (doc) {
    case SHELL_DOCUMENT:
      return { type: 'Standard_Stream' };
    case 'AWS-StartInteractiveCommand':
      return { type: 'InteractiveCommands', command: required(params, 'command', doc) };
    case 'AWS-StartNonInteractiveCommand':
      return { type: 'NonInteractiveCommands', command: required(params, 'command', doc) };
    case 'AWS-StartPortForwardingSession': {
      const portNumber = one(params, 'portNumber', '80') ?? '80';
      const local = localPort(one(params, 'localPortNumber', '0') ?? '0');
      return { type: 'Port', host: 'localhost', portNumber: port(portNumber, 'portNumber'), properties: { portNumber, type: 'LocalPortForwarding', localPortNumber: local } };
    }
    case 'AWS-StartPortForwardingSessionToRemoteHost': {
      const host = required(params, 'host', doc);
      const portNumber = one(params, 'portNumber', '80') ?? '80';
      const local = localPort(one(params, 'localPortNumber', '0') ?? '0');
      return { type: 'Port', host, portNumber: port(portNumber, 'portNumber'), properties: { portNumber, type: 'LocalPortForwarding', localPortNumber: local, host } };
    }
    case 'AWS-StartSSHSession': {
      const portNumber = one(params, 'portNumber', '22') ?? '22';
      return { type: 'Port', host: 'localhost', portNumber: port(portNumber, 'portNumber'), properties: { portNumber } };
    }
    default:
      throw new ApiError('InvalidDocument', `Document ${doc} does not exist in your account or is not a Session document.`);
  }
}
