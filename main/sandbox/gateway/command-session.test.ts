// InteractiveCommands and NonInteractiveCommands (§7.3): only NonInteractiveCommands with
// separateOutputStream reports an exit code (PT 12), after PT 1 stdout and PT 11 stderr.
// NonInteractiveCommands handshakes first, as the real agent does (issue 20; §6.1 omits it).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MessageType, PayloadType, decodeChannelClosed, type ClientMessage } from '../../ssm/frame/index.js';
import { GATEWAY } from './constants.js';
import { startFixture, type Fixture } from '../../../testing/sandbox/gateway/sandbox-fixture.js';
import { WireClient } from '../../../testing/sandbox/gateway/wire-client.js';

let fx: Fixture;
beforeEach(async () => {
  fx = await startFixture();
});
afterEach(async () => {
  await fx.close();
});

/** Opens a NonInteractiveCommands session and completes the agent's handshake (§6.2–§6.4). */
async function openCommand(sessionId: string, token: string): Promise<WireClient> {
  const client = await WireClient.open(fx.url(sessionId), token, { clientVersion: '1.2.650.0' });
  await client.waitFor(() => client.stream.length === 1, 'HandshakeRequest');
  client.send(PayloadType.HandshakeResponse, JSON.stringify({ ClientVersion: '1.2.650.0', ProcessedClientActions: [{ ActionType: 'SessionType', ActionStatus: 1, ActionResult: null, Error: '' }], Errors: null }));
  await client.waitFor(() => client.stream.length >= 2, 'HandshakeComplete');
  return client;
}

/**
 * Output for the "larger than the pump" test: twice the largest buffer on its way (the gateway's
 * 1 MiB of unacked output; the pump holds 256 KiB, the file is read 64 KiB at a time), so every
 * one of them fills and drains. It was 3 MB: at load ~35 on 2 cores that took up to 37 s (1 KB
 * frames at ~80 KB/s, every frame arriving once, none lost), past the client's 15 s wait.
 */
const LARGE_OUTPUT_BYTES = 2 * GATEWAY.UNACKED_HIGH_WATER_BYTES;
/**
 * Its wait for channel_closed: a guard against a stall, not a speed check. Healthy it takes 1–2 s;
 * at load ~40 on 2 cores, four at once took up to 37 s (the test client's wait is 40 s).
 */
const LARGE_OUTPUT_WAIT_MS = 100_000;
/** The test's own timeout: the guard above plus the session's start and end. */
const LARGE_OUTPUT_TEST_MS = LARGE_OUTPUT_WAIT_MS + 20_000;

/** The stream after the two handshake messages. */
const afterHandshake = (c: WireClient): ClientMessage[] => c.stream.slice(2);

const closedOutput = (c: WireClient) => decodeChannelClosed((c.frames(MessageType.ChannelClosed)[0] as ClientMessage).payload).output;

describe('command sessions', () => {
  it('NonInteractiveCommands handshakes like the real agent: SessionType with null Properties, then HandshakeComplete, then output', async () => {
    const s = fx.addSession({ type: 'NonInteractiveCommands', command: 'echo after-handshake', separateOutputStream: false });
    const client = await WireClient.open(fx.url(s.sessionId), s.tokenValue, { clientVersion: '1.2.650.0' });
    // Input before the handshake completes is acked and dropped by the agent (§4.3): nothing runs
    // until the HandshakeResponse arrives, so the first stream message is the request.
    await client.waitFor(() => client.stream.length === 1, 'HandshakeRequest');
    const request = client.stream[0] as ClientMessage;
    expect([request.sequenceNumber, request.flags, request.payloadType]).toEqual([0, 1, PayloadType.HandshakeRequest]);
    expect(JSON.parse(Buffer.from(request.payload).toString())).toMatchObject({
      RequestedClientActions: [{ ActionType: 'SessionType', ActionParameters: { SessionType: 'NonInteractiveCommands', Properties: null } }],
    });
    client.send(PayloadType.HandshakeResponse, JSON.stringify({ ClientVersion: '1.2.650.0', ProcessedClientActions: [{ ActionType: 'SessionType', ActionStatus: 1, ActionResult: null, Error: '' }], Errors: null }));
    await client.waitFor(() => client.frames(MessageType.ChannelClosed).length > 0, 'channel_closed');
    expect(client.stream[1]?.payloadType).toBe(PayloadType.HandshakeComplete);
    expect(client.ackedSeqs()).toContain(0); // the HandshakeResponse was acked
    expect(Buffer.concat(afterHandshake(client).map((f) => f.payload)).toString()).toBe('after-handshake\n');
    expect(closedOutput(client)).toBe('');
  });

  it('NonInteractiveCommands with separate streams: PT 1 stdout, PT 11 stderr, then PT 12 EXIT_CODE last', async () => {
    const s = fx.addSession({ type: 'NonInteractiveCommands', command: 'echo out-one; echo err-one >&2; echo out-two; exit 7', separateOutputStream: true });
    const client = await openCommand(s.sessionId, s.tokenValue);
    await client.waitFor(() => client.frames(MessageType.ChannelClosed).length > 0, 'channel_closed');
    expect(client.outputText(PayloadType.Output)).toBe('out-one\nout-two\n');
    expect(client.outputText(PayloadType.StdErr)).toBe('err-one\n');
    const last = client.stream[client.stream.length - 1] as ClientMessage;
    expect(last.payloadType).toBe(PayloadType.ExitCode);
    expect(Buffer.from(last.payload).toString()).toBe('EXIT_CODE: 7');
    expect(client.stream.filter((f) => f.payloadType === PayloadType.ExitCode)).toHaveLength(1);
    expect(closedOutput(client)).toBe('');
  });

  it('NonInteractiveCommands without separate streams: combined output after exit, no exit code', async () => {
    const s = fx.addSession({ type: 'NonInteractiveCommands', command: 'echo a; echo b >&2; exit 4', separateOutputStream: false });
    const client = await openCommand(s.sessionId, s.tokenValue);
    await client.waitFor(() => client.frames(MessageType.ChannelClosed).length > 0, 'channel_closed');
    expect(afterHandshake(client).every((f) => f.payloadType === PayloadType.Output)).toBe(true);
    // One file for both streams (§7.3): the order written is the order sent.
    expect(client.outputText()).toBe('a\nb\n');
  });

  it('NonInteractiveCommands without separate streams: output larger than the pump streams whole', async () => {
    const s = fx.addSession({ type: 'NonInteractiveCommands', command: `head -c ${LARGE_OUTPUT_BYTES} /dev/zero | tr '\\0' x`, separateOutputStream: false });
    const client = await openCommand(s.sessionId, s.tokenValue);
    await client.waitFor(() => client.frames(MessageType.ChannelClosed).length > 0, 'channel_closed', LARGE_OUTPUT_WAIT_MS);
    const text = client.outputText();
    expect(text.length).toBe(LARGE_OUTPUT_BYTES);
    expect(/^x+$/.test(text)).toBe(true);
  }, LARGE_OUTPUT_TEST_MS);

  it('NonInteractiveCommands without separate streams: multi-byte UTF-8 across file reads arrives intact', async () => {
    // 304-byte lines of 3-byte characters: 64 KB file reads end inside a character, which is
    // held back while the next read reuses the buffer.
    const s = fx.addSession({ type: 'NonInteractiveCommands', command: `awk 'BEGIN { for (i = 0; i < 1000; i++) { s = ""; for (j = 0; j < 101; j++) s = s "€"; print s } }'`, separateOutputStream: false });
    const client = await openCommand(s.sessionId, s.tokenValue);
    await client.waitFor(() => client.frames(MessageType.ChannelClosed).length > 0, 'channel_closed');
    expect(client.outputText()).toBe(`${'€'.repeat(101)}\n`.repeat(1000));
  });

  it('NonInteractiveCommands: Ctrl-C in the input interrupts the command', async () => {
    const s = fx.addSession({ type: 'NonInteractiveCommands', command: "trap 'echo got-int; exit 130' INT; echo ready; while :; do sleep 0.05; done", separateOutputStream: true });
    const client = await openCommand(s.sessionId, s.tokenValue);
    await client.waitFor(() => client.outputText().includes('ready'), 'command start');
    client.send(PayloadType.Output, new Uint8Array([0x03]));
    await client.waitFor(() => client.frames(MessageType.ChannelClosed).length > 0, 'channel_closed');
    expect(client.outputText()).toContain('got-int');
    expect(Buffer.from((client.stream.at(-1) as ClientMessage).payload).toString()).toBe('EXIT_CODE: 130');
  });

  it('InteractiveCommands runs the command on a pty and never sends an exit code', async () => {
    const s = fx.addSession({ type: 'InteractiveCommands', command: 'printf "tty=%s\\n" "$(tty)"; exit 5' });
    const client = await WireClient.open(fx.url(s.sessionId), s.tokenValue);
    await client.waitFor(() => client.frames(MessageType.ChannelClosed).length > 0, 'channel_closed');
    expect(client.outputText()).toMatch(/tty=\/dev\/pts\/\d+\r\n/);
    expect(client.stream.some((f) => f.payloadType === PayloadType.ExitCode)).toBe(false);
    expect(closedOutput(client)).toBe('');
  });
});
