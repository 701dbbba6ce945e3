// The inspector against the real codecs' golden frames (testing/conformance): every field named
// at its true offset with its true bytes, values written out by hand from the spec (§1.1, §1.3).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceDir } from '../../../testing/ssm/conformance.js';
import { CaptureDescriber, renderFrame, type CaptureRecord, type FrameDescription } from './index.js';

interface LayoutEntry {
  field: string;
  offset: number;
  length: number;
  hex: string;
}

interface GoldenFrame {
  serialized_hex: string;
  layout?: LayoutEntry[];
}

function golden(file: string): GoldenFrame {
  return JSON.parse(readFileSync(join(conformanceDir(), file), 'utf8')) as GoldenFrame;
}

function describeHex(hexString: string, dir: CaptureRecord['dir'] = 'client->server'): FrameDescription {
  return new CaptureDescriber().describe({ t: 0, dir, kind: 'binary', raw: Buffer.from(hexString, 'hex') });
}

const LAID_OUT = [
  'a_input_stream_data_ls.json',
  'b_acknowledge_output_stream_data_seq4.json',
  'c_size_120x40.json',
  'd_handshake_response.json',
  'e_empty_payload.json',
  'f_payload_2000_bytes.json',
  'g1_flag_disconnect_to_port.json',
  'g2_flag_terminate_session.json',
  'h_output_stream_data_agent_style.json',
  'hr_ack_for_handshake_request.json',
  'hr_handshake_request_port.json',
];

describe('inspector on golden frames', () => {
  it.each(LAID_OUT)('%s: every field at the layout offset with the layout bytes', (file) => {
    const g = golden(file);
    const d = describeHex(g.serialized_hex);
    const fields = d.fields.filter((f) => !(f.name === 'Payload' && f.length === 0));
    // Long payloads are cut in the layout ("…(truncated here…)"); compare the part it keeps.
    const layout = (g.layout ?? []).map((l) => {
      const cut = l.hex.indexOf('...');
      return cut < 0 ? l : { ...l, hex: l.hex.slice(0, cut) };
    });
    const seen = fields.map((f, i) => {
      const cut = (g.layout?.[i]?.hex ?? '').indexOf('...');
      return { field: f.name, offset: f.offset, length: f.length, hex: cut < 0 ? f.hex : f.hex.slice(0, cut) };
    });
    expect(seen).toEqual(layout);
    expect(d.problems).toEqual([]);
    expect(d.digest?.status).toBe('ok');
  });

  it.each([
    'agent_acknowledge_for_plugin_vector_a.json',
    'agent_handshake_complete.json',
    'agent_handshake_request_port.json',
    'agent_handshake_request_standard_stream.json',
    'agent_output_stream_data_seq0.json',
    'agent_output_stream_data_seq4.json',
    'agent_session_state_connected.json',
  ])('%s: the fields tile the whole frame with no gap or overlap', (file) => {
    const g = golden(file);
    const d = describeHex(g.serialized_hex, 'server->client');
    expect(d.fields.map((f) => f.hex).join('')).toBe(g.serialized_hex);
    let next = 0;
    for (const f of d.fields) {
      expect(f.offset).toBe(next);
      next += f.length;
    }
    expect(d.problems).toEqual([]);
  });

  it('c (size 120x40): values, the MessageId half swap and the JSON payload', () => {
    const d = describeHex(golden('c_size_120x40.json').serialized_hex);
    const byName = Object.fromEntries(d.fields.map((f) => [f.name, f]));
    expect(byName.HeaderLength?.value).toBe('116');
    expect(byName.MessageType?.value).toBe('"input_stream_data"');
    expect(byName.MessageType?.notes).toEqual(['padded with 15 spaces']);
    expect(byName.SchemaVersion?.value).toBe('1');
    expect(byName.CreatedDate?.value).toBe('1700000000123');
    expect(byName.CreatedDate?.notes).toEqual(['2023-11-14T22:13:20.123Z (Unix ms)']);
    expect(byName.SequenceNumber?.value).toBe('1');
    expect(byName.Flags?.value).toBe('0 (data)');
    expect(byName.MessageId?.hex).toBe('843210fedcba98763f2e1d0cb9a84765');
    expect(byName.MessageId?.value).toBe('3f2e1d0c-b9a8-4765-8432-10fedcba9876');
    expect(byName.MessageId?.notes).toEqual([
      "wire 843210fedcba9876 3f2e1d0cb9a84765: the UUID's halves swapped (§1.3)",
      'UUID bytes 3f2e1d0cb9a84765 843210fedcba9876 = 3f2e1d0c-b9a8-4765-8432-10fedcba9876',
    ]);
    expect(byName.PayloadType?.value).toBe('3 (Size)');
    expect(byName.PayloadLength?.value).toBe('22');
    expect(d.payload).toMatchObject({ offset: 120, length: 22, kind: 'json', json: { cols: 120, rows: 40 } });
    expect(d.digest).toEqual({
      stored: 'edf7359c89077b608a6b3e8b19e63bbfc7aa724989a05ea371a9966a6e9db7cc',
      computed: 'edf7359c89077b608a6b3e8b19e63bbfc7aa724989a05ea371a9966a6e9db7cc',
      status: 'ok',
    });
  });

  it('the spec\'s uuid example (uuid_byte_order.json) reads back as the canonical UUID', () => {
    const u = JSON.parse(readFileSync(join(conformanceDir(), 'uuid_byte_order.json'), 'utf8')) as { wire_hex_at_offset_64: string; uuid_string: string };
    const frame = Buffer.from(golden('h_output_stream_data_agent_style.json').serialized_hex, 'hex');
    Buffer.from(u.wire_hex_at_offset_64, 'hex').copy(frame, 64);
    const id = new CaptureDescriber().describe({ t: 0, dir: 'server->client', kind: 'binary', raw: frame }).fields.find((f) => f.name === 'MessageId');
    expect(id?.value).toBe('fdba1b38-1a73-4d64-85c3-12500a08af29');
    expect(id?.hex).toBe('85c312500a08af29fdba1b381a734d64');
  });

  it('g2 (TerminateSession flag) renders as this table', () => {
    const d = describeHex(golden('g2_flag_terminate_session.json').serialized_hex);
    expect(renderFrame(d, { hexdump: false })).toBe(
      [
        '=== frame 1  +0 ms  client->server  binary, 124 bytes',
        '    input_stream_data seq 6, PT 10 Flag, 4-byte payload',
        '  offset  size  field           bytes                                             value',
        '      0     4  HeaderLength    00 00 00 74                                       116',
        '                                 - payload starts at 120 (HeaderLength + 4)',
        '      4    32  MessageType     69 6e 70 75 74 5f 73 74 72 65 61 6d 5f 64 61 74 …  "input_stream_data"',
        '                                 - padded with 15 spaces',
        '     36     4  SchemaVersion   00 00 00 01                                       1',
        '     40     8  CreatedDate     00 00 01 8b cf e5 68 7b                           1700000000123',
        '                                 - 2023-11-14T22:13:20.123Z (Unix ms)',
        '     48     8  SequenceNumber  00 00 00 00 00 00 00 06                           6',
        '     56     8  Flags           00 00 00 00 00 00 00 00                           0 (data)',
        '     64    16  MessageId       80 00 00 00 00 00 00 02 de ad be ef 00 02 40 00   deadbeef-0002-4000-8000-000000000002',
        "                                 - wire 8000000000000002 deadbeef00024000: the UUID's halves swapped (§1.3)",
        '                                 - UUID bytes deadbeef00024000 8000000000000002 = deadbeef-0002-4000-8000-000000000002',
        '     80    32  PayloadDigest   43 3e bf 5b c0 3d ff a3 85 36 67 32 07 a2 12 81 …  SHA-256 of the payload (raw bytes)',
        '    112     4  PayloadType     00 00 00 0a                                       10 (Flag)',
        '    116     4  PayloadLength   00 00 00 04                                       4',
        '    120     4  Payload         00 00 00 02                                       flag',
        '  payload (flag, 4 bytes at offset 120):',
        '    PayloadTypeFlag 2 (TerminateSession), uint32 big-endian 00 00 00 02',
        '  digest verified: SHA-256 of the payload matches PayloadDigest',
        '',
      ].join('\n'),
    );
  });

  it('every decoder negative case is described without throwing; the malformed ones name their problem', () => {
    const cases = (JSON.parse(readFileSync(join(conformanceDir(), 'plugin_decoder_negative_cases.json'), 'utf8')) as { cases: { name: string; input_hex: string }[] }).cases;
    const sound = new Set(['message_type_nul_padded', 'unexpected_sequence_number_7', 'old_sequence_number_2']);
    const expectations: Record<string, RegExp> = {
      truncated_to_0_bytes: /frame ends at byte 0, inside HeaderLength \(offset 0, 4 bytes\)/,
      truncated_to_35_bytes: /frame ends at byte 35, inside MessageType \(offset 4, 32 bytes\)/,
      truncated_to_111_bytes: /frame ends at byte 111, inside PayloadDigest \(offset 80, 32 bytes\)/,
      truncated_to_116_bytes: /frame ends at byte 116, inside PayloadLength \(offset 116, 4 bytes\)/,
      truncated_to_119_bytes: /frame ends at byte 119, inside PayloadLength/,
      truncated_to_120_bytes: /PayloadLength says 9 but 0 bytes follow the header/,
      wrong_digest: /PayloadDigest does not match/,
      payload_corrupted: /PayloadDigest does not match/,
      header_length_larger_than_buffer: /payload would start at \d+ \(HeaderLength \+ 4\) but the frame is 129 bytes/,
      header_length_zero: /HeaderLength is 0/,
      created_date_zero: /CreatedDate is 0/,
      message_type_all_nul: /MessageType is empty/,
    };
    for (const c of cases) {
      const d = describeHex(c.input_hex);
      if (sound.has(c.name)) expect(d.problems, c.name).toEqual([]);
      else expect(d.problems.length, c.name).toBeGreaterThan(0);
      const expected = expectations[c.name];
      if (expected) expect(d.problems.join('\n'), c.name).toMatch(expected);
    }
  });
});
