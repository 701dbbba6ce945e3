/**
 * smux v1 — the stream multiplexer inside Session Manager port sessions (protocol §8.3).
 *
 * Symmetric: the Porthole client runs `role: 'client'`, the sandbox agent runs `role: 'server'`.
 * The session is transport-agnostic: you hand it a `send` function and feed it received bytes.
 *
 *   const session = new SmuxSession({
 *     role: 'server',
 *     keepAlive: false,                    // per §8.1: see keepAliveEnabled() in main/ssm/port
 *     send: (bytes) => channel.sendOutput(bytes),   // return false to apply backpressure,
 *   });                                             // then call session.notifyDrain() later
 *   onPayload((bytes) => session.receive(bytes));   // any split/coalescing of frames is fine
 *   session.on('stream', (stream) => {      // peer's SYN → a Node Duplex
 *     const tcp = net.connect(port, host);
 *     stream.pipe(tcp).pipe(stream);        // stream 'end' = peer's FIN; stream.end() sends FIN
 *   });
 *   const s = session.openStream();         // client side: SYN with ids 3, 5, 7… (server: 2, 4…)
 *   session.on('close', (err) => …);        // err: SmuxError for bad version / cmd > 4 / keepalive
 *   session.close();                        // destroys all streams
 *
 * Flow control: v1 has no per-stream window. Incoming data is buffered per stream up to
 * SMUX.STREAM_RECEIVE_LIMIT (and SESSION_RECEIVE_LIMIT overall); beyond that the session emits
 * 'inputPaused' and the owner should stop calling receive() (the data channel answers "not
 * ready", the agent retransmits later) until 'inputResumed'. So one slow reader stalls the others
 * only after it has 4 MiB unread (the plugin's smux stalls all streams after 4 MiB session-wide) —
 * the price of a protocol without per-stream windows; memory stays bounded by the session limit.
 * Outgoing: when `send` returns false, stream writes are held until `notifyDrain()`, so a
 * piped local socket stops being read.
 *
 * `smuxOverSocket(socket, options)` wires a session to a Node Duplex (TCP socket, pair) directly.
 */
export { SMUX, SmuxCmd } from './constants.js';
export { SmuxError, type SmuxErrorCode } from './errors.js';
export { encodeFrame, encodePsh, type SmuxFrame } from './frame.js';
export { SmuxFrameReader } from './frame-reader.js';
export { SmuxSession, type SmuxSessionEvents, type SmuxSessionOptions } from './session.js';
export { SmuxStream } from './stream.js';
export { smuxOverSocket } from './socket-transport.js';
