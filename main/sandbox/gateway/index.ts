/**
 * The sandbox's message gateway (MGS stand-in) and emulated amazon-ssm-agent.
 *
 *   const gateway = attachGateway(httpServer, { registry, pacing: 'faithful', kms: keyStore });
 *   // StreamUrl = ws://127.0.0.1:PORT/v1/data-channel/<sessionId>?role=publish_subscribe
 *   gateway.faults.apply(json)     // zod-validated fault control (see ../faults/spec.ts), for HTTP
 *   gateway.faults.set(sid, spec)  // in-process, per session; faults.setDefault(spec) for new ones
 *   gateway.host(sid)?.stats       // opens, kills, attached, finished, closedOutput
 *   gateway.host(sid)?.faultStats() // frames dropped/duplicated/reordered/delayed each way
 *   await gateway.close()          // stops agents, closes sockets, detaches from the server
 *
 * Shares the API's HTTP server: it only handles `upgrade` requests whose path starts with
 * /v1/data-channel/ (others get 404). Per connection: the first message must be the
 * OpenDataChannel TEXT frame (§3.3) with the session's current, unexpired TokenValue; then the
 * session's one agent attaches to this socket (a previous socket is closed with 4409) and
 * retransmits everything unacked. When the socket drops the agent keeps all state and acts
 * paused (§5) until the client re-opens with the token from ResumeSession.
 *
 * Close codes (CloseCode): 1000 after channel_closed; 4400 malformed/missing OpenDataChannel;
 * 4401 wrong token; 4403 expired token; 4404 unknown session; 4408 no open frame within 10 s;
 * 4409 superseded by a newer connection; 4410 session already terminated; 1011 gateway bug;
 * 1001 sandbox shutting down. Each close carries a plain-language reason.
 *
 * Session end: the agent's plugin ends (shell exit, TerminateSession flag, failure) → ≤ 2 s for
 * acks → channel_closed (Output '' or the failure text) → Close 1000; the registry entry is
 * marked Terminated. registry.terminate() ends the agent the same way, with the Output it is
 * given: '' for the TerminateSession API, a reason for Session Manager's own limits (session-limits.ts). A paused agent (client away) holds its output until the client returns; a
 * session that ended while the client was away is Terminating in the registry (ResumeSession
 * still gives a token) and resends its unacked tail on the next open, then channel_closed and
 * Terminated (the ended host is kept 10 minutes, then it is Terminated regardless). Basic-mode port session whose destination refuses: the real agent
 * crashes and the client sees channel_closed with Output '' (§16); the sandbox sends
 * channel_closed with Output "Unable to start port forwarding session: <reason>" instead. KMS: the agent decrypts the client's KMSCipherTextKey with `kms.decrypt(blob, context)`,
 * context {aws:ssm:SessionId, aws:ssm:TargetId = session.target[, aws:ssm:RandomChallenge]}.
 */
export { attachGateway } from './gateway.js';
export type { Gateway, GatewayOptions } from './gateway.js';
export { CloseCode, GATEWAY } from './constants.js';
export type { SessionHost, SessionHostStats } from './session-host.js';
export { FaultController } from '../faults/controller.js';
export type { FaultApplyResult, FaultTarget } from '../faults/controller.js';
export { FaultSpecSchema, FaultControlSchema, MALFORMED_VARIANTS } from '../faults/spec.js';
export type { FaultAction, FaultControlInput, FaultSpec, FaultSpecInput } from '../faults/spec.js';
export type { PacingMode } from '../agent/constants.js';
export type { AgentKms } from '../agent/handshake.js';
