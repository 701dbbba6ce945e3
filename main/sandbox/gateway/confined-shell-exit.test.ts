// `exit` in a confined sandbox shell ends the session cleanly, as in a real agent's shell: no
// "Cannot set tty process group" from dash, whose terminal group under bubblewrap's own PID
// namespace used to be one it could not see (confinement.ts, TTY_GROUP_SCRIPT). Through real
// sockets, for an instance's shell (Standard_Stream) and for ECS Exec's `/bin/sh`
// (InteractiveCommands); job control still works in the shell. And Ctrl-Z does not end a command
// that is not a shell: on AWS the command is the pty's session leader, its group is orphaned and
// the terminal's stop is discarded, so `cat` keeps running (TTY_GROUP_SCRIPT resumes a stopped job).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageType, PayloadType, decodeChannelClosed, type ClientMessage } from '../../ssm/frame/index.js';
import { startFixture, type Fixture } from '../../../testing/sandbox/gateway/sandbox-fixture.js';
import { WireClient } from '../../../testing/sandbox/gateway/wire-client.js';
import type { SandboxSessionKind } from '../session-registry.js';
import { probeConfinement } from '../targets/confinement.js';

let fx: Fixture;
beforeAll(async () => {
  const confinement = await probeConfinement();
  if (confinement.kind !== 'bwrap') throw new Error(`bubblewrap is needed for this test (CI installs it): ${confinement.reason}`);
  // dash, as /bin/sh is on Debian and Ubuntu: the shell that printed the line.
  fx = await startFixture({ confinement, shell: '/bin/sh', shellStartDelayMs: 0, shellFirstOutputDelayMs: 0 });
});
afterAll(async () => {
  await fx.close();
});

describe('a confined shell ended with exit', () => {
  it.each<[string, SandboxSessionKind]>([
    ["an instance's shell", { type: 'Standard_Stream' }],
    ["ECS Exec's /bin/sh", { type: 'InteractiveCommands', command: '/bin/sh' }],
  ])('%s ends with no "Cannot set tty process group", and with job control working', async (_name, kind) => {
    const s = fx.addSession(kind);
    const client = await WireClient.open(fx.url(s.sessionId), s.tokenValue);
    try {
      // A background job: the shell reports it in its own process group (job control at work).
      client.send(PayloadType.Output, 'sleep 0 & wait; echo "jobs-$((6*7))"\n');
      // (The typed line's echo says `$((6*7))`: only the shell's answer says 42.)
      await client.waitFor(() => client.outputText().includes('jobs-42\r\n'), 'the echo after the background job');
      client.send(PayloadType.Output, 'exit\n');
      await client.waitFor(() => client.frames(MessageType.ChannelClosed).length > 0, 'channel_closed');
      const text = client.outputText();
      // dash says `[1] + Done`, bash `[1]+  Done`.
      expect(text).toMatch(/\[1\]\s*\+\s*Done\s+sleep 0/);
      expect(text).not.toMatch(/tty process group/i);
      expect(text).not.toMatch(/job control/i);
      expect(decodeChannelClosed((client.frames(MessageType.ChannelClosed)[0] as ClientMessage).payload).output).toBe('');
    } finally {
      client.close();
    }
  });
});

describe('Ctrl-Z in a confined command that is not a shell', () => {
  it('leaves an InteractiveCommands session running cat open, cat still echoing; Ctrl-C then ends it', async () => {
    const s = fx.addSession({ type: 'InteractiveCommands', command: 'cat' });
    const client = await WireClient.open(fx.url(s.sessionId), s.tokenValue);
    const closed = (): boolean => client.frames(MessageType.ChannelClosed).length > 0;
    try {
      // The terminal echoes the typed line once; only cat's copy makes it appear twice.
      client.send(PayloadType.Output, 'first\n');
      await client.waitFor(() => client.outputText().includes('first\r\nfirst\r\n'), "cat's first echo");
      client.send(PayloadType.Output, new Uint8Array([0x1a]));
      client.send(PayloadType.Output, 'second\n');
      await client.waitFor(() => closed() || client.outputText().includes('second\r\nsecond\r\n'), "cat's echo after Ctrl-Z, or the session's end");
      expect(closed()).toBe(false);
      expect(client.outputText()).toContain('second\r\nsecond\r\n');
      client.send(PayloadType.Output, new Uint8Array([0x03]));
      await client.waitFor(closed, 'channel_closed after Ctrl-C');
      expect(client.outputText()).not.toContain('third');
    } finally {
      client.close();
    }
  });
});
