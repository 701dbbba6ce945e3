/**
 * Which port-forwarding mode the agent runs (§8.1, agent rules), from the client's
 * HandshakeResponse version, the document's properties and the agent's own advertised version:
 * - mux iff the type is LocalPortForwarding, ClientVersion ≥ 1.1.70, and the emulated agent is
 *   new enough to have mux at all (> 3.0.196.0, the version the plugin gates on);
 * - smux keepalive off iff ClientVersion > 1.2.331.0 and the agent is new enough to know that
 *   rule (> 3.1.1511.0, the plugin's gate); older agents always keep it on.
 * Anything else (the SSH document has no `type`) is a basic session. So an "old agent" target
 * behaves as an old agent would, whatever the client advertises.
 */
import { AGENT } from './constants.js';
import { compareAgentStyle } from './version.js';

export type PortMode = { mode: 'basic'; localPortForwarding: boolean } | { mode: 'mux'; keepAlive: boolean };

export const LOCAL_PORT_FORWARDING = 'LocalPortForwarding';

export function selectPortMode(properties: Record<string, string>, clientVersion: string, agentVersion: string): PortMode {
  const localPortForwarding = properties['type'] === LOCAL_PORT_FORWARDING;
  const agentHasMux = compareAgentStyle(agentVersion, AGENT.MUX_MIN_AGENT_VERSION_EXCLUSIVE) > 0;
  if (localPortForwarding && agentHasMux && compareAgentStyle(clientVersion, AGENT.MUX_MIN_CLIENT_VERSION) >= 0) {
    const agentCanDropKeepalive = compareAgentStyle(agentVersion, AGENT.KEEPALIVE_RULE_MIN_AGENT_VERSION_EXCLUSIVE) > 0;
    const clientDropsKeepalive = compareAgentStyle(clientVersion, AGENT.KEEPALIVE_OFF_ABOVE_CLIENT_VERSION) > 0;
    return { mode: 'mux', keepAlive: !(agentCanDropKeepalive && clientDropsKeepalive) };
  }
  return { mode: 'basic', localPortForwarding };
}
