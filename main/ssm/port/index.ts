/**
 * Client side of Session Manager port forwarding (protocol §8).
 *
 *   const { session } = await openPortSession({ credentials, target, resumeSession });
 *   session.mode                 // 'mux' (smux streams), 'basic' (one at a time) or 'stream' (SSH)
 *   localServer.on('connection', (socket) => session.attach(socket));
 *   session.on('connectionClosed', (info, reason) => …)   // reason set for ConnectToPortError
 *   session.on('ended', ({ expected, reason }) => …)      // expected=false: restart it
 *   session.connections / session.totals                  // per-connection and total bytes
 *   await session.close()        // TerminateSession flag, wait for its ack, drop the channel
 *
 * `startSessionInput(request)` builds StartSession's Target/DocumentName/Parameters;
 * `startPortSession(channel)` runs over any PortChannel (see channel.ts).
 */
export { PORT, PortDocument, type PortDocumentName } from './constants.js';
export type { PortChannel, PortChannelEnd, PortDelivery, PortReceiver } from './channel.js';
export type { PortConnectionInfo } from './connection.js';
export { isLocalPortForwarding, startSessionInput, targetId, type PortRequest, type PortTarget, type StartSessionInput } from './documents.js';
export { DataChannelPort, openPortSession, PortSessionError, type OpenPortSessionOptions } from './data-channel-port.js';
export { chooseMode, startPortSession, type PortSession } from './port-session.js';
export type { PortMode, PortSessionEvents } from './session-base.js';
export { ReliablePortChannel, type PortHandshakeInfo } from './reliable-port-channel.js';
export { isVersionAbove, portFeatures, type PortFeatures } from './versions.js';
