// pause_publication is honoured but cannot wedge a session: while paused the oldest unacked
// frame still goes out once per maximum RTO, so a lost start_publication ends with the peer's
// ack (any ack resumes publication). The channel's clock is injected; fake timers run its resend
// tick (a setInterval), so no step waits on real time.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Flags, MessageType, PayloadType, decodeFrame, encodeFrame, newMessageId, type ClientMessage } from '../frame/index.js';
import { ReliableChannel } from './channel.js';
import { Reliability } from './constants.js';
import { CLIENT_POLICY } from './policy.js';

const open: ReliableChannel[] = [];
afterEach(() => open.splice(0).forEach((c) => c.close()));

const text = (s: string) => new TextEncoder().encode(s);
/** Several resend ticks. */
const TICKS = 4;
const runTicks = () => vi.advanceTimersByTime(TICKS * Reliability.RESEND_TICK_MS);
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const control = (type: string) => encodeFrame({ messageType: type, sequenceNumber: 0, flags: 0, messageId: newMessageId(), payloadType: 0, payload: new Uint8Array() });

function ackOf(frame: ClientMessage): Uint8Array {
  const payload = text(`{"AcknowledgedMessageType":"${frame.messageType}","AcknowledgedMessageId":"${frame.messageId}","AcknowledgedMessageSequenceNumber":${frame.sequenceNumber},"IsSequentialMessage":true}`);
  return encodeFrame({ messageType: MessageType.Acknowledge, sequenceNumber: 0, flags: Flags.SynFin, messageId: newMessageId(), payloadType: 0, payload });
}

describe('ReliableChannel under pause_publication', () => {
  it('holds input while paused, probes with the oldest frame once per max RTO, and resumes on its ack', () => {
    let clock = 0;
    const sent: ClientMessage[] = [];
    const raw: Uint8Array[] = [];
    const channel = new ReliableChannel({ policy: CLIENT_POLICY, hooks: { deliver: () => 'accepted' }, now: () => clock });
    open.push(channel);
    channel.attach({ send: (b) => (raw.push(b), sent.push(decodeFrame(b)), true) });
    channel.receive(control(MessageType.PausePublication));
    channel.send(PayloadType.Output, text('l'));
    channel.send(PayloadType.Output, text('s'));
    runTicks();
    expect(sent).toHaveLength(0);

    clock = Reliability.MAX_RTO_MS;
    runTicks();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.sequenceNumber).toBe(0);
    runTicks();
    expect(sent).toHaveLength(1); // one probe per max RTO, not one per tick

    clock = 2 * Reliability.MAX_RTO_MS;
    runTicks();
    expect(sent).toHaveLength(2);
    expect(raw[1]).toEqual(raw[0]); // the same frame, identical bytes
    expect(channel.isPaused).toBe(true);

    channel.receive(ackOf(sent[0]!));
    expect(channel.isPaused).toBe(false);
    expect(sent.map((f) => new TextDecoder().decode(f.payload))).toEqual(['l', 'l', 's']);
  });

  it('sends nothing while paused when nothing is unacked', () => {
    let clock = 0;
    const sent: Uint8Array[] = [];
    const channel = new ReliableChannel({ policy: CLIENT_POLICY, hooks: { deliver: () => 'accepted' }, now: () => clock });
    open.push(channel);
    channel.attach({ send: (b) => (sent.push(b), true) });
    channel.receive(control(MessageType.PausePublication));
    clock = 5 * Reliability.MAX_RTO_MS;
    runTicks();
    expect(sent).toHaveLength(0);
  });
});
