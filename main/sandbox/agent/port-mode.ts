/**
 * Which port-forwarding mode the agent runs, from the client's HandshakeResponse version and
 * the document's properties, exactly as §8.1 (agent rules): mux iff the type is
 * LocalPortForwarding and ClientVersion ≥ 1.1.70; smux keepalive off iff ClientVersion > 1.2.331.0.
 * Anything else (the SSH document has no `type`) is a basic session.
 */
import { AGENT } from './constants.js';
import { compareAgentStyle } from './version.js';

export type PortMode = { mode: 'basic'; localPortForwarding: boolean } | { mode: 'mux'; keepAlive: boolean };

export const LOCAL_PORT_FORWARDING = 'LocalPortForwarding';

export function selectPortMode(properties: Record<string, string>, clientVersion: string): PortMode {
  const localPortForwarding = properties['type'] === LOCAL_PORT_FORWARDING;
  if (localPortForwarding && compareAgentStyle(clientVersion, AGENT.MUX_MIN_CLIENT_VERSION) >= 0) {
    return { mode: 'mux', keepAlive: compareAgentStyle(clientVersion, AGENT.KEEPALIVE_OFF_ABOVE_CLIENT_VERSION) <= 0 };
  }
  return { mode: 'basic', localPortForwarding };
}
