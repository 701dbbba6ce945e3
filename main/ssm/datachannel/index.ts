/**
 * The client data channel: websocket + OpenDataChannel + keepalive, the reliability layer,
 * handshake and KMS encryption, resume — with a pluggable session handler.
 *
 * For a session handler other than the shell (port forwarding, main/ssm/port/):
 *   const dc = new DataChannel({ credentials, target, resumeSession, dataKeys, tap });
 *   dc.setHandler({ deliver(pt, payload) { … return 'accepted' | 'not-ready'; } });
 *     - receives the agent's stream payloads after the handshake, in order, exactly once,
 *       already decrypted: PT 1 bytes, PT 10 flags (decodeFlag), PT 11, PT 12;
 *     - 'not-ready' (e.g. no local TCP client yet in basic mode) leaves the frame unacked, so
 *       the agent resends; call dc.retryDelivery() when ready to take frames already waiting.
 *   dc.on('ready', (info) => …)   // info.sessionType, info.properties, info.agentVersion,
 *                                 // info.customerMessage, info.encrypted, info.detected
 *   dc.send(PayloadType.Output, bytes)                              // PT 1, ≤ 1024 bytes each
 *   dc.send(PayloadType.Flag, encodeFlag(PayloadTypeFlag.TerminateSession))
 *     - queued until ready, then sent in order; kept until acked (survives a resume).
 *   dc.pendingInputBytes; dc.on('acked', …)  // flow control: input bytes not yet acked, and when that fell
 *   dc.on('status', (status, detail) => …)  // connecting | connected | reconnecting | closed
 *   dc.on('closed', (reason) => …)          // channel-closed (with Output; lostOutput when it
 *                                           // closed with agent output still missing) | local | failed
 *   await dc.open();  dc.close();
 * The Enter quirk (lone 0x0A → 0x0D) is NOT applied here; the shell session applies it.
 * Porthole advertises ClientVersion PORTHOLE_CLIENT_VERSION (1.2.650.0): mux mode, smux
 * keepalive disabled on both sides (see ../version.ts).
 */
export { DataChannel } from './data-channel.js';
export { IDLE_TIMEOUT_OUTPUT, isIdleTimeoutOutput, isMaxDurationOutput, MAX_DURATION_OUTPUT } from './channel-closed.js';
export type { ChannelStatus, CloseReason, DataChannelEvents, DataChannelOptions, FailureCause, LostOutput, SessionCredentials, SessionHandler, SessionInfo } from './types.js';
