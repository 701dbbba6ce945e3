// The shell plugin against its host contract alone (no gateway, no websocket): a pty the agent
// stopped reading keeps its tail when the command exits meanwhile.
import { afterEach, describe, expect, it } from 'vitest';
import { PayloadType } from '../../ssm/frame/index.js';
import { AGENT } from './constants.js';
import type { PluginHost } from './plugin.js';
import { ShellPlugin } from './shell-plugin.js';

/** Past node-pty's 200 ms grace for an unread pty after its process exits, and past the 1 s first-read wait. */
const AWAY_MS = AGENT.SHELL_FIRST_OUTPUT_DELAY_MS + 500;
/** Just over the shell pump's high-water mark: the rest fits in the kernel's pty buffer, so the command exits while unread. */
const OUTPUT_BYTES = AGENT.SHELL_PUMP_HIGH_WATER_BYTES + 8 * 1024;

interface TestHost extends PluginHost {
  active: boolean;
  readonly output: Buffer[];
  finished: Promise<string>;
}

function testHost(): TestHost {
  let done: (output: string) => void = () => undefined;
  const host: TestHost = {
    sessionId: 'shell-plugin-test',
    pacing: 'unpaced',
    active: false,
    output: [],
    finished: new Promise<string>((resolve) => (done = resolve)),
    send(payloadType, payload) {
      if (payloadType === PayloadType.Output) host.output.push(Buffer.from(payload));
    },
    ready: () => undefined,
    finish: (output) => done(output),
  };
  return host;
}

let plugin: ShellPlugin | undefined;
afterEach(() => plugin?.stop());

describe('ShellPlugin', () => {
  it('reads a paused pty to the end when its command exits while nothing is sent', async () => {
    const host = testHost();
    plugin = new ShellPlugin(host, { shell: '/bin/sh', command: `head -c ${OUTPUT_BYTES} /dev/zero | tr '\\000' a; printf '\\nTAIL-MARK\\n'`, workdir: process.cwd(), startDelayMs: 0 });
    plugin.start();
    // The client is away: the pump fills, the pty is paused, the command finishes and exits.
    await new Promise((resolve) => setTimeout(resolve, AWAY_MS));
    host.active = true;
    plugin.activeChanged();
    expect(await host.finished).toBe('');
    const text = Buffer.concat(host.output).toString();
    expect(text.split('a').length - 1).toBe(OUTPUT_BYTES);
    expect(text.endsWith('\r\nTAIL-MARK\r\n')).toBe(true);
  });
});
