import { describe, expect, it } from 'vitest';
import { describeFrame, hexDump, printable } from './frame-describe.js';

function frame(messageType: string, payloadType: number, flags: number, payload: Uint8Array): string {
  const bytes = new Uint8Array(120 + payload.byteLength);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 116);
  for (let i = 0; i < 32; i++) bytes[4 + i] = i < messageType.length ? messageType.charCodeAt(i) : 0x20;
  view.setBigUint64(56, BigInt(flags));
  view.setUint32(112, payloadType);
  view.setUint32(116, payload.byteLength);
  bytes.set(payload, 120);
  return btoa(String.fromCharCode(...bytes));
}

describe('describeFrame', () => {
  it('reads payload type, flags and payload from their fixed offsets', () => {
    const d = describeFrame(frame('output_stream_data', 1, 1, new TextEncoder().encode('hi\r\n')));
    expect(d).toMatchObject({ payloadType: 'Output', flags: 'SYN', payloadLength: 4, preview: 'hi\\r\\n' });
    expect(describeFrame(frame('acknowledge', 0, 3, new Uint8Array())).flags).toBe('SYN|FIN');
  });

  it('shows a JSON text message as text', () => {
    const d = describeFrame(btoa('{"MessageSchemaVersion":"1.0"}'));
    expect(d.payloadType).toBe('text');
    expect(d.preview).toContain('MessageSchemaVersion');
  });

  it('escapes control bytes and dumps hex', () => {
    expect(printable(Uint8Array.from([0x1b, 0x5b, 0x00]))).toBe('\\e[\\x00');
    expect(hexDump(new TextEncoder().encode('ABC'))).toBe('000000  41 42 43' + ' '.repeat(39) + '  ABC');
  });
});
