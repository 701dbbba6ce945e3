import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { decodeAcknowledge, decodeFrame, encodeFrame, Flags, MessageType, newMessageId, PayloadType, type ClientMessage } from '../frame/index.js';
import { negativeCases } from '../../../testing/ssm/conformance.js';
import { AGENT_POLICY, ChannelFullError, CLIENT_POLICY, ReliableChannel, Reliability, type ChannelPolicy, type Delivery, type FrameTransport } from './index.js';

const text = (s: string) => new TextEncoder().encode(s);
/** Past the first RTO of a fresh channel (no RTT sample yet) by a few resend ticks. */
const PAST_FIRST_RTO_MS = Reliability.INITIAL_RTO_MS + 2.5 * Reliability.RESEND_TICK_MS;
const open: ReliableChannel[] = [];
afterEach(() => open.splice(0).forEach((c) => c.close()));

/** A channel whose transmissions are captured (decoded) instead of sent anywhere. */
function captured(policy: ChannelPolicy, deliver: (f: ClientMessage) => Delivery = () => 'accepted') {
  const sent: ClientMessage[] = [];
  const delivered: ClientMessage[] = [];
  const channel = new ReliableChannel({
    policy,
    hooks: { deliver: (f) => { const r = deliver(f); if (r === 'accepted') delivered.push(f); return r; } },
  });
  open.push(channel);
  let up = true;
  const transport: FrameTransport = { send: (b) => { if (up) sent.push(decodeFrame(b)); return up; } };
  channel.attach(transport);
  return { channel, sent, delivered, setUp: (v: boolean) => { up = v; }, transport };
}

/** A stream frame as the peer of `policy` would send it. */
function peerFrame(policy: ChannelPolicy, seq: number, payload = text(`m${seq}`), payloadType: number = PayloadType.Output) {
  return encodeFrame({ messageType: policy.incomingType, sequenceNumber: seq, flags: 0, messageId: newMessageId(), payloadType, payload });
}

const acksOf = (sent: ClientMessage[]) => sent.filter((f) => f.messageType === MessageType.Acknowledge).map((f) => decodeAcknowledge(f.payload).acknowledgedMessageSequenceNumber);

describe('ReliableChannel: incoming', () => {
  it('delivers in order, buffers and acks the future, re-acks duplicates', () => {
    const { channel, sent, delivered } = captured(CLIENT_POLICY);
    channel.receive(peerFrame(CLIENT_POLICY, 2));
    channel.receive(peerFrame(CLIENT_POLICY, 1));
    expect(delivered).toHaveLength(0);
    channel.receive(peerFrame(CLIENT_POLICY, 0));
    expect(delivered.map((f) => f.sequenceNumber)).toEqual([0, 1, 2]);
    channel.receive(peerFrame(CLIENT_POLICY, 1));
    expect(delivered).toHaveLength(3);
    expect(acksOf(sent)).toEqual([2, 1, 0, 1]);
    const ack = sent[0]!;
    expect([ack.sequenceNumber, ack.flags, ack.payloadType]).toEqual([0, Flags.SynFin, 0]);
    expect(decodeAcknowledge(ack.payload).acknowledgedMessageType).toBe(MessageType.OutputStreamData);
    expect(channel.stats.duplicates).toBe(1);
  });

  it('"not ready" means no ack and no progress; the retransmission is taken later', () => {
    let ready = false;
    const { channel, sent, delivered } = captured(CLIENT_POLICY, () => (ready ? 'accepted' : 'not-ready'));
    const frame0 = peerFrame(CLIENT_POLICY, 0);
    channel.receive(frame0);
    expect(sent).toHaveLength(0);
    expect(channel.expectedSequenceNumber).toBe(0);
    ready = true;
    channel.receive(frame0);
    expect(delivered).toHaveLength(1);
    expect(acksOf(sent)).toEqual([0]);
  });

  it('keeps an acked out-of-order frame when the handler is not ready, and delivers it on retry', () => {
    let ready = true;
    const { channel, delivered } = captured(CLIENT_POLICY, () => (ready ? 'accepted' : 'not-ready'));
    channel.receive(peerFrame(CLIENT_POLICY, 1));
    ready = false;
    channel.receive(peerFrame(CLIENT_POLICY, 0)); // not ready: no delivery at all
    ready = true;
    channel.receive(peerFrame(CLIENT_POLICY, 0));
    expect(delivered.map((f) => f.sequenceNumber)).toEqual([0, 1]);
  });

  it('reports malformed frames without acking and keeps working', () => {
    const errors: string[] = [];
    const delivered: number[] = [];
    const sent: Uint8Array[] = [];
    const channel = new ReliableChannel({ policy: CLIENT_POLICY, hooks: { deliver: (f) => (delivered.push(f.sequenceNumber), 'accepted'), malformed: (e) => errors.push(e.field) } });
    open.push(channel);
    channel.attach({ send: (b) => (sent.push(b), true) });
    for (const c of negativeCases('plugin_decoder_negative_cases.json')) channel.receive(Buffer.from(c.inputHex, 'hex'));
    // Three inputs are well-formed frames of seq 4, 7 and 2: buffered (4, 7) or re-acked (2).
    expect(errors.length).toBeGreaterThanOrEqual(28);
    expect(channel.stats.malformed).toBe(errors.length);
    channel.receive(peerFrame(CLIENT_POLICY, 0));
    expect(delivered).toEqual([0]);
  });

  it('drops without ack when the out-of-order buffer is full or the frame is too far ahead', () => {
    // Capacity 3 with seq 0 missing: 1 and 2 fit, 3 could never be delivered from the buffer in time.
    const { channel, sent } = captured({ ...CLIENT_POLICY, incomingCapacity: 3 });
    for (const seq of [1, 2, 3, 500]) channel.receive(peerFrame(CLIENT_POLICY, seq));
    expect(acksOf(sent)).toEqual([1, 2]);
    expect(channel.stats.overflowDrops).toBe(2);
  });
});

describe('ReliableChannel: outgoing', () => {
  it('buffers a frame whose first send failed and sends it on the next attach', () => {
    const { channel, sent, setUp, transport } = captured(CLIENT_POLICY);
    setUp(false);
    expect(channel.send(PayloadType.Output, text('a'))).toBe(0);
    expect(channel.send(PayloadType.Output, text('b'))).toBe(1);
    expect(sent).toHaveLength(0);
    setUp(true);
    channel.attach(transport);
    expect(sent.map((f) => [f.sequenceNumber, f.flags, new TextDecoder().decode(f.payload)])).toEqual([[0, 0, 'a'], [1, 0, 'b']]);
    expect(channel.unackedFrames).toBe(2);
  });

  it('resends only the oldest unacked frame after the RTO, with identical bytes', () => {
    // Fake timers drive both the resend tick (setInterval) and the channel's clock (performance.now).
    vi.useFakeTimers();
    onTestFinished(() => void vi.useRealTimers());
    const raw: Uint8Array[] = [];
    const channel = new ReliableChannel({ policy: CLIENT_POLICY, hooks: { deliver: () => 'accepted' } });
    open.push(channel);
    channel.attach({ send: (b) => (raw.push(b), true) });
    channel.send(PayloadType.Output, text('x'));
    channel.send(PayloadType.Output, text('y'));
    vi.advanceTimersByTime(PAST_FIRST_RTO_MS);
    expect(raw.length).toBeGreaterThan(2);
    for (const b of raw.slice(2)) expect(Buffer.from(b).equals(Buffer.from(raw[0]!))).toBe(true);
    expect(channel.stats.retransmits).toBe(raw.length - 2);
  });

  it('acks remove frames and feed the RTO; the agent policy marks seq 0 SYN', () => {
    const agent = captured(AGENT_POLICY);
    agent.channel.send(PayloadType.HandshakeRequest, text('{}'));
    agent.channel.send(PayloadType.Output, text('$ '));
    expect(agent.sent.map((f) => [f.messageType, f.sequenceNumber, f.flags])).toEqual([
      [MessageType.OutputStreamData, 0, Flags.Syn],
      [MessageType.OutputStreamData, 1, Flags.Data],
    ]);
    const client = captured(CLIENT_POLICY);
    for (const f of agent.sent) client.channel.receive(encodeFrame(f));
    for (const ack of client.sent) agent.channel.receive(encodeFrame(ack));
    expect(agent.channel.unackedFrames).toBe(0);
    // Two near-zero samples: RTTVAR grows first (RTO 187.5 then ≈239), proving the acks were timed.
    expect(agent.channel.rtoMs).not.toBe(200);
  });

  it('skips empty payloads without consuming a sequence number', () => {
    const { channel, sent } = captured(AGENT_POLICY);
    expect(channel.send(PayloadType.Output, new Uint8Array())).toBeUndefined();
    expect(channel.send(PayloadType.Output, text('a'))).toBe(0);
    expect(sent).toHaveLength(1);
  });

  it('refuses when full under the client policy and signals drain after acks', () => {
    let drained = 0;
    const acks: Uint8Array[] = [];
    const channel = new ReliableChannel({ policy: { ...CLIENT_POLICY, outgoingCapacity: 4 }, hooks: { deliver: () => 'accepted', drain: () => drained++ } });
    open.push(channel);
    const peer = captured(CLIENT_POLICY);
    channel.attach({ send: (b) => { const f = decodeFrame(b); acks.push(encodeFrame({ ...f, messageType: MessageType.OutputStreamData })); return true; } });
    for (let i = 0; i < 4; i++) channel.send(PayloadType.Output, text(String(i)));
    expect(channel.writable).toBe(false);
    expect(() => channel.send(PayloadType.Output, text('x'))).toThrow(ChannelFullError);
    // The peer acks the four frames (built by a client channel acking output_stream_data copies).
    for (const b of acks) peer.channel.receive(b);
    for (const ack of peer.sent) channel.receive(encodeFrame({ ...ack }));
    expect(channel.unackedFrames).toBe(0);
    expect(drained).toBe(1);
    expect(channel.writable).toBe(true);
  });

  it('holds frames back while paused and sends them on start_publication', () => {
    const { channel, sent } = captured(CLIENT_POLICY);
    const control = (type: string) => encodeFrame({ messageType: type, sequenceNumber: 0, flags: 0, messageId: newMessageId(), payloadType: 0, payload: new Uint8Array() });
    channel.receive(control(MessageType.PausePublication));
    expect(channel.isPaused).toBe(true);
    channel.send(PayloadType.Output, text('held'));
    expect(sent).toHaveLength(0);
    channel.receive(control(MessageType.StartPublication));
    expect(sent.map((f) => new TextDecoder().decode(f.payload))).toEqual(['held']);
  });
});

describe('ReliableChannel: agent policy', () => {
  it('acks and drops client data before the handshake completes, but takes PT 6', () => {
    const { channel, sent, delivered } = captured(AGENT_POLICY);
    channel.receive(peerFrame(AGENT_POLICY, 0, text('{"cols":80,"rows":24}'), PayloadType.Size));
    channel.receive(peerFrame(AGENT_POLICY, 1, text('{}'), PayloadType.HandshakeResponse));
    channel.markHandshakeComplete();
    channel.receive(peerFrame(AGENT_POLICY, 2, text('ls\r')));
    expect(delivered.map((f) => f.payloadType)).toEqual([PayloadType.HandshakeResponse, PayloadType.Output]);
    expect(acksOf(sent)).toEqual([0, 1, 2]);
    expect(decodeAcknowledge(sent[0]!.payload).acknowledgedMessageType).toBe(MessageType.InputStreamData);
  });
});

describe('ReliableChannel: refused frames and the span a peer holds', () => {
  it('the agent policy keeps a refused in-order frame and delivers and acks it on retry, without a resend', () => {
    let ready = false;
    const { channel, sent, delivered } = captured(AGENT_POLICY, () => (ready ? 'accepted' : 'not-ready'));
    channel.markHandshakeComplete();
    channel.receive(peerFrame(AGENT_POLICY, 0));
    channel.receive(peerFrame(AGENT_POLICY, 1)); // behind the refused one: buffered and acked
    expect(acksOf(sent)).toEqual([1]);
    expect(delivered).toHaveLength(0);
    ready = true;
    channel.retryDelivery();
    expect(delivered.map((f) => f.sequenceNumber)).toEqual([0, 1]);
    expect(acksOf(sent)).toEqual([1, 0]); // the held frame is acked once delivered
    expect(channel.expectedSequenceNumber).toBe(2);
  });

  it('the client policy still drops a refused frame until the peer resends it (§4.3)', () => {
    let ready = false;
    const { channel, delivered } = captured(CLIENT_POLICY, () => (ready ? 'accepted' : 'not-ready'));
    channel.receive(peerFrame(CLIENT_POLICY, 0));
    ready = true;
    channel.retryDelivery();
    expect(delivered).toHaveLength(0);
  });

  it('counts payload from the oldest unacked frame on, frames acked past it included', () => {
    const sender = captured(CLIENT_POLICY);
    const peer = captured(AGENT_POLICY);
    peer.channel.markHandshakeComplete();
    for (const size of [100, 200, 300]) sender.channel.send(PayloadType.Output, new Uint8Array(size));
    expect(sender.channel.unackedSpanPayloadBytes).toBe(600);
    // Frame 0 is lost; the peer buffers and acks 1 and 2.
    for (const f of sender.sent.slice(1)) peer.channel.receive(encodeFrame(f));
    for (const ack of peer.sent) sender.channel.receive(encodeFrame(ack));
    expect(sender.channel.unackedPayloadBytes).toBe(100);
    expect(sender.channel.unackedSpanPayloadBytes).toBe(600);
    peer.sent.length = 0;
    peer.channel.receive(encodeFrame(sender.sent[0]!));
    for (const ack of peer.sent) sender.channel.receive(encodeFrame(ack));
    expect(sender.channel.unackedSpanPayloadBytes).toBe(0);
  });
});

describe('ReliableChannel: acked hook', () => {
  it('fires once per frame an ack removes, never for unknown or repeated acks', () => {
    let acked = 0;
    const channel = new ReliableChannel({ policy: AGENT_POLICY, hooks: { deliver: () => 'accepted', acked: () => acked++ } });
    open.push(channel);
    channel.attach({ send: () => true });
    for (let i = 0; i < 3; i++) channel.send(PayloadType.Output, text(`out${i}`));
    const ackFor = (seq: number) =>
      encodeFrame({ messageType: MessageType.Acknowledge, sequenceNumber: 0, flags: Flags.SynFin, messageId: newMessageId(), payloadType: 0, payload: text(`{"AcknowledgedMessageType":"output_stream_data","AcknowledgedMessageId":"${newMessageId()}","AcknowledgedMessageSequenceNumber":${seq},"IsSequentialMessage":true}`) });
    channel.receive(ackFor(1));
    channel.receive(ackFor(1));
    channel.receive(ackFor(7));
    expect(acked).toBe(1);
    expect(channel.unackedFrames).toBe(2);
    channel.receive(ackFor(0));
    expect(acked).toBe(2);
  });
});
