/**
 * The reliability layer of the Session Manager data channel (protocol §4, §5), shared by
 * Porthole's client engine and the sandbox's emulated agent.
 *
 * For the sandbox agent (main/sandbox/agent/):
 *   const ch = new ReliableChannel({ policy: AGENT_POLICY, hooks: { deliver, control, malformed } });
 *   ch.attach({ send: (b) => { if (ws.readyState !== ws.OPEN) return false; ws.send(b); return true; } });
 *   ws.on('message', (data, isBinary) => isBinary && ch.receive(new Uint8Array(data as Buffer)));
 *   ch.send(PayloadType.HandshakeRequest, json)   // seq 0 goes out with Flags=1 (SYN)
 *   ch.markHandshakeComplete()                     // after sending HandshakeComplete; until then
 *                                                  // client data other than PT 6/9 is acked+dropped
 *   deliver(frame) => 'accepted' | 'not-ready'     // 'not-ready' = no ack, the client resends
 *   ch.retryDelivery()                             // when a 'not-ready' handler became ready
 *   ch.detach() / ch.attach(newTransport)          // peer websocket gone / back: buffers persist,
 *                                                  // attach re-sends every unacked frame once
 *   ch.close()                                     // stop the 100 ms resend timer
 * pause_publication / start_publication frames are honoured by the channel itself (held-back
 * frames are buffered, then sent on start, on any ack or on stream data from the peer; while
 * paused the oldest unacked frame is still sent once per second so a lost start cannot wedge the
 * session), and are also passed to hooks.control; so are channel_closed and agent_session_state.
 * AGENT_POLICY reproduces the real agent: capacities 100 000, re-ack duplicates, first frame SYN,
 * empty payloads skipped, full outgoing buffer → send without buffering. Pass
 * `verifyDigest: false` to decode like the real agent (it never checks the digest).
 *
 * CLIENT_POLICY is the plugin's wire behaviour with the agent's better choices: duplicates are
 * re-acked, a frame is buffered before it is sent (so input survives a dead socket), and a full
 * outgoing buffer refuses (ChannelFullError + `drain` hook) instead of evicting, and a frame
 * the peer evidently lost (acks for later frames, a round trip after sending it) is resent at
 * once instead of after the RTO (`fastRetransmitAcks`, off in AGENT_POLICY); and each resend
 * tick resends every frame the peer's acks have passed once its RTO is over, not only the oldest
 * (`passedResendsPerTick`, off in AGENT_POLICY). `unackedSpan` says how far ahead of the peer's
 * next expected frame this side is (the sandbox gateway keeps its agent inside the client's buffer).
 */
export { ReliableChannel } from './channel.js';
export type { ChannelOptions } from './channel.js';
export { AGENT_POLICY, CLIENT_POLICY } from './policy.js';
export type { ChannelPolicy, OutgoingFullBehaviour } from './policy.js';
export { Reliability } from './constants.js';
export { RtoEstimator } from './rto.js';
export { ChannelFullError } from './types.js';
export type { IncomingGap } from './incoming.js';
export type { ChannelHooks, ChannelStats, Delivery, FrameTransport, TapEvent } from './types.js';
