// What the inspector learns about the session as frames go by: the session type and properties
// from the HandshakeRequest (§6.2), whether KMS encryption is on, and whether a port session runs
// smux (mux mode: the plugin's rule, AgentVersion > 3.0.196.0, §8.1).
import { PayloadType } from '../frame/index.js';

/** The plugin enables smux when the agent's version is strictly greater than this (§8.1). */
export const MUX_AGENT_VERSION_THRESHOLD = '3.0.196.0';

export interface InspectOptions {
  /** Force smux decoding of PT 1 payloads on (true) or off (false); default: learnt from the handshake. */
  smux?: boolean;
}

/** Plugin version rule (§8.1): same number of numeric components, strictly greater. */
export function versionGreater(version: string, threshold: string): boolean {
  const a = version.split('.').map(Number);
  const b = threshold.split('.').map(Number);
  if (a.length !== b.length || a.some((n) => !Number.isInteger(n)) || b.some((n) => !Number.isInteger(n))) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Go decodes JSON keys case-insensitively (§15); so does the inspector. */
function get(obj: Record<string, unknown> | undefined, key: string): unknown {
  if (!obj) return undefined;
  const k = Object.keys(obj).find((name) => name.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : obj[k];
}

export class SessionContext {
  sessionType: string | undefined;
  properties: Record<string, unknown> | undefined;
  agentVersion: string | undefined;
  kms = false;

  constructor(private readonly options: InspectOptions = {}) {}

  /** Whether PT 1 payloads carry an smux byte stream. */
  get mux(): boolean {
    if (this.options.smux !== undefined) return this.options.smux;
    if (this.sessionType !== 'Port' || this.agentVersion === undefined) return false;
    if (get(this.properties, 'type') !== 'LocalPortForwarding') return false;
    return versionGreater(this.agentVersion, MUX_AGENT_VERSION_THRESHOLD);
  }

  /** Whether this payload is AES-GCM ciphertext (§6.6: client→agent PT 1; agent→client PT 1, 11, 12). */
  encrypted(fromClient: boolean, payloadType: number | undefined): boolean {
    if (!this.kms || payloadType === undefined) return false;
    if (fromClient) return payloadType === PayloadType.Output;
    return payloadType === PayloadType.Output || payloadType === PayloadType.StdErr || payloadType === PayloadType.ExitCode;
  }

  /** Learns from a HandshakeRequest's JSON; returns notes for the frame. */
  observeHandshakeRequest(json: unknown): string[] {
    const notes: string[] = [];
    const request = record(json);
    const agentVersion = get(request, 'AgentVersion');
    if (typeof agentVersion === 'string') this.agentVersion = agentVersion;
    const actions = get(request, 'RequestedClientActions');
    for (const action of Array.isArray(actions) ? actions : []) {
      const a = record(action);
      const params = record(get(a, 'ActionParameters'));
      if (get(a, 'ActionType') === 'SessionType') {
        const type = get(params, 'SessionType');
        if (typeof type === 'string') this.sessionType = type;
        this.properties = record(get(params, 'Properties'));
      } else if (get(a, 'ActionType') === 'KMSEncryption') {
        this.kms = true;
        notes.push('KMS encryption requested: Output payloads after the handshake are AES-GCM ciphertext');
      }
    }
    if (this.sessionType) notes.push(`session type ${this.sessionType}${this.agentVersion ? `, agent ${this.agentVersion}` : ''}`);
    if (this.sessionType === 'Port') {
      notes.push(
        this.mux
          ? `port session in mux mode (AgentVersion > ${MUX_AGENT_VERSION_THRESHOLD}): PT 1 payloads are an smux v1 byte stream`
          : 'port session without smux (basic mode or stdin/stdout forwarding): PT 1 payloads are raw bytes',
      );
    }
    return notes;
  }
}
