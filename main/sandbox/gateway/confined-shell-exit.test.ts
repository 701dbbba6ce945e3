// `exit` in a confined sandbox shell ends the session cleanly, as in a real agent's shell: no
// "Cannot set tty process group" from dash, whose terminal group under bubblewrap's own PID
// namespace used to be one it could not see (confinement.ts, TTY_GROUP_SCRIPT). Through real
// sockets, for an instance's shell (Standard_Stream) and for ECS Exec's `/bin/sh`
// (InteractiveCommands); job control still works in the shell.
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
      expect(text).toMatch(/\[1\] \+ Done +sleep 0/);
      expect(text).not.toMatch(/tty process group/i);
      expect(text).not.toMatch(/job control/i);
      expect(decodeChannelClosed((client.frames(MessageType.ChannelClosed)[0] as ClientMessage).payload).output).toBe('');
    } finally {
      client.close();
    }
  });
});
