import { describe, expect, it } from 'vitest';
import { SmuxCmd } from './constants.js';
import { SmuxError } from './errors.js';
import { encodeFrame, encodePsh } from './frame.js';
import { SmuxFrameReader } from './frame-reader.js';
import { realSession } from '../../../testing/ssm/conformance.js';

const hex = (s: string) => Buffer.from(s.replace(/\s/g, ''), 'hex');

describe('smux frame codec (§8.3 examples)', () => {
  it('encodes SYN, PSH, FIN and NOP with little-endian fields', () => {
    expect(encodeFrame(SmuxCmd.SYN, 3)).toEqual(hex('01 00 00 00 03 00 00 00'));
    expect(encodeFrame(SmuxCmd.PSH, 3, Buffer.from('hello'))).toEqual(hex('01 02 05 00 03 00 00 00 68 65 6c 6c 6f'));
    expect(encodeFrame(SmuxCmd.FIN, 3)).toEqual(hex('01 01 00 00 03 00 00 00'));
    expect(encodeFrame(SmuxCmd.NOP, 0)).toEqual(hex('01 03 00 00 00 00 00 00'));
    expect(encodeFrame(SmuxCmd.PSH, 0x01020304, Buffer.alloc(0x0102))).toEqual(
      Buffer.concat([hex('01 02 02 01 04 03 02 01'), Buffer.alloc(0x0102)]),
    );
  });

  it('splits PSH data at 32768 bytes', () => {
    const frames = encodePsh(5, Buffer.alloc(70_000, 7));
    expect(frames.map((f) => f.readUInt16LE(2))).toEqual([32_768, 32_768, 70_000 - 65_536]);
    expect(frames.every((f) => f[1] === SmuxCmd.PSH && f.readUInt32LE(4) === 5)).toBe(true);
  });

  it('refuses data that does not fit the uint16 length field', () => {
    expect(() => encodeFrame(SmuxCmd.PSH, 3, Buffer.alloc(0x10000))).toThrow(SmuxError);
  });

  it('parses UPD with its fixed 8-byte body', () => {
    const reader = new SmuxFrameReader();
    const frames = reader.push(Buffer.concat([hex('01 04 08 00 03 00 00 00 10 00 00 00 00 00 01 00'), encodeFrame(SmuxCmd.NOP, 0)]));
    expect(frames.map((f) => [f.cmd, f.streamId, f.data.length])).toEqual([[4, 3, 8], [3, 0, 0]]);
  });

  it('reports a bad version and an unknown cmd as typed errors with the offset', () => {
    // The error is thrown, or (after good frames in the same push) kept in `failure`.
    const bad = (bytes: Buffer) => {
      const reader = new SmuxFrameReader();
      try {
        reader.push(bytes);
      } catch (error) {
        return error;
      }
      return reader.failure;
    };
    const v2 = bad(Buffer.concat([encodeFrame(SmuxCmd.NOP, 0), hex('02 00 00 00 03 00 00 00')]));
    expect(v2).toBeInstanceOf(SmuxError);
    expect(v2).toMatchObject({ code: 'bad-version', offset: 8 });
    expect(bad(hex('01 05 00 00 03 00 00 00'))).toMatchObject({ code: 'bad-command', offset: 0 });
  });
});

describe('smux frames recorded between the real plugin and agent', () => {
  // Every PT 1 payload of each direction, concatenated, is one smux byte stream (§8.3).
  const lines = realSession('port-mux-session');
  const payloads = (dir: string) =>
    lines
      .filter((l) => l.dir === dir && (l.type === 'input_stream_data' || l.type === 'output_stream_data') && l.ptype === 1)
      .map((l) => Buffer.from(l.raw!, 'base64').subarray(120));

  it('parses the plugin side: SYN, request PSH, FIN for streams 3 and 5', () => {
    const reader = new SmuxFrameReader();
    const frames = payloads('client->server').flatMap((p) => reader.push(p));
    expect(frames.map((f) => [f.cmd, f.streamId])).toEqual([[0, 3], [2, 3], [1, 3], [0, 5], [2, 5], [1, 5]]);
    expect(Buffer.from(frames[1]!.data).toString()).toMatch(/^GET \/file.txt HTTP\/1.1\r\n/);
    expect(reader.buffered).toBe(0);
  });

  it('reassembles the agent side (headers + body, then FIN), whose frames span 1024-byte messages', () => {
    const reader = new SmuxFrameReader();
    const frames = payloads('server->client').flatMap((p) => reader.push(p));
    expect(frames.map((f) => [f.cmd, f.streamId])).toEqual([[2, 3], [2, 3], [1, 3], [2, 5], [2, 5], [1, 5]]);
    const body = Buffer.concat(frames.filter((f) => f.streamId === 3).map((f) => f.data)).toString('latin1');
    expect(body).toMatch(/^HTTP\/1.0 200 OK\r\n/);
    expect(frames[1]!.data.length).toBe(0x1a64);
    expect(reader.buffered).toBe(0);
  });
});
