import { describe, expect, it } from 'vitest';
import { goldenFrames, realSession } from '../../../testing/ssm/conformance.js';
import { FrameError, PayloadTypeFlag, decodeAcknowledge, decodeChannelClosed, decodeFlag, decodeFrame, encodeAcknowledge, encodeFlag } from './index.js';

const golden = (file: string) => {
  const g = goldenFrames().find((f) => f.file === file);
  if (!g) throw new Error(`missing golden ${file}`);
  return g;
};

describe('frame payloads', () => {
  it('acknowledge JSON matches the plugin byte for byte and parses back', () => {
    const g = golden('b_acknowledge_output_stream_data_seq4.json');
    const expected = Buffer.from(g.input.Payload_hex, 'hex');
    const parsed = decodeAcknowledge(expected);
    expect(parsed.acknowledgedMessageSequenceNumber).toBe(4);
    expect(Buffer.from(encodeAcknowledge(parsed)).equals(expected)).toBe(true);
  });

  it('acknowledge JSON matches the agent byte for byte', () => {
    const g = golden('agent_acknowledge_for_plugin_vector_a.json');
    const expected = Buffer.from(g.input.Payload_hex, 'hex');
    expect(Buffer.from(encodeAcknowledge(decodeAcknowledge(expected))).equals(expected)).toBe(true);
  });

  it('flag payloads are 4-byte big-endian values', () => {
    expect(Buffer.from(encodeFlag(PayloadTypeFlag.DisconnectToPort)).toString('hex')).toBe(golden('g1_flag_disconnect_to_port.json').input.Payload_hex);
    expect(Buffer.from(encodeFlag(PayloadTypeFlag.TerminateSession)).toString('hex')).toBe(golden('g2_flag_terminate_session.json').input.Payload_hex);
    expect(decodeFlag(Uint8Array.of(0, 0, 0, 3))).toBe(PayloadTypeFlag.ConnectToPortError);
    expect(() => decodeFlag(Uint8Array.of(1))).toThrow(FrameError);
  });

  it('channel_closed from a real relay parses, and keys match case-insensitively', () => {
    const line = realSession('shell-session').find((l) => l.type === 'channel_closed');
    const frame = decodeFrame(Buffer.from(line?.raw ?? '', 'base64'));
    const closed = decodeChannelClosed(frame.payload);
    expect(closed.output).toBe('');
    expect(closed.sessionId).toMatch(/^local-/);
    expect(decodeChannelClosed(new TextEncoder().encode('{"output":"boom"}')).output).toBe('boom');
    expect(() => decodeChannelClosed(new TextEncoder().encode('[1]'))).toThrow(FrameError);
  });
});
