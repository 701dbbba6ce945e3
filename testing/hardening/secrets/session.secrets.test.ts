// No credential or session token reaches the renderer or the logs (issue 6 part 3): a full
// scripted session through the router against the sandbox (inventory, a shell and a KMS shell
// with the inspector open, websocket kills and resumes, a forward, diagnostics) while every
// renderer-bound message and every log line is captured, then scanned for the sandbox's
// secret key, every TokenValue it issued and every KMS data key (plaintext and ciphertext).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InspectorFrame } from '../../../shared/contract/index.js';
import { startSandboxApp, type SandboxApp } from '../../composition/sandbox-app.js';
import { runScenario } from './scenario.js';
import { findLeaks, SecretWatch } from './secret-watch.js';

const logs: string[] = [];
let t: SandboxApp;
let watch: SecretWatch;

/** JSON with bytes shown as their latin1 text, so secrets inside bytes are visible to the scan. */
const text = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x instanceof Uint8Array ? Buffer.from(x).toString('latin1') : x)) ?? '';

beforeAll(async () => {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logs.push(args.map((a) => (typeof a === 'string' ? a : text(a))).join(' ')));
  }
  t = await startSandboxApp({ log: (line) => void logs.push(line) });
  if (t.app.sandbox === null) throw new Error('the sandbox did not start');
  watch = new SecretWatch(t.app.sandbox);
});
afterAll(async () => {
  watch.stop();
  await t.stop();
  vi.restoreAllMocks();
});

describe('secrets stay in main', () => {
  it('never appear in renderer-bound messages, inspector frames or logs during a full session', async () => {
    const sandbox = t.app.sandbox!;
    const { client, replies } = await runScenario(t.app.router, sandbox);
    watch.stop();

    const frames = client.eventsOf('inspector', 'frame') as InspectorFrame[];
    const haystacks = [
      ...replies.map((r, i) => ({ where: `reply ${i}`, text: text(r) })),
      ...client.events.map((e, i) => ({ where: `event ${i} ${e.service}.${e.event}`, text: text(e) })),
      ...client.rejected.map((r, i) => ({ where: `rejection ${i}`, text: text(r) })),
      ...client.dataMessages.map((m, i) => ({ where: `data ${i} ${m.type}`, text: text(m) })),
      // Inspector frames are base64 of whole binary frames: scan the decoded bytes too.
      ...frames.map((f, i) => ({ where: `inspector frame ${i} (${f.direction} ${f.messageType})`, text: Buffer.from(f.frameBase64, 'base64').toString('latin1') })),
      ...logs.map((line, i) => ({ where: `log line ${i}`, text: line })),
    ];
    expect(findLeaks(watch.secrets(), haystacks)).toEqual([]);

    // The scan had something to find: tokens were issued and reissued on resume, a KMS data key
    // was made, and the inspector saw the re-open (whose OpenDataChannel carries a TokenValue).
    expect(watch.tokenCount).toBeGreaterThanOrEqual(5);
    expect(watch.dataKeyCount).toBeGreaterThanOrEqual(1);
    expect(frames.some((f) => f.direction === 'out' && Buffer.from(f.frameBase64, 'base64').toString('latin1').includes('TokenValue'))).toBe(true);
    expect(replies.length).toBeGreaterThan(10);
    expect(client.dataMessages.length).toBeGreaterThan(0);
  });
});
