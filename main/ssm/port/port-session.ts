/**
 * Client side of a port session (§8): picks mux, basic or stream mode from the handshake the
 * data channel completed, exactly as the plugin does (§8.1), and returns the matching session.
 */
import type { PortChannel } from './channel.js';
import { isLocalPortForwarding } from './documents.js';
import { BasicPortSession } from './basic-session.js';
import { MuxPortSession } from './mux-session.js';
import type { OutboundOptions } from './outbound.js';
import type { PortMode, PortSessionBase } from './session-base.js';
import { portFeatures } from './versions.js';

export type PortSession = PortSessionBase;

export function chooseMode(agentVersion: string, properties: PortChannel['properties']): PortMode {
  if (!isLocalPortForwarding(properties)) return 'stream';
  return portFeatures(agentVersion).mux ? 'mux' : 'basic';
}

export function startPortSession(channel: PortChannel, outboundOptions: OutboundOptions = {}): PortSession {
  const features = portFeatures(channel.agentVersion);
  const mode = chooseMode(channel.agentVersion, channel.properties);
  if (mode === 'mux') return new MuxPortSession(channel, features.keepAlive, outboundOptions);
  return new BasicPortSession(channel, mode, features.terminateFlag, outboundOptions);
}
