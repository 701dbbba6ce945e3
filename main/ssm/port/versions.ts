/**
 * Port-forwarding feature gates from the agent's version, decided exactly as the plugin does
 * (§8.1, PLUGIN versionutil): both versions must have the same number of dot-separated numeric
 * components, and a feature is on only when the agent's version is strictly greater.
 */
import { PORT } from './constants.js';

/** Plugin-style "is `version` strictly greater than `threshold`"; false when not comparable. */
export function isVersionAbove(version: string, threshold: string): boolean {
  const a = version.trim().split('.');
  const b = threshold.trim().split('.');
  if (a.length !== b.length) return false;
  if (![...a, ...b].every((part) => /^\d+$/.test(part))) return false;
  for (let i = 0; i < a.length; i++) {
    const x = Number(a[i]);
    const y = Number(b[i]);
    if (x !== y) return x > y;
  }
  return false;
}

export interface PortFeatures {
  /** smux multiplexing (else basic mode, one connection at a time). */
  readonly mux: boolean;
  /** Whether our smux session sends NOPs and checks for a silent peer. */
  readonly keepAlive: boolean;
  /** Whether the agent honours the TerminateSession flag in basic mode. */
  readonly terminateFlag: boolean;
}

export function portFeatures(agentVersion: string): PortFeatures {
  const mux = isVersionAbove(agentVersion, PORT.MUX_ABOVE_AGENT_VERSION);
  return {
    mux,
    keepAlive: !isVersionAbove(agentVersion, PORT.KEEPALIVE_OFF_ABOVE_AGENT_VERSION),
    // In mux mode the plugin sends the flag regardless of version (§8.3).
    terminateFlag: mux || isVersionAbove(agentVersion, PORT.TERMINATE_FLAG_ABOVE_AGENT_VERSION),
  };
}
