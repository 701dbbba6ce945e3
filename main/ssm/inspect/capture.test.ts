// Captures: masking of secrets, the file format round trip, and describing whole real sessions
// (testing/conformance/real) including smux frames reassembled across data-channel messages.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame, MessageType, PayloadType } from '../frame/index.js';
import { conformanceDir } from '../../../testing/ssm/conformance.js';
import { CaptureDescriber, CaptureEncoder, CaptureWriter, describeCapture, parseCapture, type CaptureRecord } from './index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const enc = new TextEncoder();
let idCounter = 0;
function frame(messageType: string, seq: number, payloadType: number, payload: Uint8Array | string): Uint8Array {
  idCounter += 1;
  return encodeFrame({
    messageType,
    sequenceNumber: seq,
    flags: 0,
    messageId: `00000000-0000-4000-8000-${String(idCounter).padStart(12, '0')}`,
    payloadType,
    payload: typeof payload === 'string' ? enc.encode(payload) : payload,
    createdDate: 1_700_000_000_000,
  });
}

function readReal(name: string): CaptureRecord[] {
  return parseCapture(readFileSync(join(conformanceDir(), 'real', name), 'utf8'));
}

describe('capture masking', () => {
  it('masks the OpenDataChannel token with same-length stars', () => {
    const open = enc.encode('{"MessageSchemaVersion":"1.0","RequestId":"r","TokenValue":"secret-token-123","ClientId":"c"}');
    const r = new CaptureEncoder().record({ dir: 'client->server', kind: 'text', bytes: open, at: 5 });
    expect(Buffer.from(r.raw).toString()).toBe('{"MessageSchemaVersion":"1.0","RequestId":"r","TokenValue":"****************","ClientId":"c"}');
    expect(r.masked).toEqual(['TokenValue']);
    expect(r.t).toBe(0);
  });

  it('masks KMS material in a HandshakeResponse, keeps every offset, and records the real digest check', () => {
    const json = '{"ClientVersion":"1.2.650.0","ProcessedClientActions":[{"ActionType":"KMSEncryption","ActionStatus":1,"ActionResult":{"KMSCipherTextKey":"AQIDBAUGBwg=","KMSCipherTextHash":null},"Error":""}],"Errors":null}';
    const raw = frame(MessageType.InputStreamData, 0, PayloadType.HandshakeResponse, json);
    const r = new CaptureEncoder().record({ dir: 'client->server', kind: 'binary', bytes: raw, at: 1 });
    expect(r.raw.length).toBe(raw.length);
    expect(Buffer.from(r.raw).toString('latin1')).toContain('"KMSCipherTextKey":"************"');
    expect(Buffer.from(r.raw).toString('latin1')).not.toContain('AQIDBAUGBwg=');
    expect(r.masked).toEqual(['KMSCipherTextKey']);
    expect(r.digestOk).toBe(true);
    const d = new CaptureDescriber().describe(r);
    expect(d.digest).toMatchObject({ status: 'masked', atCapture: true });
    expect(d.problems).toEqual([]);
    expect(d.payload?.json).toMatchObject({ ProcessedClientActions: [{ ActionResult: { KMSCipherTextKey: '************' } }] });
  });

  it('masks the encryption challenge and leaves terminal output alone', () => {
    const challenge = frame(MessageType.OutputStreamData, 1, PayloadType.EncChallengeRequest, '{"Challenge":"c2VjcmV0"}');
    expect(new CaptureEncoder().record({ dir: 'server->client', kind: 'binary', bytes: challenge, at: 0 }).masked).toEqual(['Challenge']);
    const output = frame(MessageType.OutputStreamData, 2, PayloadType.Output, '{"Challenge":"shown"}');
    const r = new CaptureEncoder().record({ dir: 'server->client', kind: 'binary', bytes: output, at: 0 });
    expect(r.masked).toBeUndefined();
    expect(Buffer.compare(r.raw, output)).toBe(0);
  });

  it('mask: false keeps the bytes verbatim', () => {
    const open = enc.encode('{"TokenValue":"t0k"}');
    expect(Buffer.from(new CaptureEncoder({ mask: false }).record({ dir: 'client->server', kind: 'text', bytes: open, at: 0 }).raw).toString()).toBe('{"TokenValue":"t0k"}');
  });
});

describe('header variants', () => {
  it('an MGS-style channel_closed (HeaderLength 112, NUL padding) has no PayloadType and its payload at 116', () => {
    const payload = enc.encode('{"MessageType":"channel_closed","SessionId":"s-1","Output":""}');
    const raw = encodeFrame(
      { messageType: MessageType.ChannelClosed, sequenceNumber: 0, flags: 3, messageId: '00000000-0000-4000-8000-000000000001', payloadType: 0, payload, createdDate: 1 },
      { headerLength: 112, padding: 'nul' },
    );
    const d = new CaptureDescriber().describe({ t: 0, dir: 'server->client', kind: 'binary', raw });
    expect(d.fields.map((f) => `${f.name}@${f.offset}`)).toEqual([
      'HeaderLength@0', 'MessageType@4', 'SchemaVersion@36', 'CreatedDate@40', 'SequenceNumber@48',
      'Flags@56', 'MessageId@64', 'PayloadDigest@80', 'PayloadLength@112', 'Payload@116',
    ]);
    expect(d.fields[0]?.notes).toContain('short header: no PayloadType field (MGS-built channel_closed, §1.5)');
    expect(d.fields[1]?.notes).toEqual(['padded with 18 NULs']);
    expect(d.problems).toEqual([]);
    expect(d.notes).toEqual(['session closed normally (empty Output)']);
  });
});

describe('capture files', () => {
  it('a written capture parses back to the same frames, with times relative to the first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'porthole-capture-'));
    dirs.push(dir);
    const path = join(dir, 'c.jsonl');
    const writer = await CaptureWriter.open(path);
    const a = frame(MessageType.OutputStreamData, 0, PayloadType.Output, '$ ');
    const b = frame(MessageType.InputStreamData, 0, PayloadType.Size, '{"cols":80,"rows":24}');
    writer.write({ dir: 'client->server', kind: 'text', bytes: enc.encode('{"TokenValue":"x"}'), at: 1000 });
    writer.write({ dir: 'server->client', kind: 'binary', bytes: a, at: 1250 });
    writer.write({ dir: 'client->server', kind: 'binary', bytes: b, at: 1300 });
    await writer.close();
    const records = parseCapture(readFileSync(path, 'utf8'));
    expect(records.map((r) => [r.t, r.dir, r.kind, r.digestOk])).toEqual([
      [0, 'client->server', 'text', undefined],
      [250, 'server->client', 'binary', true],
      [300, 'client->server', 'binary', true],
    ]);
    expect(Buffer.from(records[0]!.raw).toString()).toBe('{"TokenValue":"*"}');
    expect(Buffer.compare(records[1]!.raw, a)).toBe(0);
  });
});

describe('describing real sessions', () => {
  it('shell session: every frame sound, acks linked to the frames they acknowledge', () => {
    const frames = describeCapture(readReal('shell-session.jsonl'));
    expect(frames.every((f) => f.problems.length === 0)).toBe(true);
    expect(frames.filter((f) => f.kind === 'binary').every((f) => f.digest?.status === 'ok')).toBe(true);
    expect(frames[0]?.summary).toMatch(/^OpenDataChannel/);
    const firstOutput = frames.find((f) => f.summary.startsWith('output_stream_data seq 0'));
    expect(firstOutput?.payload?.lines).toEqual(['bytes as text: "$ "']);
    expect(firstOutput?.notes).toContain('first output without a handshake: the client treats the session as a shell (§6.1)');
    const ack = frames[(firstOutput?.index ?? 0)]; // the frame right after it
    expect(ack?.notes).toEqual([`acknowledges output_stream_data seq 0 (frame ${firstOutput?.index})`]);
    expect(frames.at(-1)?.notes.some((n) => n.startsWith('session closed'))).toBe(true);
  });

  it('port mux session: smux frames decoded, the 6.7 kB PSH reassembled across 1024-byte messages', () => {
    const frames = describeCapture(readReal('port-mux-session.jsonl'));
    expect(frames.every((f) => f.problems.length === 0)).toBe(true);
    expect(frames[1]?.notes).toContain('port session in mux mode (AgentVersion > 3.0.196.0): PT 1 payloads are an smux v1 byte stream');
    const smux = frames.flatMap((f) => (f.payload?.smux ?? []).map((s) => ({ frame: f.index, dir: f.dir, ...s })));
    const upstream = smux.filter((s) => s.dir === 'client->server').map((s) => `${s.cmd} ${s.streamId}`);
    expect(upstream).toEqual(['SYN 3', 'PSH 3', 'FIN 3', 'SYN 5', 'PSH 5', 'FIN 5']);
    const request = smux.find((s) => s.cmd === 'PSH' && s.dir === 'client->server');
    expect(request?.data).toMatch(/^"GET \/file\.txt HTTP\/1\.1\\r\\nHost: 127\.0\.0\.1:7732/);
    const body = smux.find((s) => s.dir === 'server->client' && s.cmd === 'PSH' && s.length === 6756);
    expect(body?.streamId).toBe(3);
    expect(body?.streamOffset).toBe(196);
    expect(body?.startedInFrame).toBeDefined();
    expect(body!.startedInFrame!).toBeLessThan(body!.frame);
    const flag = frames.find((f) => f.payload?.kind === 'flag');
    expect(flag?.payload?.lines).toEqual(['PayloadTypeFlag 2 (TerminateSession), uint32 big-endian 00 00 00 02']);
  });

  it('a retransmitted or early frame is fed to smux once, in sequence order', () => {
    const handshake = frame(MessageType.OutputStreamData, 0, PayloadType.HandshakeRequest,
      '{"AgentVersion":"3.3.987.0","RequestedClientActions":[{"ActionType":"SessionType","ActionParameters":{"SessionType":"Port","Properties":{"portNumber":"80","type":"LocalPortForwarding"}}}]}');
    const syn = Uint8Array.from([1, 0, 0, 0, 3, 0, 0, 0]);
    const psh = Uint8Array.from([1, 2, 5, 0, 3, 0, 0, 0, ...enc.encode('hello')]);
    const seq1 = frame(MessageType.InputStreamData, 1, PayloadType.Output, Uint8Array.from([...syn, ...psh.subarray(0, 3)]));
    const seq2 = frame(MessageType.InputStreamData, 2, PayloadType.Output, psh.subarray(3));
    const at = (dir: CaptureRecord['dir'], raw: Uint8Array): CaptureRecord => ({ t: 0, dir, kind: 'binary', raw });
    const response = frame(MessageType.InputStreamData, 0, PayloadType.HandshakeResponse, '{"ClientVersion":"1.2.650.0"}');
    const frames = describeCapture([
      at('server->client', handshake),
      at('client->server', response),
      at('client->server', seq2), // early
      at('client->server', seq1), // fills the gap: completes SYN and, with seq 2, the PSH
      at('client->server', seq1), // retransmission
    ]);
    expect(frames[2]?.notes).toEqual(['arrived ahead of seq 1: held for smux reassembly until the gap fills']);
    expect(frames[3]?.payload?.smux?.map((s) => [s.cmd, s.streamOffset, s.data, s.startedInFrame])).toEqual([
      ['SYN', 0, '', undefined],
      ['PSH', 8, '"hello"', undefined],
    ]);
    expect(frames[4]?.notes).toEqual([
      `retransmission of frame 4 (same seq 1, same MessageId)`,
      'seq 1 was already delivered: not fed to smux again',
    ]);
  });

  it('a payload with a good smux frame and then a bad header shows the frame and the error at once', () => {
    const handshake = frame(MessageType.OutputStreamData, 0, PayloadType.HandshakeRequest,
      '{"AgentVersion":"3.3.987.0","RequestedClientActions":[{"ActionType":"SessionType","ActionParameters":{"SessionType":"Port","Properties":{"portNumber":"80","type":"LocalPortForwarding"}}}]}');
    const syn = [1, 0, 0, 0, 3, 0, 0, 0];
    const badVersion = [9, 2, 0, 0, 3, 0, 0, 0];
    const at = (dir: CaptureRecord['dir'], raw: Uint8Array): CaptureRecord => ({ t: 0, dir, kind: 'binary', raw });
    const frames = describeCapture([
      at('server->client', handshake),
      at('client->server', frame(MessageType.InputStreamData, 0, PayloadType.HandshakeResponse, '{"ClientVersion":"1.2.650.0"}')),
      at('client->server', frame(MessageType.InputStreamData, 1, PayloadType.Output, Uint8Array.from([...syn, ...badVersion]))),
    ]);
    expect(frames[2]?.payload?.smux?.map((f) => f.cmd)).toEqual(['SYN']);
    expect(frames[2]?.notes.some((n) => n.startsWith('smux protocol error:'))).toBe(true);
  });

  it('reads the e2e transcript format too (hex frames, text frames, events skipped)', () => {
    const records = parseCapture(readFileSync(join(conformanceDir(), 'e2e_transcript.json'), 'utf8'));
    expect(records[0]?.kind).toBe('text');
    const frames = describeCapture(records);
    expect(frames.length).toBeGreaterThan(5);
    expect(frames.filter((f) => f.kind === 'binary').every((f) => f.problems.length === 0)).toBe(true);
  });
});
