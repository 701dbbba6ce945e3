/**
 * An smux v1 session over any byte transport (protocol §8.3), symmetric: `client` opens odd
 * stream ids from 3, `server` opens even ids from 2; either side accepts the peer's SYNs while
 * it listens for 'stream', and refuses them with FIN otherwise.
 */
import { Emitter } from '../util/emitter.js';
import { SMUX, SmuxCmd } from './constants.js';
import { SmuxError } from './errors.js';
import { encodeFrame, encodeHeader, encodePsh, type SmuxFrame } from './frame.js';
import { SmuxFrameReader } from './frame-reader.js';
import { SmuxKeepalive } from './keepalive.js';
import { SmuxStream, type SmuxStreamHost } from './stream.js';

export interface SmuxSessionOptions {
  role: 'client' | 'server';
  /** Sends bytes to the peer. Return false to hold stream writes until `notifyDrain()`. */
  send(bytes: Uint8Array): boolean;
  /**
   * Optional: sends one PSH frame as its 8-byte header and its data, consecutive bytes of the
   * stream, so the data need not be copied behind the header (a forward moves every byte this
   * way). The data is a view of what was written to the stream (a socket read), kept until sent.
   * Returns like `send`. Without it, PSH frames are encoded whole and go through `send`.
   */
  sendParts?: (header: Uint8Array, data: Uint8Array) => boolean;
  /** NOP every interval and close on a silent peer; turn off per the §8.1 version rules. */
  keepAlive: boolean;
  keepAliveIntervalMs?: number;
  keepAliveTimeoutMs?: number;
  streamReceiveLimit?: number;
  sessionReceiveLimit?: number;
}

export interface SmuxSessionEvents {
  /** The peer opened a stream. */
  stream: [SmuxStream];
  /** The session ended; `error` is set for protocol errors and keepalive timeouts. */
  close: [error: SmuxError | undefined];
  /** A reader fell behind past the receive limits: stop feeding `receive()`. */
  inputPaused: [];
  /** Buffered data was read: `receive()` may be fed again. */
  inputResumed: [];
}

export class SmuxSession extends Emitter<SmuxSessionEvents> implements SmuxStreamHost {
  private readonly streams = new Map<number, SmuxStream>();
  private readonly reader = new SmuxFrameReader();
  private readonly keepalive: SmuxKeepalive | undefined;
  private nextId: number;
  private drainWaiters: Array<() => void> = [];
  private paused = false;
  private ended = false;

  constructor(private readonly options: SmuxSessionOptions) {
    super();
    this.nextId = options.role === 'client' ? SMUX.FIRST_CLIENT_STREAM_ID : SMUX.FIRST_SERVER_STREAM_ID;
    if (options.keepAlive) {
      this.keepalive = new SmuxKeepalive({
        intervalMs: options.keepAliveIntervalMs ?? SMUX.KEEPALIVE_INTERVAL_MS,
        timeoutMs: options.keepAliveTimeoutMs ?? SMUX.KEEPALIVE_TIMEOUT_MS,
        sendNop: () => this.sendFrame(SmuxCmd.NOP, 0),
        // A paused reader is our own doing, not a dead peer (smux skips the check likewise).
        canJudge: () => !this.paused,
        onDead: () => this.close(new SmuxError('keepalive-timeout', 'smux peer sent nothing within the keepalive timeout')),
      });
    }
  }

  get closed(): boolean {
    return this.ended;
  }

  get streamCount(): number {
    return this.streams.size;
  }

  /** False while a slow reader holds more than the receive limits; see `inputResumed`. */
  get acceptingInput(): boolean {
    return !this.paused;
  }

  /** Opens a stream (sends SYN). */
  openStream(): SmuxStream {
    if (this.ended) throw new SmuxError('session-closed', 'cannot open a stream on a closed smux session');
    const id = this.nextId;
    if (id > 0xffff_ffff) throw new SmuxError('stream-id-exhausted', 'smux stream ids are exhausted');
    this.nextId += 2;
    const stream = new SmuxStream(this, id);
    this.streams.set(id, stream);
    this.sendFrame(SmuxCmd.SYN, id);
    return stream;
  }

  /** Feeds bytes received from the peer. A protocol error closes the session (see `close`). */
  receive(chunk: Uint8Array): void {
    if (this.ended) return;
    let frames: SmuxFrame[];
    try {
      frames = this.reader.push(chunk);
    } catch (error) {
      if (error instanceof SmuxError) return this.close(error);
      throw error;
    }
    if (frames.length > 0) this.keepalive?.heard();
    for (const frame of frames) this.handle(frame);
    // Frames ahead of a bad header were good and are handled above; then the error ends us.
    const failure = this.reader.failure;
    if (failure) return this.close(failure);
    this.updatePause();
  }

  /** The transport can take more: release held stream writes. */
  notifyDrain(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const release of waiters) release();
  }

  /** Ends the session and destroys its streams (with `error`, if given). Idempotent. */
  close(error?: SmuxError): void {
    if (this.ended) return;
    this.ended = true;
    this.keepalive?.stop();
    // The session's error is reported by 'close'; a stream only gets it when someone listens,
    // so an unobserved stream cannot turn a protocol error into an uncaught exception.
    for (const stream of [...this.streams.values()]) {
      stream.destroy(error && stream.listenerCount('error') > 0 ? error : undefined);
    }
    this.streams.clear();
    this.notifyDrain();
    this.emit('close', error);
  }

  private handle(frame: SmuxFrame): void {
    const stream = this.streams.get(frame.streamId);
    switch (frame.cmd) {
      case SmuxCmd.SYN:
        if (stream) return; // SYN for an existing id is ignored (§8.3)
        // Nobody accepts streams here (the client's port engine never does): refuse with FIN, so its
        // data is discarded as an unknown id's instead of piling up to the receive limits.
        if (this.listenerCount('stream') === 0) return void this.sendFrame(SmuxCmd.FIN, frame.streamId);
        this.acceptStream(frame.streamId);
        return;
      case SmuxCmd.PSH:
        // PSH for an unknown id is read and discarded (§8.3). A small view is copied (PIN_RATIO).
        if (stream) stream.deliver(frame.data.byteLength * SMUX.PIN_RATIO < frame.data.buffer.byteLength ? new Uint8Array(frame.data) : frame.data);
        return;
      case SmuxCmd.FIN:
        stream?.peerFinished();
        if (stream?.finSent) this.streams.delete(stream.id);
        return;
      case SmuxCmd.NOP:
      case SmuxCmd.UPD:
        return; // NOP only feeds the keepalive; UPD is v2 window bookkeeping
    }
  }

  private acceptStream(id: number): void {
    const stream = new SmuxStream(this, id);
    this.streams.set(id, stream);
    this.emit('stream', stream);
  }

  private sendFrame(cmd: SmuxCmd, id: number): boolean {
    if (this.ended) return true;
    return this.options.send(encodeFrame(cmd, id));
  }

  // ---- SmuxStreamHost ----

  writeStreamData(stream: SmuxStream, chunk: Buffer, done: (err?: Error | null) => void): void {
    if (this.ended) return done(new SmuxError('session-closed', 'smux session closed'));
    let more = true;
    const sendParts = this.options.sendParts;
    if (sendParts) {
      for (let at = 0; at < chunk.length; at += SMUX.MAX_FRAME_SIZE) {
        const data = chunk.subarray(at, Math.min(at + SMUX.MAX_FRAME_SIZE, chunk.length));
        more = sendParts(encodeHeader(SmuxCmd.PSH, stream.id, data.length), data);
      }
    } else {
      for (const frame of encodePsh(stream.id, chunk)) more = this.options.send(frame);
    }
    if (more) done();
    else this.drainWaiters.push(() => done());
  }

  finishStream(stream: SmuxStream): void {
    if (stream.finSent) return;
    stream.finSent = true;
    this.sendFrame(SmuxCmd.FIN, stream.id);
    if (stream.finReceived) this.streams.delete(stream.id);
  }

  streamWantsData(): void {
    // _read runs before Readable removes the chunk it is about to return: measure afterwards.
    if (this.paused) process.nextTick(() => this.updatePause());
  }

  streamConsumed(): void {
    if (this.paused) this.updatePause();
  }

  streamDestroyed(stream: SmuxStream): void {
    if (this.streams.get(stream.id) !== stream) return;
    this.finishStream(stream);
    this.streams.delete(stream.id);
    this.updatePause();
  }

  private updatePause(): void {
    if (this.ended) return;
    const streamLimit = this.options.streamReceiveLimit ?? SMUX.STREAM_RECEIVE_LIMIT;
    const sessionLimit = this.options.sessionReceiveLimit ?? SMUX.SESSION_RECEIVE_LIMIT;
    // Paused, the limits drop to their resume marks (hysteresis): input starts again while the
    // readers still have buffered data to work through, so refilling overlaps with reading.
    const scale = this.paused ? SMUX.RESUME_FRACTION : 1;
    let total = 0;
    let over = false;
    for (const stream of this.streams.values()) {
      total += stream.readableLength;
      if (stream.readableLength >= streamLimit * scale) over = true;
    }
    const paused = over || total >= sessionLimit * scale;
    if (paused === this.paused) return;
    this.paused = paused;
    this.emit(paused ? 'inputPaused' : 'inputResumed');
  }
}
