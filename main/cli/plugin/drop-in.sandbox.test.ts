// The drop-in run directly (as ssh's ProxyCommand or a script would) against the sandbox: what it
// adds to the plugin — the remote exit code, resume across websocket kills, captures that
// `porthole inspect` describes, recordings that `porthole play` replays byte-identical — and the
// terminal behaviour under a real pty (raw mode, Ctrl-C as a byte, resize).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pty from 'node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCapture } from '../../ssm/inspect/index.js';
import { CliHarness, LAUNCHER } from '../../../testing/cli/cli-harness.js';

let h: CliHarness;
let dir: string;
let plugin: string;
beforeAll(async () => {
  h = await CliHarness.start();
  dir = mkdtempSync(join(tmpdir(), 'porthole-dropin-'));
  plugin = join(h.binDir, 'session-manager-plugin');
});
afterAll(async () => {
  await h?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('session-manager-plugin drop-in, beyond the plugin', () => {
  it('exits with the remote command\'s exit code when the agent sends one (PT 12), stderr kept apart', async () => {
    const s = h.addSession({ type: 'NonInteractiveCommands', command: 'sh -c "echo to-stdout; echo to-stderr >&2; exit 7"', separateOutputStream: true });
    const r = await h.run(plugin, s.args);
    expect(r.stdout).toContain('to-stdout');
    expect(r.stderr).toContain('to-stderr');
    expect(r.stdout).toContain(`Exiting session with sessionId: ${s.sessionId}.`);
    expect(r.code).toBe(7);
  });

  it('a data channel that cannot be opened ends with the plugin\'s "Cannot perform start session" line, status 0', async () => {
    const dead = JSON.stringify({ SessionId: 's-dead', TokenValue: 't', StreamUrl: 'ws://127.0.0.1:9/v1/data-channel/s-dead?role=publish_subscribe' });
    const r = await h.run(plugin, [dead, h.sandbox.region, 'StartSession', '', '{"Target":"i-0a1b2c3d4e5f60001"}', h.sandbox.endpoint]);
    expect(r.stdout).toMatch(/^\nStarting session with SessionId: s-dead\nCannot perform start session: could not open the data channel after \d+ attempts: .+\n$/);
    expect(r.code).toBe(0);
  });

  it('a caller without ssm:ResumeSession is told so at the first drop, not that the session timed out', async () => {
    const s = h.addSession({ type: 'Standard_Stream' });
    h.sandbox.apiFaults.set({ rules: [{ operation: 'ssm.ResumeSession', answer: 'access-denied' }] });
    try {
      const before = h.sandbox.stats.byOperation['ssm.ResumeSession'] ?? 0;
      h.gateway.faults.set(s.sessionId, { killSocketEveryMs: 700 });
      const r = await h.run(plugin, s.args, { input: 'sleep 10\nexit\n' });
      expect(r.stdout).toMatch(/\nCannot perform start session: cannot reconnect: these credentials lack the ssm:ResumeSession permission.*AccessDeniedException/);
      expect(r.stdout).not.toContain('timed out');
      expect(r.code).toBe(0);
      expect((h.sandbox.stats.byOperation['ssm.ResumeSession'] ?? 0) - before).toBe(1);
    } finally {
      h.sandbox.apiFaults.set({ rules: [] });
    }
  });

  it('resumes after the websocket is killed again and again, losing no input or output', async () => {
    const s = h.addSession({ type: 'Standard_Stream' });
    h.gateway.faults.set(s.sessionId, { killSocketEveryMs: 700 });
    const capture = join(dir, 'resume.jsonl');
    const r = await h.run(plugin, ['--capture', capture, ...s.args], { input: 'echo start; sleep 3; echo done-$((40+2))\nexit\n' });
    expect(r.stdout).toContain('done-42');
    expect(r.stdout).toContain(`Exiting session with sessionId: ${s.sessionId}.`);
    expect(r.code).toBe(0);
    const opens = parseCapture(readFileSync(capture, 'utf8')).filter((f) => f.kind === 'text');
    expect(opens.length).toBeGreaterThanOrEqual(2); // one OpenDataChannel per (re)connection
  });

  it('writes a masked capture that porthole inspect describes without problems', async () => {
    const s = h.addSession({ type: 'Standard_Stream' });
    const capture = join(dir, 'shell.jsonl');
    const r = await h.run(plugin, s.args, { input: 'echo captured\nexit\n', env: h.env({ PORTHOLE_CAPTURE: capture }) });
    expect(r.code).toBe(0);
    const text = readFileSync(capture, 'utf8');
    const token = (JSON.parse(s.response) as { TokenValue: string }).TokenValue;
    expect(text).not.toContain(Buffer.from(token).toString('base64'));
    const inspect = await h.run(process.execPath, [LAUNCHER, 'inspect', capture, '--no-hexdump']);
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toMatch(/OpenDataChannel \(websocket text frame, §3\.3\)/);
    expect(inspect.stdout).toMatch(/"TokenValue": "\*+"/);
    expect(inspect.stdout).toMatch(/input_stream_data seq 0, PT 3 Size/);
    expect(inspect.stdout).toContain('captured');
    expect(inspect.stdout).toMatch(/\d+ frames, no problems\n$/);
  });

  it('records a shell as asciicast v2 that porthole play replays byte-identical', async () => {
    const s = h.addSession({ type: 'Standard_Stream' });
    const cast = join(dir, 'shell.cast');
    const r = await h.run(plugin, ['--record', cast, ...s.args], { input: "printf 'caf\\303\\251 \\342\\234\\223 %s\\n' recorded\nexit\n" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('café ✓ recorded');
    const header = JSON.parse(readFileSync(cast, 'utf8').split('\n')[0] ?? '') as { version: number; width: number; height: number };
    expect(header).toMatchObject({ version: 2, width: 300, height: 100 }); // the plugin's size without a tty
    const play = await h.run(process.execPath, [LAUNCHER, 'play', cast, '--speed', '1000']);
    expect(play.code).toBe(0);
    const starting = `\nStarting session with SessionId: ${s.sessionId}\n`;
    const closing = `\n\nExiting session with sessionId: ${s.sessionId}.\n\n`;
    expect(Buffer.from(starting + play.stdout + closing).equals(Buffer.from(r.stdout))).toBe(true);
  });
});

describe('session-manager-plugin drop-in: capture masking and file errors', () => {
  /** Every client->server binary frame's bytes in a capture, joined (what a shared capture tells about input). */
  function sentBytes(capture: string): string {
    return parseCapture(readFileSync(capture, 'utf8'))
      .filter((f) => f.dir === 'client->server' && f.kind === 'binary')
      .map((f) => Buffer.from(f.raw).toString('latin1'))
      .join('');
  }
  const secret = 'hunter2-typed-at-a-silent-prompt';
  const input = `read -r pw; echo "got \${#pw} chars"\n${secret}\nexit\n`;

  it('masks input payloads by default (a password typed at a no-echo prompt included); --capture-unmasked keeps them', async () => {
    const s = h.addSession({ type: 'Standard_Stream' });
    const masked = join(dir, 'masked.jsonl');
    const r = await h.run(plugin, ['--capture', masked, ...s.args], { input });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`got ${secret.length} chars`);
    expect(sentBytes(masked)).not.toContain(secret);
    expect(sentBytes(masked)).not.toContain('read -r pw');
    const records = parseCapture(readFileSync(masked, 'utf8'));
    expect(records.some((f) => f.masked?.includes('input'))).toBe(true);
    // Resizes stay readable: only keystrokes are secret.
    expect(sentBytes(masked)).toMatch(/"cols":\s*\d+/);

    const t = h.addSession({ type: 'Standard_Stream' });
    const unmasked = join(dir, 'unmasked.jsonl');
    const u = await h.run(plugin, ['--capture', unmasked, '--capture-unmasked', ...t.args], { input });
    expect(u.code).toBe(0);
    expect(sentBytes(unmasked)).toContain(secret);
  });

  it('a --record or --capture path that cannot be opened is one clear line; the session goes on', async () => {
    const s = h.addSession({ type: 'Standard_Stream' });
    const r = await h.run(plugin, ['--record', '/no/such/dir/x.cast', '--capture', '/no/such/dir/x.jsonl', ...s.args], { input: 'echo still-running-$((6*7))\nexit\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('still-running-42');
    expect(r.stdout).toContain(`Exiting session with sessionId: ${s.sessionId}.`);
    expect(r.stderr.split('\n').filter((l) => l !== '')).toEqual([
      expect.stringMatching(/^porthole: cannot capture to \/no\/such\/dir\/x\.jsonl: ENOENT.*; the session goes on without a capture$/),
      expect.stringMatching(/^porthole: cannot record to \/no\/such\/dir\/x\.cast: ENOENT.*; the session goes on without recording$/),
    ]);
  });

  it('a recording whose writes fail (a full device) is told once; the session goes on and ends normally', async () => {
    const s = h.addSession({ type: 'Standard_Stream' });
    const r = await h.run(plugin, ['--record', '/dev/full', ...s.args], { input: 'echo after-full-$((6*7))\nexit\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('after-full-42');
    expect(r.stdout).toContain(`Exiting session with sessionId: ${s.sessionId}.`);
    expect(r.stderr.split('\n').filter((l) => l !== '')).toEqual([expect.stringMatching(/^porthole: recording \/dev\/full stopped: ENOSPC.*; the session goes on$/)]);
  });
});

/** How long each `stty size` waits for the new size before asking again (the resize is in flight). */
const RESIZE_POLL_MS = 1_000;
/** Asking stops after this: the resize never reached the remote shell. */
const RESIZE_TIMEOUT_MS = 20_000;

describe('session-manager-plugin drop-in under a real terminal', () => {
  it('raw mode: Ctrl-C reaches the remote shell as 0x03, a resize reaches stty, exit ends it', async () => {
    const s = h.addSession({ type: 'Standard_Stream' });
    const term = pty.spawn(plugin, s.args, { cols: 80, rows: 24, env: h.env(), name: 'xterm-256color' });
    let out = '';
    const exited = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
    term.onData((d) => (out += d));
    const waitFor = (re: RegExp, ms = 20_000): Promise<void> =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const tick = (): void => {
          if (re.test(out)) return resolve();
          if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${re}; got: ${JSON.stringify(out)}`));
          setTimeout(tick, 50);
        };
        tick();
      });
    try {
      await waitFor(/Starting session with SessionId[^\n]*\n[\s\S]*[#$] $/);
      term.write('stty size\r');
      await waitFor(/\n24 80\r*\n/);
      term.resize(100, 30);
      // The new size travels pty -> plugin -> agent: ask until the remote shell reports it.
      await (async () => {
        for (let attempt = 1; ; attempt++) {
          term.write('stty size\r');
          try {
            return await waitFor(/\n30 100\r*\n/, RESIZE_POLL_MS);
          } catch (err) {
            if (attempt * RESIZE_POLL_MS >= RESIZE_TIMEOUT_MS) throw err;
          }
        }
      })();
      // Ctrl-C once the remote shell is running the line: the echo's computed output (not the typed
      // text) proves it started; the sleep it goes on to is what the Ctrl-C must interrupt.
      term.write('echo sleeping-$((2+3)); sleep 60\r');
      await waitFor(/sleeping-5\r*\n/);
      term.write('\x03');
      term.write('echo after-$((1+1))\r');
      await waitFor(/after-2\r*\n/);
      // Raw mode: only the remote echoes keystrokes (a cooked local tty would show them twice).
      expect(out.split('echo after-$((1+1))').length - 1).toBe(1);
      term.write('exit\r');
      expect(await exited).toBe(0);
      expect(out).toContain(`Exiting session with sessionId: ${s.sessionId}.`);
    } finally {
      term.kill();
    }
  });
});
